import 'server-only';
import type { Db } from '@/lib/store/db';
import { knownBodyText } from '@/lib/http/json-response';
import type { WallClock } from '@/lib/runs/clock';
import type { RequestRuns } from '@/lib/runs/run-owner';
import { attributionEvents } from './attribution';
import type { HttpMessage } from './events';
import type { RequestRecorder } from './request-recorder';
import { saveEvents } from './save-events';
import { secretNamesIn } from './secret-names';

interface RecordedRequest {
  request: Request;
  url: URL;
  /** The request body as the handler read it, if it did. */
  body: string | undefined;
  response: Response;
  /** The response body as kept for the record (keepResponseBody), if it was. */
  responseBody: string | undefined;
  runs: RequestRuns;
  recorder: RequestRecorder;
  /** When the request arrived (preciseNow): the first event's causal time. */
  arrivedAt: number;
}

function headersObject(h: Headers): Record<string, string> {
  const o: Record<string, string> = {};
  h.forEach((v, k) => {
    o[k] = v;
  });
  return o;
}

/**
 * Reads a response's body once for the record and gives back a response with
 * the same status, headers and bytes to answer with: cheaper than clone(),
 * whose tee keeps two streams per response. An answer built from a known
 * text (jsonResponse, problemResponse) is kept as it is, its text taken as
 * the body. A stream (text/event-stream), an empty body, or a body not to be
 * kept passes through untouched.
 */
export async function keepResponseBody(response: Response, keep: boolean): Promise<{ response: Response; body?: string }> {
  if (!keep || !response.body || response.headers.get('content-type')?.includes('event-stream')) return { response };
  const known = knownBodyText(response);
  if (known !== undefined) return { response, body: known };
  const bytes = await response.arrayBuffer();
  const again = new Response(bytes, { status: response.status, statusText: response.statusText, headers: response.headers });
  return { response: again, body: new TextDecoder().decode(bytes) };
}

/**
 * Puts the events one request's handler recorded on the run's timeline, the
 * raw HTTP exchange attached to the first of them. Nothing is saved when the
 * handler recorded nothing or no run is known.
 */
export async function recordRequestEvents(r: RecordedRequest, db: Db, wall: WallClock): Promise<void> {
  const { events, runId, foundRunId } = r.recorder;
  if (!runId || events.length === 0) return;
  const reqHeaders = headersObject(r.request.headers);
  const resHeaders = headersObject(r.response.headers);
  const reqMsg: HttpMessage = {
    method: r.request.method,
    url: r.url.pathname + r.url.search,
    headers: reqHeaders,
    ...(r.body ? { body: r.body } : {}),
    secrets: secretNamesIn(reqHeaders, r.body),
  };
  const resBody = r.responseBody;
  const resMsg: HttpMessage = { status: r.response.status, headers: resHeaders, ...(resBody ? { body: resBody } : {}) };
  const exchange = crypto.randomUUID();
  const [first, ...rest] = events;
  const recorded = [{ ...first!, http: first!.http ?? { request: reqMsg, response: resMsg }, causalAt: r.arrivedAt }, ...rest];
  // Who put these events here: a run named by X-Sandbox-Run alone is marked; a run a code or token contradicts is said on both runs.
  for (const [id, list] of attributionEvents(r.runs, runId, foundRunId, recorded)) saveEvents(db, id, list, exchange, wall);
}
