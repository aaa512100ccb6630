/**
 * Failures on demand (issue 12): a run setting that makes the next N answers
 * of one authorization server endpoint fail in a chosen way, so that a
 * developer can test how their own client copes. This module is the plan's
 * shape and its validation only; the answers themselves are made by
 * lib/auth-server/injected-failure.ts, spec-shaped like real ones.
 */

/** The endpoints a failure can be injected at, and the kinds each takes. */
export const FAILURE_KINDS = {
  // RFC 6749 §5.2 error codes, a 500, or a delay before the real answer.
  token: ['invalid_grant', 'temporarily_unavailable', 'server_error', 'delay'],
  // RFC 8414 jwks_uri: unreachable (503), or slow (a delay before the real key set).
  jwks: ['unreachable', 'delay'],
  // RFC 7662 §2.3: the caller's credentials refused (401 invalid_client).
  introspection: ['refused'],
  // OpenID Connect Core §5.3.3 / RFC 6750 §3.1: 401 invalid_token.
  userinfo: ['invalid_token'],
} as const;

export type FailureEndpoint = keyof typeof FAILURE_KINDS;
export type FailureKind = (typeof FAILURE_KINDS)[FailureEndpoint][number];

/** One endpoint's plan: the next `remaining` answers fail as `kind` (a delay waits `delayMs`, then answers for real). */
export interface FailurePlan {
  endpoint: FailureEndpoint;
  kind: FailureKind;
  remaining: number;
  delayMs?: number;
}

/** Bounds: a delay never holds a request longer than the clients' usual timeouts allow; a plan is for a test, not a siege. */
export const MAX_FAILURE_COUNT = 20;
export const MAX_DELAY_MS = 10_000;

const isFailureEndpoint = (v: unknown): v is FailureEndpoint => typeof v === 'string' && Object.hasOwn(FAILURE_KINDS, v);

type FailurePlanResult = { ok: true; plan: FailurePlan } | { ok: false; field: string; message: string };

/**
 * Validates `{"endpoint", "kind", "count", "delayMs"}` from the API; every
 * bad value is refused by name. `count` 0 clears the endpoint's plan.
 */
export function parseFailurePlan(body: unknown): FailurePlanResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, field: '(body)', message: 'must be a JSON object' };
  const b = body as Record<string, unknown>;
  for (const key of Object.keys(b))
    if (!['endpoint', 'kind', 'count', 'delayMs'].includes(key)) return { ok: false, field: key, message: 'is not a field of a failure plan (endpoint, kind, count, delayMs)' };
  if (!isFailureEndpoint(b.endpoint)) return { ok: false, field: 'endpoint', message: `must be one of ${Object.keys(FAILURE_KINDS).join(', ')}` };
  const kinds: readonly string[] = FAILURE_KINDS[b.endpoint];
  if (typeof b.kind !== 'string' || !kinds.includes(b.kind)) return { ok: false, field: 'kind', message: `must be one of ${kinds.join(', ')} for the ${b.endpoint} endpoint` };
  if (!Number.isInteger(b.count) || (b.count as number) < 0 || (b.count as number) > MAX_FAILURE_COUNT)
    return { ok: false, field: 'count', message: `must be a whole number from 0 (clear) to ${MAX_FAILURE_COUNT}` };
  const plan: FailurePlan = { endpoint: b.endpoint, kind: b.kind as FailureKind, remaining: b.count as number };
  if (b.kind === 'delay') {
    if (!Number.isInteger(b.delayMs) || (b.delayMs as number) < 1 || (b.delayMs as number) > MAX_DELAY_MS)
      return { ok: false, field: 'delayMs', message: `must be a whole number of milliseconds from 1 to ${MAX_DELAY_MS} (a delay is bounded)` };
    plan.delayMs = b.delayMs as number;
  } else if (b.delayMs !== undefined) return { ok: false, field: 'delayMs', message: 'is only for the kind delay' };
  return { ok: true, plan };
}

/** The plan in words, for the timeline and the run controls. */
export function describeFailure(p: Pick<FailurePlan, 'endpoint' | 'kind' | 'delayMs'>): string {
  const where = { token: 'token endpoint', jwks: 'JWKS', introspection: 'introspection endpoint', userinfo: 'UserInfo endpoint' }[p.endpoint];
  switch (p.kind) {
    case 'delay':
      return `the ${where} answers after ${p.delayMs} ms`;
    case 'unreachable':
      return `the ${where} is unreachable (503)`;
    case 'refused':
      return `the ${where} refuses the caller (401 invalid_client)`;
    case 'server_error':
      return `the ${where} fails (500 server_error)`;
    case 'temporarily_unavailable':
      return `the ${where} is temporarily unavailable (503)`;
    default:
      return `the ${where} answers ${p.kind}`;
  }
}
