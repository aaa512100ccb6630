import 'server-only';
import { getDb, type Db } from '@/lib/store/db';
import { appendEvents } from '@/lib/store/events';
import { ensureRun } from '@/lib/store/runs';
import { systemWallClock } from '@/lib/runs/clock';
import { idleRunSweeper } from '@/lib/runs/run';
import { invalidRequest, isOAuthError, toOAuthError, type OAuthError } from '@/lib/oauth/errors';
import type { EventInput, HttpMessage } from '@/lib/timeline/events';
import { publishNewEvents } from '@/lib/timeline/live';
import type { Recorder } from '@/lib/timeline/recorder';
import { requestRunIdOf, runsOfRequest, type RequestRuns } from '@/lib/runs/run-owner';
import { attributionEvents } from '@/lib/timeline/attribution';
import { sandboxOrigin } from './origin';

/** Larger request bodies are refused before they are read further. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Header and form field names whose values are secrets (demo values: marked, not hidden). */
const SECRET_NAMES = ['authorization', 'cookie', 'set-cookie', 'x-sandbox-run-key', 'client_secret', 'code_verifier', 'code', 'refresh_token', 'access_token', 'id_token', 'token', 'csrf_token'];

/** Everything a route handler needs for one HTTP request: the store, a recorder bound to the request, the body. */
export interface Exchange {
  request: Request;
  url: URL;
  origin: string;
  db: Db;
  recorder: Recorder;
  /** The run named by the X-Sandbox-Run header, else the run whose key the request carries (header or cookie), if any. */
  requestRunId?: string;
  /** What the request says about runs: the run it names, the run whose key it carries (see requireRunOwner). */
  runs: RequestRuns;
  /** The body as text, at most MAX_BODY_BYTES; a larger body is invalid_request. */
  bodyText(): Promise<string>;
}

export interface ExchangeOptions {
  /** Turns an OAuthError (or server_error, for anything unexpected) into this endpoint's error shape. */
  onError: (err: OAuthError, x: Exchange) => Response | Promise<Response>;
  /** Whether to keep the response body on the timeline (not for streams). */
  recordResponseBody?: boolean;
}

/** Reads a request's (or a fetched response's) body as text, or undefined once it passes `max` bytes (declared or streamed). */
export async function readBodyAtMost(request: Pick<Request, 'headers' | 'body'>, max: number): Promise<string | undefined> {
  if (Number(request.headers.get('content-length') ?? '0') > max) return undefined;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

async function readLimited(request: Request): Promise<string> {
  const text = await readBodyAtMost(request, MAX_BODY_BYTES);
  if (text === undefined) throw invalidRequest(`request body larger than ${MAX_BODY_BYTES} bytes`);
  return text;
}

function headersObject(h: Headers): Record<string, string> {
  const o: Record<string, string> = {};
  h.forEach((v, k) => {
    o[k] = v;
  });
  return o;
}

function secretsIn(headers: Record<string, string>, body: string | undefined): string[] {
  const names = Object.keys(headers).filter((k) => SECRET_NAMES.includes(k));
  if (body) {
    try {
      for (const k of new URLSearchParams(body).keys()) if (SECRET_NAMES.includes(k) && !names.includes(k)) names.push(k);
    } catch {
      /* not a form body */
    }
  }
  return names;
}

/** Epoch milliseconds with a fraction, increasing within the process (not the run's clock: the timeline's own ordering). */
function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}

/** Idle runs (a day without a request) are removed with their data, checked at most once an hour. */
const removeIdleRuns = idleRunSweeper();

/**
 * Runs one route handler: gives it the store and a recorder, turns any error
 * into the endpoint's error shape (never a stack trace), and puts the events
 * the handler recorded on the run's timeline with the raw HTTP exchange
 * attached to the first of them.
 */
export async function handleExchange(
  request: Request,
  options: ExchangeOptions,
  handler: (x: Exchange) => Promise<Response>,
): Promise<Response> {
  const events: EventInput[] = [];
  // Causal order across exchanges (see EventDetail.causalAt): when the request arrived, when each event was recorded.
  const arrivedAt = preciseNow();
  const runs = runsOfRequest(request);
  const requestRunId = requestRunIdOf(runs);
  let runId = requestRunId;
  /** The run a party found through a code, token or pending request (recorder.useRun without basis 'request'). */
  let foundRunId: string | undefined;
  let body: Promise<string> | undefined;
  let bodyForRecord: string | undefined;
  const recorder: Recorder = {
    record: (e) => void events.push({ ...e, causalAt: e.causalAt ?? preciseNow() }),
    useRun: (id, basis) => {
      runId = id;
      if (basis !== 'request') foundRunId = id;
    },
  };
  const x: Exchange = {
    request,
    url: new URL(request.url),
    origin: sandboxOrigin(request),
    get db() {
      return getDb();
    },
    recorder,
    requestRunId,
    runs,
    bodyText: () => {
      body ??= readLimited(request).then((t) => (bodyForRecord = t));
      return body;
    },
  };

  let response: Response;
  try {
    response = await handler(x);
  } catch (e) {
    if (!isOAuthError(e)) console.error('unexpected error in', request.method, x.url.pathname, e);
    try {
      response = await options.onError(toOAuthError(e), x);
    } catch (e2) {
      console.error('error while answering an error', e2);
      response = new Response('{"error":"server_error"}', { status: 500, headers: { 'Content-Type': 'application/json' } });
    }
  }

  if (runId && events.length > 0) {
    try {
      const reqHeaders = headersObject(request.headers);
      const resHeaders = headersObject(response.headers);
      const reqMsg: HttpMessage = {
        method: request.method,
        url: x.url.pathname + x.url.search,
        headers: reqHeaders,
        ...(bodyForRecord ? { body: bodyForRecord } : {}),
        secrets: secretsIn(reqHeaders, bodyForRecord),
      };
      const keepBody = options.recordResponseBody !== false && !resHeaders['content-type']?.includes('event-stream');
      const resBody = keepBody ? await response.clone().text() : undefined;
      const resMsg: HttpMessage = { status: response.status, headers: resHeaders, ...(resBody ? { body: resBody } : {}) };
      const exchange = crypto.randomUUID();
      const [first, ...rest] = events;
      const db = getDb();
      removeIdleRuns(db, systemWallClock);
      const recorded = [{ ...first!, http: first!.http ?? { request: reqMsg, response: resMsg }, causalAt: arrivedAt }, ...rest];
      // Who put these events here: a run named by X-Sandbox-Run alone is marked; a run a code or token contradicts is said on both runs.
      for (const [id, list] of attributionEvents(runs, runId, foundRunId, recorded)) {
        // One transaction for the run's row and its events: one commit (one WAL append) per run, not two.
        const seqs = db.transaction(() => {
          const nowMs = systemWallClock();
          ensureRun(db, id, nowMs);
          return appendEvents(db, id, list, exchange, nowMs);
        })();
        publishNewEvents(id, seqs[seqs.length - 1]!);
      }
    } catch (e) {
      // The timeline is an observer: failing to record never fails the protocol.
      console.error('could not record timeline events', e);
    }
  }
  return response;
}
