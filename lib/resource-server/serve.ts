import 'server-only';
import { handleRoute } from '@/lib/http/handle-route';
import { resourceServerDeps } from './deps';
import { handleNotesRequest } from './notes-request';
import type { Action } from './policy';
import { problemResponse } from '@/lib/http/problem';
import { notesResponse } from './responses';

/**
 * The route handlers' few lines: read the request, decide, respond. The note
 * id comes as the route's params promise, awaited here so that a path Next
 * cannot decode (`/rs/api/notes/%E0%A4%A`) is a 400, not a 500.
 */
export function serveNotes(request: Request, action: Action, params?: Promise<{ id: string }>): Promise<Response> {
  return handleRoute(
    request,
    {
      onError: (e) =>
        e.code === 'server_error'
          ? problemResponse(500, 'Server error', 'The Notes API met an unexpected condition.')
          : problemResponse(e.status >= 400 && e.status < 500 ? e.status : 400, 'Bad request', e.description),
    },
    async (x) => {
      let noteId: string | undefined;
      try {
        noteId = params ? (await params).id : undefined;
      } catch {
        return problemResponse(400, 'Bad request', 'The note id in the path is not properly percent-encoded.');
      }
      const contentType = request.headers.get('content-type') ?? '';
      // RFC 6750 §2.2: a form body could carry the token; read it only to refuse it.
      const form = contentType.startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(await x.bodyText()) : undefined;
      const outcome = await handleNotesRequest(
        {
          method: request.method,
          path: x.url.pathname + x.url.search,
          action,
          ...(noteId !== undefined ? { noteId } : {}),
          bearer: { authorization: request.headers.get('authorization'), query: x.url.searchParams, ...(form ? { form } : {}) },
          body: () => x.bodyText(),
          ...(x.requestRunId ? { requestRunId: x.requestRunId } : {}),
        },
        resourceServerDeps(x),
      );
      return notesResponse(outcome, x.origin);
    },
  );
}
