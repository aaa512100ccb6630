import 'server-only';
import type { RouteContext } from '@/lib/http/handle-route';
import { problemResponse } from '@/lib/http/problem';
import { bearerErrorResponse, jsonErrorResponse } from '@/lib/oauth/error-responses';
import { OAuthError } from '@/lib/oauth/errors';
import type { Params } from '@/lib/oauth/params';
import { findAuthorizationCode } from '@/lib/store/authorization-codes';
import { anyFailurePlanned, takeFailure } from '@/lib/store/injected-failures';
import { findRefreshToken } from '@/lib/store/refresh-tokens';
import { findRegisteredClient } from '@/lib/store/registered-clients';
import type { EventInput, EventType, Party } from '@/lib/timeline/events';
import { describeFailure, type FailureEndpoint, type FailureKind, type FailurePlan } from '@/lib/timeline/failure-plan';
import type { Recorder } from '@/lib/timeline/recorder';
import { tokenHash } from './token-hash';

/** The run a request is for, and whether only the request's own headers said so (see Recorder.useRun). */
interface FailureRun {
  runId: string;
  basis?: 'request';
}

/**
 * The run of a token request, found without spending anything: the run the
 * request names, else the run of the registered client, of the code, or of
 * the refresh token it carries (a next-auth token request carries no cookie).
 */
export function tokenRequestRun(x: Pick<RouteContext, 'db' | 'requestRunId'>, form: Params): FailureRun | undefined {
  if (x.requestRunId) return { runId: x.requestRunId, basis: 'request' };
  if (!anyFailurePlanned(x.db, 'token')) return undefined;
  const one = (name: string) => {
    const values = form.all(name);
    return values.length === 1 ? values[0] : undefined;
  };
  const clientId = one('client_id');
  const code = one('code');
  const refreshToken = one('refresh_token');
  const runId =
    (clientId && findRegisteredClient(x.db, clientId)?.runId) ||
    (code && findAuthorizationCode(x.db, tokenHash(code))?.runId) ||
    (refreshToken && findRefreshToken(x.db, tokenHash(refreshToken))?.runId) ||
    undefined;
  return runId ? { runId } : undefined;
}

const INJECTED = 'injected on purpose by the sandbox (failures on demand), not a real fault';
const left = (p: FailurePlan) => (p.remaining === 0 ? 'the last one planned' : `${p.remaining} more to come`);

/**
 * What the endpoint answers instead of its real answer: the shape a real failure of this kind has.
 * A delay has no answer of its own (the endpoint answers for real), so it is not a kind here.
 */
function injectedResponse(kind: Exclude<FailureKind, 'delay'>, description: string): Response {
  switch (kind) {
    // RFC 6749 §5.2: JSON error, Cache-Control: no-store.
    case 'invalid_grant':
      return jsonErrorResponse(new OAuthError('invalid_grant', description));
    case 'temporarily_unavailable': {
      const r = jsonErrorResponse(new OAuthError('temporarily_unavailable', description));
      r.headers.set('Retry-After', '1'); // RFC 9110 §10.2.3, with a 503
      return r;
    }
    case 'server_error':
      return jsonErrorResponse(new OAuthError('server_error', description));
    // RFC 7662 §2.3 → RFC 6749 §5.2: the protected resource's credentials refused, 401 with a Basic challenge.
    case 'refused':
      return jsonErrorResponse(new OAuthError('invalid_client', description, { basicChallenge: true }));
    // RFC 6750 §3.1: 401 with a Bearer challenge naming invalid_token.
    case 'invalid_token': {
      return bearerErrorResponse(new OAuthError('invalid_token', description), { realm: 'as' });
    }
    // The JWKS is a plain document, not an OAuth endpoint: what a gateway before an unreachable server answers.
    case 'unreachable':
      return problemResponse(503, 'JWKS unreachable (injected)', `The key set could not be served: ${description}.`, { injected: true }, { 'Retry-After': '1' });
  }
}

/** The event an injected answer is recorded as, by endpoint: the endpoint's own event type, marked as injected. */
const ANSWER_EVENT: Record<FailureEndpoint, { type: EventType; from: Party; to: Party }> = {
  token: { type: 'token_request.rejected', from: 'client', to: 'auth-server' },
  jwks: { type: 'failure.injected', from: 'auth-server', to: 'client' },
  introspection: { type: 'introspection.answered', from: 'auth-server', to: 'resource-server' },
  userinfo: { type: 'userinfo.answered', from: 'auth-server', to: 'client' },
};

/** A recorder that marks every event of this request as injected. */
function marking(recorder: Recorder, injected: { endpoint: string; kind: string }): Recorder {
  return { record: (e) => recorder.record({ ...e, injected }), useRun: (id, basis) => recorder.useRun(id, basis) };
}

/**
 * Failures on demand: when the run has a failure planned for this endpoint,
 * spends one and answers as that failure would (RFC 6749 §5.2 JSON, RFC 6750
 * §3 challenge, 503), the body saying it was injected on purpose; a delay
 * waits, then lets the endpoint answer for real. Otherwise `answer` runs
 * untouched. Every event of an injected answer carries `injected`, and a
 * `failure.injected` event in the Sandbox lane says what the sandbox did,
 * so nobody mistakes it for a real fault.
 */
export async function withInjectedFailure(
  x: RouteContext,
  endpoint: FailureEndpoint,
  run: FailureRun | undefined,
  answer: (x: RouteContext) => Promise<Response>,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<Response> {
  const plan = run && takeFailure(x.db, run.runId, endpoint);
  if (!run || !plan) return answer(x);
  const injected = { endpoint, kind: plan.kind };
  x.recorder.useRun(run.runId, run.basis);
  const sandboxEvent = (summary: string): EventInput => ({
    from: 'sandbox',
    to: 'auth-server',
    type: 'failure.injected',
    summary,
    outcome: 'info',
    injected,
    data: { ...plan },
  });
  if (plan.kind === 'delay') {
    await sleep(plan.delayMs ?? 0);
    let recordedAny = false;
    const marked = marking(x.recorder, injected);
    try {
      return await answer({ ...x, db: x.db, recorder: { ...marked, record: (e) => ((recordedAny = true), marked.record(e)) } });
    } finally {
      // An endpoint that records nothing of its own (the JWKS) still gets its answer on the timeline, marked.
      if (!recordedAny) x.recorder.record({ ...ANSWER_EVENT[endpoint], summary: `Answered after an injected delay of ${plan.delayMs} ms`, outcome: 'info', injected });
      x.recorder.record(sandboxEvent(`Injected on purpose: ${describeFailure(plan)} (${left(plan)})`));
    }
  }
  const response = injectedResponse(plan.kind, `${INJECTED}; ${left(plan)}`);
  const e = ANSWER_EVENT[endpoint];
  x.recorder.record({
    ...e,
    summary: `Injected failure: ${describeFailure(plan)}`,
    outcome: plan.kind === 'server_error' || plan.kind === 'unreachable' || plan.kind === 'temporarily_unavailable' ? 'error' : 'denied',
    injected,
    data: { injected: true, kind: plan.kind },
  });
  x.recorder.record(sandboxEvent(`Injected on purpose: ${describeFailure(plan)} (${left(plan)})`));
  return response;
}

/** The run of a request that presents a token (introspection, UserInfo): the run it names, else the token's own run. */
export async function presentedTokenRun(
  x: RouteContext,
  endpoint: FailureEndpoint,
  token: string | undefined,
  find: (token: string) => Promise<string | undefined>,
): Promise<FailureRun | undefined> {
  if (x.requestRunId) return { runId: x.requestRunId, basis: 'request' };
  // Finding a token's run costs a lookup (a signature check for a JWT): only when some run can fail here.
  const runId = token && anyFailurePlanned(x.db, endpoint) ? await find(token) : undefined;
  return runId ? { runId } : undefined;
}

/** The run a JWKS request names: the key set is every run's, so only the request's own headers say whose test it is. */
export function requestNamedRun(x: Pick<RouteContext, 'requestRunId'>): FailureRun | undefined {
  return x.requestRunId ? { runId: x.requestRunId, basis: 'request' } : undefined;
}
