/**
 * Deciding what a Notes API answer means for the user, from the status, the
 * `WWW-Authenticate` challenge and the problem body only, as every client must.
 *
 * @see RFC 6750 §3.1 (invalid_token 401, insufficient_scope 403 with the needed `scope`)
 * @see RFC 9457 §3 (problem details: `title`, `detail`, extension members such as the rule)
 *
 * Does not check that the body is the note the app asked for. Records nothing.
 */
import { bearerChallenge } from './www-authenticate';
import { OTHER_PARTY_JSON, parseBoundedJson } from '@/lib/http/bounded-json';

interface RsAnswer {
  status: number;
  headers: Headers;
  body: string;
}

export type ResourceOutcome =
  | { kind: 'ok'; status: number }
  /** 403 with a Bearer challenge: the token lacks a scope; asking for it could help. */
  | { kind: 'insufficient_scope'; status: number; missingScope: string; description?: string }
  /** 403 with a problem body: the policy said no; more scope would not help. */
  | { kind: 'policy'; status: number; title: string; detail?: string; rule?: string }
  /** 401 invalid_token (expired, revoked, unknown): refresh, or sign in again. */
  | { kind: 'invalid_token'; status: number; description?: string }
  | { kind: 'not_found'; status: number; detail?: string }
  | { kind: 'error'; status: number; detail: string }
  /** No answer at all: the resource server (or the authorization server, for a refresh) is down. */
  | { kind: 'unreachable'; detail: string };

function json(body: string): Record<string, unknown> | undefined {
  const r = parseBoundedJson(body, OTHER_PARTY_JSON);
  const v = r.ok ? r.value : undefined;
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The rule a policy refusal names: the Notes API sends its id as the problem's `rule` member (a string). */
export function ruleOf(problem: Record<string, unknown>): string | undefined {
  return str(problem.rule);
}

export function classifyResourceAnswer(a: RsAnswer): ResourceOutcome {
  if (a.status >= 200 && a.status < 300) return { kind: 'ok', status: a.status };
  const challenge = bearerChallenge(a.headers.get('www-authenticate'));
  const problem = json(a.body);
  if (a.status === 401) {
    return { kind: 'invalid_token', status: a.status, description: challenge?.error_description ?? challenge?.error };
  }
  if (a.status === 403 && challenge?.error === 'insufficient_scope') {
    return {
      kind: 'insufficient_scope',
      status: a.status,
      missingScope: challenge.scope ?? 'notes:write',
      description: challenge.error_description,
    };
  }
  if (a.status === 403) {
    return {
      kind: 'policy',
      status: a.status,
      title: str(problem?.title) ?? 'Refused by the Notes API policy',
      detail: str(problem?.detail),
      rule: problem ? ruleOf(problem) : undefined,
    };
  }
  const detail = str(problem?.detail) ?? str(problem?.error_description) ?? str(problem?.title) ?? `HTTP ${a.status}`;
  if (a.status === 404) return { kind: 'not_found', status: a.status, detail };
  return { kind: 'error', status: a.status, detail };
}

/**
 * The outcome's name in a one-line summary (the timeline, the footer panel):
 * RFC 6750 §3.1 error codes exactly as spelled (`insufficient_scope`,
 * `invalid_token`), since the page, the challenge and the RFC spell them so;
 * plain words for the rest.
 */
export function outcomeName(o: ResourceOutcome): string {
  switch (o.kind) {
    case 'insufficient_scope':
    case 'invalid_token':
      return o.kind;
    case 'policy':
      return 'refused by the policy';
    case 'not_found':
      return 'not found';
    case 'ok':
    case 'error':
      return o.kind;
    case 'unreachable':
      return 'no answer';
  }
}
