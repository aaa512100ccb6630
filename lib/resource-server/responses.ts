import { problemResponse } from '@/lib/http/problem';
import { NO_STORE } from '@/lib/http/cache-control';
import { jsonResponse } from '@/lib/http/json-response';
import { bearerErrorResponse } from '@/lib/oauth/error-responses';
import type { NotesOutcome } from './notes-request';
import { ACTIONS, DEFAULT_POLICY, type NotesPolicy } from './policy-document';

/** The realm of the Notes API's Bearer challenges (RFC 6750 §3). */
const REALM = 'notes-api';

/** RFC 9728 §3: the metadata URL, the well-known string inserted between host and path. */
const resourceMetadataUrl = (origin: string) => `${origin}/.well-known/oauth-protected-resource/rs`;

/**
 * Turns the Notes API's decision into HTTP: a JSON answer; an RFC 6750 §3
 * Bearer challenge (with RFC 9728 §5.1 `resource_metadata`; no error code
 * when there was no token); or an RFC 9457 problem.
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3
 */
export function notesResponse(outcome: NotesOutcome, origin: string): Response {
  switch (outcome.kind) {
    case 'ok': {
      if (outcome.status === 204) return new Response(null, { status: 204, headers: NO_STORE });
      const id = (outcome.body as { id?: unknown } | undefined)?.id;
      const headers: Record<string, string> =
        outcome.status === 201 && typeof id === 'string' ? { Location: `${origin}/rs/api/notes/${encodeURIComponent(id)}` } : {};
      return jsonResponse(outcome.body, { status: outcome.status, headers });
    }
    case 'challenge':
      return bearerErrorResponse(outcome.error, { realm: REALM, resourceMetadata: resourceMetadataUrl(origin) });
    case 'problem':
      return problemResponse(outcome.status, outcome.title, outcome.detail, outcome.extra, outcome.status === 503 ? { 'Retry-After': '5' } : {});
  }
}

/**
 * RFC 9728 §2: the Notes API's protected resource metadata. `scopes_supported`
 * are the scopes the run's policy gives a meaning to (the scopes its actions
 * need), so it follows the run the request names.
 */
export function protectedResourceMetadata(origin: string, policy: Pick<NotesPolicy, 'actions'> = DEFAULT_POLICY) {
  return {
    resource: `${origin}/rs`,
    authorization_servers: [`${origin}/as`],
    scopes_supported: [...new Set(ACTIONS.flatMap((a) => policy.actions[a]))],
    bearer_methods_supported: ['header'],
    resource_name: 'Notes API',
  };
}
