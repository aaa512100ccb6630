import { basicAuthorization } from '@/lib/oauth/client-secret-basic';
import { invalidToken, OAuthError } from '@/lib/oauth/errors';
import type { Clock } from '@/lib/runs/clock';
import type { Check, HttpMessage } from '@/lib/timeline/events';
import type { Recorder } from '@/lib/timeline/recorder';
import { audienceList, failed, passed, scopeList, type TokenVerdict } from './access-token';
import { CLOCK_LEEWAY_SECONDS } from './jwt-verification';
import { OTHER_PARTY_JSON, parseBoundedJson } from '@/lib/http/bounded-json';

export interface IntrospectionDeps {
  /** `{origin}/as/introspect` (RFC 7662 §2). */
  endpoint: string;
  /** The resource server's own credentials at the authorization server (RFC 7662 §2.1). */
  clientId: string;
  clientSecret: string;
  /** `{origin}/rs`: the answer's `aud` must contain it (RFC 9700 §2.3). */
  resource: string;
  fetch: typeof fetch;
  /** The clock of the run the answer names (`sandbox_run`), for its `exp`. */
  clockFor(runId: string | undefined): Clock;
  recorder: Recorder;
}

const TIMEOUT_MS = 5000;

function unavailable(reason: string, checks: Check[]): TokenVerdict {
  return { ok: false, error: new OAuthError('temporarily_unavailable', reason, { status: 503 }), checks: [...checks, failed('introspection request', reason)] };
}

/**
 * Asks the authorization server whether a token is active (RFC 7662 §2.1),
 * over HTTP, authenticated as `notes-api` with `client_secret_basic`; one
 * call per request, so a revoked token is refused at once. Trusts only
 * `active`, `token_type`, `scope`, `sub`, `client_id`, `aud`, `exp` (and
 * `sandbox_run`, to find the run) from the answer; checks that
 * `token_type`, when the answer gives one, is `Bearer` (a refresh token or
 * any other type is refused, whatever its `aud`), that `aud` contains this
 * resource and that `exp` has not passed by the run's clock.
 *
 * Does NOT check: `iss` (the answer comes from the one AS it asked, over a
 * connection it opened); `nbf` or `iat`; `token_type` when the answer omits
 * it (RFC 7662 makes it optional: it then relies on the AS, which here
 * always sends it, and on `aud`, which this AS gives access tokens only);
 * the `token_type_hint` it sent (only a hint, RFC 7662 §2.1). It does not
 * check scope (the policy does).
 *
 * Records `introspection.answered` (auth-server → resource-server: the answer) with the
 * back-channel HTTP exchange. An unreachable or failing authorization server
 * gives `temporarily_unavailable` (503), never `invalid_token`.
 * @see https://www.rfc-editor.org/rfc/rfc7662#section-2
 */
export async function introspectAccessToken(token: string, deps: IntrospectionDeps): Promise<TokenVerdict> {
  const body = new URLSearchParams({ token, token_type_hint: 'access_token' }).toString();
  const headers = {
    authorization: basicAuthorization(deps.clientId, deps.clientSecret),
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
    // A few hundred bytes over the back channel: compressing them costs both parties more than it saves.
    'accept-encoding': 'identity',
  };
  const request: HttpMessage = { method: 'POST', url: deps.endpoint, headers, body, secrets: ['authorization', 'token'] };
  const record = (summary: string, outcome: 'ok' | 'denied' | 'error', response?: HttpMessage, answer?: unknown) =>
    deps.recorder.record({
      // The answer travels back: authorization server → resource server (the request RS → AS is the AS's own event).
      from: 'auth-server',
      to: 'resource-server',
      type: 'introspection.answered',
      summary,
      outcome,
      http: { request, ...(response ? { response } : {}) },
      ...(answer !== undefined ? { data: { answer } } : {}),
    });

  let res: Response;
  let text: string;
  try {
    res = await deps.fetch(deps.endpoint, { method: 'POST', headers, body, redirect: 'manual', cache: 'no-store', signal: AbortSignal.timeout(TIMEOUT_MS) });
    text = await res.text();
  } catch (e) {
    const reason = `the introspection endpoint could not be reached (${e instanceof Error ? e.message : 'network error'})`;
    record(`Introspection failed: ${reason}`, 'error');
    return unavailable(reason, []);
  }
  const response: HttpMessage = { status: res.status, headers: Object.fromEntries(res.headers.entries()), body: text };
  let answer: Record<string, unknown> | undefined;
  const parsed = parseBoundedJson(text, OTHER_PARTY_JSON);
  if (parsed.ok && typeof parsed.value === 'object' && parsed.value !== null && !Array.isArray(parsed.value)) answer = parsed.value as Record<string, unknown>;
  // RFC 7662 §2.2: 200 with a JSON object whose `active` is a boolean.
  if (res.status !== 200 || !answer || typeof answer.active !== 'boolean') {
    const reason = `the introspection endpoint answered ${res.status} without a valid answer`;
    record(`Introspection failed: ${reason}`, 'error', response, answer);
    return unavailable(reason, []);
  }
  record(answer.active ? 'The authorization server says the token is active' : 'The authorization server says the token is not active', answer.active ? 'ok' : 'denied', response, answer);

  const checks: Check[] = [passed('introspection request', `${deps.endpoint} answered 200 (RFC 7662 section 2.2)`)];
  const reject = (name: string, reason: string): TokenVerdict => ({ ok: false, error: invalidToken(reason), checks: [...checks, failed(name, reason)] });

  if (answer.active !== true) return reject('active', 'the authorization server says the token is not active (unknown, expired or revoked)');
  checks.push(passed('active', 'active: true'));

  // RFC 7662 §2.2 token_type (RFC 6749 §5.1 types, case-insensitive): only a Bearer access token
  // is one this RS accepts. A refresh token answers `refresh_token` here, and must be refused even
  // if an answer ever carried an `aud` that names this resource.
  const tokenType = answer.token_type;
  if (tokenType !== undefined) {
    if (typeof tokenType !== 'string' || tokenType.toLowerCase() !== 'bearer')
      return reject('token_type', `the token is a ${String(tokenType)}, not a Bearer access token (RFC 7662 section 2.2 token_type)`);
    checks.push(passed('token_type', `token_type ${tokenType}: an access token`));
  }

  const { sub, client_id: clientId, exp } = answer;
  if (typeof sub !== 'string' || sub === '' || typeof clientId !== 'string' || clientId === '' || (answer.scope !== undefined && typeof answer.scope !== 'string'))
    return reject('required claims', 'the answer lacks sub or client_id, or has a malformed scope');
  checks.push(passed('required claims', `sub ${sub}, client_id ${clientId}`));

  const audience = audienceList(answer.aud);
  if (!audience.includes(deps.resource)) return reject('aud', `aud ${audience.join(' ') || '(none)'} does not contain ${deps.resource}`);
  checks.push(passed('aud', `aud contains ${deps.resource}`));

  const runId = typeof answer.sandbox_run === 'string' ? answer.sandbox_run : undefined;
  const now = deps.clockFor(runId)();
  if (typeof exp !== 'number') return reject('exp', 'the answer has no numeric exp');
  if (exp <= now - CLOCK_LEEWAY_SECONDS) return reject('exp', `the token expired at ${exp}; the run's clock says ${now}`);
  checks.push(passed('exp', `exp ${exp} is ${exp - now} s ahead of the run's clock`));

  return {
    ok: true,
    checks,
    principal: { sub, clientId, scopes: scopeList(answer.scope), audience, exp, ...(runId ? { runId } : {}), via: 'introspection' },
  };
}
