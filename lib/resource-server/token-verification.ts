import { decodeJwt, type JWTVerifyGetKey } from 'jose';
import { invalidRequest, isOAuthError, type OAuthError } from '@/lib/oauth/errors';
import type { Clock } from '@/lib/runs/clock';
import type { Check } from '@/lib/timeline/events';
import type { Recorder } from '@/lib/timeline/recorder';
import type { RunSettings } from '@/lib/runs/settings';
import { tokenView } from '@/lib/timeline/token-view';
import { failed, looksLikeJwt, passed, type AccessTokenPrincipal } from './access-token';
import { extractBearerToken, type BearerSources } from './bearer-token';
import { introspectAccessToken, type IntrospectionDeps } from './introspection-client';
import { verifyJwtAccessToken } from './jwt-verification';

export interface TokenVerificationDeps {
  issuer: string;
  resource: string;
  /** The authorization server's JWKS: jose's remote set (cached, refetched on an unknown kid) in production. */
  keys: JWTVerifyGetKey;
  introspection: Omit<IntrospectionDeps, 'recorder' | 'clockFor' | 'resource'>;
  /**
   * Looks a run up, never creating it (the authorization server opens runs):
   * its settings and clock; `undefined` or an unknown run (`known: false`)
   * gives the defaults.
   */
  lookUpRun(runId: string | undefined): { settings: RunSettings; clock: Clock; known: boolean };
  recorder: Recorder;
}

type Authentication =
  | { ok: true; principal: AccessTokenPrincipal; checks: Check[] }
  /** `error` undefined: no token at all (RFC 6750 §3: challenge without an error code). */
  | { ok: false; error?: OAuthError; checks: Check[] };

/** The run a JWT names in its private `sandbox_run` claim, read unverified: only to pick the run's settings and clock. */
function claimedRun(token: string): string | undefined {
  // decodeJwt throws on anything that is not a JWS in compact form (an opaque token): no run.
  try {
    const run = decodeJwt(token).sandbox_run;
    return typeof run === 'string' ? run : undefined;
    // Stryker disable next-line BlockStatement: equivalent, an empty catch block also returns undefined
  } catch {
    return undefined;
  }
}

/**
 * Authenticates a request to the Notes API: finds the bearer token (RFC 6750
 * §2), then verifies it the way the run says: locally against the JWKS
 * (RFC 9068 §4) when `verificationMode` is `local` and the token is a JWT,
 * otherwise by introspection (RFC 7662; opaque tokens always). The run is
 * picked from the token's unverified `sandbox_run` claim, or `fallbackRunId`,
 * for its settings and clock only; events go to the run of a verified token,
 * else to `fallbackRunId` (the run the request names), else nowhere.
 *
 * Does not check scope or policy. Records `access_token.verified` or
 * `access_token.rejected` with the ordered checks (and, when introspecting,
 * `introspection.answered` before it).
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3.1
 */
export async function verifyBearerToken(src: BearerSources, fallbackRunId: string | undefined, deps: TokenVerificationDeps): Promise<Authentication> {
  const reject = (checks: Check[], error: OAuthError | undefined, summary: string, token?: string): Authentication => {
    deps.recorder.record({
      from: 'resource-server',
      to: 'resource-server',
      type: 'access_token.rejected',
      summary,
      outcome: error?.code === 'temporarily_unavailable' ? 'error' : 'denied',
      checks,
      ...(token ? { tokens: [tokenView('access_token', token)] } : {}),
    });
    return { ok: false, ...(error ? { error } : {}), checks };
  };

  let extracted;
  try {
    extracted = extractBearerToken(src);
  } catch (e) {
    const error = isOAuthError(e) ? e : invalidRequest('the request could not be read');
    // Stryker disable next-line StringLiteral: the summary is text for people on the timeline
    const summary = `Bad request: ${error.description}`;
    return reject([failed('token transmission', error.description)], error, summary);
  }
  if (extracted.token === null) {
    // Stryker disable next-line StringLiteral: the summary is text for people on the timeline
    const summary = 'No access token: answered with a challenge';
    return reject([failed('token present', extracted.reason)], undefined, summary);
  }
  const token = extracted.token;
  const checks: Check[] = [passed('token present', 'a Bearer token in the Authorization header (RFC 6750 section 2.1)')];

  const jwt = looksLikeJwt(token);
  const claimed = claimedRun(token);
  // The unverified claim only picks the settings and clock to verify with; the signature then decides. It never
  // picks where events go: a rejected token is recorded on the run the request names, or nowhere (issue 8 §4).
  const { settings, clock } = deps.lookUpRun(claimed ?? fallbackRunId);
  const local = jwt && settings.verificationMode === 'local';
  checks.push(
    passed(
      'verification method',
      local
        ? "local JWT verification against the authorization server's JWKS (run setting verificationMode: local)"
        : jwt
          ? 'introspection at the authorization server (run setting verificationMode: introspection)'
          : 'introspection at the authorization server (an opaque token is always introspected)',
    ),
  );

  const verdict = local
    ? await verifyJwtAccessToken(token, { keys: deps.keys, issuer: deps.issuer, resource: deps.resource, clock })
    : await introspectAccessToken(token, {
        ...deps.introspection,
        resource: deps.resource,
        recorder: deps.recorder,
        clockFor: (runId) => deps.lookUpRun(runId ?? fallbackRunId).clock,
      });
  const all = [...checks, ...verdict.checks];
  // Stryker disable next-line StringLiteral: the summary is text for people on the timeline
  if (!verdict.ok) return reject(all, verdict.error, `Access token rejected: ${verdict.error.description}`, token);

  if (verdict.principal.runId) deps.recorder.useRun(verdict.principal.runId);
  deps.recorder.record({
    from: 'resource-server',
    to: 'resource-server',
    type: 'access_token.verified',
    summary: `Access token verified ${local ? 'locally (JWKS)' : 'by introspection'}: ${verdict.principal.sub} via ${verdict.principal.clientId}, scope ${verdict.principal.scopes.join(' ') || '(none)'}`,
    outcome: 'ok',
    checks: all,
    tokens: [tokenView('access_token', token)],
  });
  return { ok: true, principal: verdict.principal, checks: all };
}
