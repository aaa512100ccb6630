/**
 * What Notes Assistant asks for, and what each of its actions needs. These
 * are the client's own choices; the authorization server decides what is
 * granted (RFC 6749 §3.3: the granted scope may be narrower than asked).
 */
import { formatScope, parseScope } from '@/lib/oauth/scopes';

/** Asked for in every sign-in: who you are, your name, and a refresh token. */
const BASE_SCOPES = ['openid', 'profile', 'offline_access'] as const;

export type AccessChoice = 'read' | 'read-write';

export const ACCESS_CHOICES: Record<AccessChoice, { label: string; scope: string; explains: string }> = {
  read: {
    label: 'Read only',
    scope: formatScope([...BASE_SCOPES, 'notes:read']),
    explains: 'Notes Assistant can list and read your notes.',
  },
  'read-write': {
    label: 'Read and write',
    scope: formatScope([...BASE_SCOPES, 'notes:read', 'notes:write']),
    explains: 'Notes Assistant can also create, edit and delete notes for you.',
  },
};

export type NoteAction = 'list' | 'read' | 'create' | 'edit' | 'delete';

/** The scope the Notes API requires for each action (the resource server's rule, mirrored for display). */
export const SCOPE_NEEDED: Record<NoteAction, string> = {
  list: 'notes:read',
  read: 'notes:read',
  create: 'notes:write',
  edit: 'notes:write',
  delete: 'notes:write',
};

/** The chosen scope plus what the user typed (RFC 6749 §3.3: space-delimited; repeats dropped). */
export function scopeWithExtra(scope: string, extra: string): string {
  return formatScope(new Set([...splitScope(scope), ...extra.split(/\s+/).filter(Boolean)]));
}

/** A scope string (asked or granted) as its tokens (RFC 6749 §3.3); none, or a malformed one, is no scope. */
export function splitScope(scope: string | null | undefined): string[] {
  return parseScope(scope ?? '') ?? [];
}

export function hasScope(granted: string, needed: string): boolean {
  return splitScope(granted).includes(needed);
}

/**
 * The scope to ask for when re-authorizing to add what a refusal named:
 * everything already granted plus the missing scopes (incremental
 * authorization: the new grant must still cover what the app already does).
 */
export function scopeWithAdded(granted: string, missing: string): string {
  const all = [...BASE_SCOPES, ...splitScope(granted), ...splitScope(missing)];
  return formatScope(new Set(all));
}
