import { problemResponse } from '@/lib/http/problem';
import { bearerChallenge } from '@/lib/oauth/error-responses';
import type { NotesOutcome } from './notes-request';
import { ACTIONS, DEFAULT_POLICY, type NotesPolicy } from './policy-document';

/** The realm of the Notes API's Bearer challenges (RFC 6750 §3). */
export const REALM = 'notes-api';

/** RFC 9728 §3: the metadata URL, the well-known string inserted between host and path. */
export const resourceMetadataUrl = (origin: string) => `${origin}/.well-known/oauth-protected-resource/rs`;

const NO_STORE = { 'Cache-Control': 'no-store' };

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
      const headers: Record<string, string> = { ...NO_STORE, 'Content-Type': 'application/json' };
      const id = (outcome.body as { id?: unknown } | undefined)?.id;
      if (outcome.status === 201 && typeof id === 'string') headers.Location = `${origin}/rs/api/notes/${encodeURIComponent(id)}`;
      return new Response(JSON.stringify(outcome.body), { status: outcome.status, headers });
    }
    case 'challenge': {
      const { error } = outcome;
      const headers = {
        ...NO_STORE,
        'WWW-Authenticate': bearerChallenge({ realm: REALM, resourceMetadata: resourceMetadataUrl(origin), ...(error ? { error } : {}) }),
      };
      if (!error) return new Response(null, { status: 401, headers });
      return new Response(JSON.stringify({ error: error.code, error_description: error.description }), {
        status: error.status,
        headers: { ...headers, 'Content-Type': 'application/json' },
      });
    }
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
