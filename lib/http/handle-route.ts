import 'server-only';
import { getDb, type Db } from '@/lib/store/db';
import type { OAuthError } from '@/lib/oauth/errors';
import { systemWallClock } from '@/lib/runs/clock';
import { idleRunSweeper } from '@/lib/runs/run';
import { requestRunIdOf, runsOfRequest, type RequestRuns } from '@/lib/runs/run-owner';
import type { Recorder } from '@/lib/timeline/recorder';
import { keepResponseBody, recordRequestEvents } from '@/lib/timeline/record-request';
import { preciseNow, requestRecorder } from '@/lib/timeline/request-recorder';
import { readBodyWithinLimit } from './body-limit';
import { answerThrown } from './error-mapping';
import { sandboxOrigin } from './origin';

/** Everything a route handler needs for one HTTP request: the store, a recorder bound to the request, the body. */
export interface RouteContext {
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

export interface RouteOptions {
  /** Turns an OAuthError (or server_error, for anything unexpected) into this endpoint's error shape. */
  onError: (err: OAuthError, x: RouteContext) => Response | Promise<Response>;
  /** Whether to keep the response body on the timeline (not for streams). */
  recordResponseBody?: boolean;
}

/** Idle runs (a day without a request) are removed with their data, checked at most once an hour. */
const removeIdleRuns = idleRunSweeper();

/**
 * Runs one route handler: gives it the store and a recorder, turns any error
 * into the endpoint's error shape (never a stack trace), and puts the events
 * the handler recorded on the run's timeline with the raw HTTP exchange
 * attached to the first of them.
 */
export async function handleRoute(request: Request, options: RouteOptions, handler: (x: RouteContext) => Promise<Response>): Promise<Response> {
  // Causal order across requests (see EventDetail.causalAt): when the request arrived, when each event was recorded.
  const arrivedAt = preciseNow();
  const runs = runsOfRequest(request);
  const requestRunId = requestRunIdOf(runs);
  const recorder = requestRecorder(requestRunId);
  let body: Promise<string> | undefined;
  let bodyForRecord: string | undefined;
  const x: RouteContext = {
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
      body ??= readBodyWithinLimit(request).then((t) => (bodyForRecord = t));
      return body;
    },
  };

  let response: Response;
  try {
    response = await handler(x);
  } catch (e) {
    response = await answerThrown(e, { method: request.method, path: x.url.pathname }, (err) => options.onError(err, x));
  }

  if (recorder.runId && recorder.events.length > 0) {
    try {
      const db = getDb();
      removeIdleRuns(db, systemWallClock);
      const kept = await keepResponseBody(response, options.recordResponseBody !== false);
      response = kept.response;
      await recordRequestEvents(
        { request, url: x.url, body: bodyForRecord, response, responseBody: kept.body, runs, recorder, arrivedAt },
        db,
        systemWallClock,
      );
    } catch (e) {
      // The timeline is an observer: failing to record never fails the protocol.
      console.error('could not record timeline events', e);
    }
  }
  return response;
}
