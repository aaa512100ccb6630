import { decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type ProtectedHeaderParameters } from 'jose';
import { invalidToken, OAuthError } from '@/lib/oauth/errors';
import type { Clock } from '@/lib/runs/clock';
import type { Check } from '@/lib/timeline/events';
import { audienceList, failed, passed, scopeList, type TokenVerdict } from './access-token';

/**
 * RFC 8725 §3.1: an allowlist, never the token's word. The algorithms the
 * authorization server signs access tokens with: ES256 by default, RS256 when
 * the run asks (RFC 9068 §2.1: RS256 MUST be supported). Each JWKS key is
 * used only with the `alg` its JWK names (jose selects keys by `alg` and
 * `kty`), so an ES256 key never verifies an RS256 header nor the reverse.
 */
export const ACCESS_TOKEN_ALGORITHMS = ['ES256', 'RS256'] as const;

/** RFC 9068 §4 allows "a few minutes" at most; 30 s (as oauth4webapi) covers clock skew between parties. */
export const CLOCK_LEEWAY_SECONDS = 30;

/** RFC 9068 §2.2: the claims every JWT access token carries. */
const REQUIRED_CLAIMS = ['iss', 'exp', 'aud', 'sub', 'client_id', 'iat', 'jti'];

interface JwtVerificationDeps {
  /**
   * Where verification keys come from: the authorization server's JWKS only
   * (RFC 9068 §4). jose's remote set in production, a local set in tests.
   * `jku`, `x5u` and embedded `jwk` headers are never used.
   */
  keys: JWTVerifyGetKey;
  /** `{origin}/as`, compared exactly (RFC 9068 §4). */
  issuer: string;
  /** `{origin}/rs`: `aud` must contain it (RFC 9068 §4, RFC 8707). */
  resource: string;
  /** The run's clock, for `exp` and `nbf`. */
  clock: Clock;
}

/** The checks in the order jose performs them, so that the list says which passed before one failed. */
const ORDER = ['format', 'critical headers', 'algorithm', 'kid', 'signature', 'typ', 'required claims', 'iss', 'aud', 'nbf', 'exp'] as const;
type CheckName = (typeof ORDER)[number];

/** The key set could not be fetched: not the token's fault. */
class KeySetUnavailable extends Error {}

function passedReasons(h: ProtectedHeaderParameters, p: JWTPayload, deps: JwtVerificationDeps, now: number): Record<CheckName, string> {
  return {
    format: 'a JWS in compact serialization (header.payload.signature)',
    // Array.isArray: the header is the sender's; a string crit (malformed, RFC 7515 §4.1.11) must not throw here.
    'critical headers': Array.isArray(h.crit) ? `crit ${h.crit.join(', ')} understood` : 'no crit header',
    algorithm: `alg ${String(h.alg)} is on the allowlist (${ACCESS_TOKEN_ALGORITHMS.join(', ')})`,
    kid: h.kid === undefined ? `no kid; the one ${String(h.alg)} key of the authorization server's JWKS was used` : `kid ${String(h.kid)} found in the authorization server's JWKS for ${String(h.alg)}`,
    signature: 'the signature verifies with that key',
    typ: `typ ${String(h.typ)} marks an access token (RFC 9068 section 2.1)`,
    'required claims': `${REQUIRED_CLAIMS.join(', ')} present`,
    iss: `iss is ${deps.issuer}`,
    aud: `aud contains ${deps.resource}`,
    nbf: p.nbf === undefined ? 'no nbf claim' : `nbf ${p.nbf} is not in the future (now ${now}, leeway ${CLOCK_LEEWAY_SECONDS} s)`,
    exp: `exp ${String(p.exp)} is ${Number(p.exp) - now} s ahead of the run's clock (leeway ${CLOCK_LEEWAY_SECONDS} s)`,
  };
}

function failure(at: CheckName, reason: string, reasons: Partial<Record<CheckName, string>>, error?: OAuthError): TokenVerdict {
  const checks: Check[] = [];
  for (const name of ORDER) {
    if (name === at) break;
    checks.push(passed(name, reasons[name] ?? 'passed'));
  }
  checks.push(failed(at, reason));
  return { ok: false, error: error ?? invalidToken(reason), checks };
}

/** Maps a jose error to the check that failed and why. */
function classify(e: unknown, h: ProtectedHeaderParameters, deps: JwtVerificationDeps, now: number): [CheckName, string] {
  if (e instanceof errors.JOSEAlgNotAllowed) return ['algorithm', `alg ${String(h.alg)} is not allowed; only ${ACCESS_TOKEN_ALGORITHMS.join(', ')}`];
  if (e instanceof errors.JWKSNoMatchingKey) return ['kid', `no ${String(h.alg)} key with kid ${String(h.kid ?? '(none)')} in the authorization server's JWKS`];
  if (e instanceof errors.JWKSMultipleMatchingKeys) return ['kid', 'several keys match and the token names no kid'];
  if (e instanceof errors.JWSSignatureVerificationFailed) return ['signature', 'the signature does not verify: the token was altered or not signed by the authorization server'];
  if (e instanceof errors.JOSENotSupported) return Array.isArray(h.crit) ? ['critical headers', `unknown critical header ${h.crit.join(', ')}`] : ['signature', 'the key or algorithm is not supported'];
  if (e instanceof errors.JWTExpired) return ['exp', `the token expired at ${String(e.payload.exp)}; the run's clock says ${now} (leeway ${CLOCK_LEEWAY_SECONDS} s)`];
  if (e instanceof errors.JWTClaimValidationFailed) {
    if (e.claim === 'typ') return ['typ', `typ is ${String(h.typ ?? '(none)')}, not at+jwt: not an access token (RFC 9068 section 4)`];
    if (e.reason === 'missing') return ['required claims', `the ${e.claim} claim is missing`];
    if (e.claim === 'iss') return ['iss', `iss is ${String(e.payload.iss)}, expected exactly ${deps.issuer}`];
    if (e.claim === 'aud') return ['aud', `aud ${audienceList(e.payload.aud).join(' ') || '(none)'} does not contain ${deps.resource}`];
    if (e.claim === 'nbf') return ['nbf', `the token is not valid before ${String(e.payload.nbf)}; the run's clock says ${now}`];
    return ['required claims', `the ${e.claim} claim is malformed`];
  }
  return ['format', 'the token is not a well-formed signed JWT'];
}

/**
 * Verifies a JWT access token locally, with no call to the authorization
 * server (RFC 9068 §4): the signature with a key from the authorization
 * server's JWKS (alg on the ES256/RS256 allowlist, each key only with its own
 * `alg`; `none`, HS*, PS*, ES384... refused; unknown
 * `crit` refused; `jku`/`x5u`/`jwk` headers ignored), `typ` at+jwt, `iss`
 * exact, `aud` containing this resource, `exp`/`nbf` against the run's clock
 * with {@link CLOCK_LEEWAY_SECONDS} leeway, and the RFC 9068 §2.2 claims.
 *
 * Does not check revocation (it cannot: that is what introspection is for),
 * nor scope. Records no events; the checks it returns are recorded by the decision.
 * @see https://www.rfc-editor.org/rfc/rfc9068#section-4
 * @see https://www.rfc-editor.org/rfc/rfc8725#section-3.1
 */
export async function verifyJwtAccessToken(token: string, deps: JwtVerificationDeps): Promise<TokenVerdict> {
  const now = deps.clock();
  // The header and payload are decoded by jose as it verifies; a failure decodes them again, to say why.
  const decoded = (): { header: ProtectedHeaderParameters; unverified: JWTPayload } | undefined => {
    try {
      return { header: decodeProtectedHeader(token), unverified: decodeJwt(token) };
      // Stryker disable next-line BlockStatement: equivalent, an empty catch block also returns undefined
    } catch {
      return undefined;
    }
  };

  const keys: typeof deps.keys = async (h, t) => {
    try {
      return await deps.keys(h, t);
    } catch (e) {
      if (e instanceof errors.JWKSNoMatchingKey || e instanceof errors.JWKSMultipleMatchingKeys) throw e;
      throw new KeySetUnavailable(e instanceof Error ? e.message : 'unknown error');
    }
  };

  try {
    const { payload, protectedHeader } = await jwtVerify(token, keys, {
      algorithms: [...ACCESS_TOKEN_ALGORITHMS],
      typ: 'at+jwt',
      issuer: deps.issuer,
      audience: deps.resource,
      requiredClaims: REQUIRED_CLAIMS,
      currentDate: new Date(now * 1000),
      clockTolerance: CLOCK_LEEWAY_SECONDS,
    });
    const reasons = passedReasons(protectedHeader, payload, deps, now);
    // oauth4webapi's validateJwtAccessToken: these claims must be strings.
    for (const claim of ['sub', 'client_id', 'jti'] as const) {
      if (typeof payload[claim] !== 'string' || payload[claim] === '') return failure('required claims', `the ${claim} claim must be a non-empty string`, reasons);
    }
    if (payload.scope !== undefined && typeof payload.scope !== 'string') return failure('required claims', 'the scope claim must be a string', reasons);
    const checks = ORDER.map((name) => passed(name, reasons[name]));
    const runId = typeof payload.sandbox_run === 'string' ? payload.sandbox_run : undefined;
    return {
      ok: true,
      checks,
      principal: {
        sub: payload.sub!,
        clientId: payload.client_id as string,
        scopes: scopeList(payload.scope),
        audience: audienceList(payload.aud),
        exp: payload.exp!,
        ...(runId ? { runId } : {}),
        via: 'local',
      },
    };
  } catch (e) {
    const d = decoded();
    if (!d) return failure('format', 'not a JWT: the header or payload is not base64url-encoded JSON', {});
    const reasons = passedReasons(d.header, d.unverified, deps, now);
    if (e instanceof KeySetUnavailable) {
      // Stryker disable next-line StringLiteral: error_description, human-readable text (RFC 6749 §5.2)
      const reason = `the authorization server's JWKS could not be fetched (${e.message})`;
      // Stryker disable next-line ObjectLiteral: equivalent, 503 is temporarily_unavailable's default status (lib/oauth/errors.ts)
      return failure('kid', reason, reasons, new OAuthError('temporarily_unavailable', reason, { status: 503 }));
    }
    const [at, reason] = classify(e, d.header, deps, now);
    return failure(at, reason, reasons);
  }
}
