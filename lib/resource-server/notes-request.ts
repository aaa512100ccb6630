import { insufficientScope, type OAuthError } from '@/lib/oauth/errors';
import type { Check } from '@/lib/timeline/events';
import type { AccountDirectory } from './accounts';
import type { BearerSources } from './bearer-token';
import { checkScope, evaluatePolicy, subjectOf, UNKNOWN_USER, type Action, type DecidedBy } from './policy';
import type { NotesPolicy } from './policy-document';
import { verifyBearerToken, type TokenVerificationDeps } from './token-verification';
import { performNoteAction, type NotesStore } from './note-actions';

export interface NotesRequest {
  method: string;
  /** Path and query, for the timeline. */
  path: string;
  action: Action;
  noteId?: string;
  bearer: BearerSources;
  /** The JSON body of a create or update, read only once the request is allowed. */
  body(): Promise<string>;
  /** The run the request names (header or cookie), if any. */
  requestRunId?: string;
}

export interface ResourceServerDeps extends TokenVerificationDeps {
  accounts: AccountDirectory;
  notes: NotesStore;
  /** The run's policy: which scope each action needs, and the run's rules (the Notes API's own table). */
  policy(runId: string): NotesPolicy;
}

/** What the Notes API answers; lib/resource-server/responses.ts turns it into HTTP. */
export type NotesOutcome =
  | { kind: 'ok'; status: 200 | 201 | 204; body?: unknown; checks: Check[] }
  /** An RFC 6750 §3 Bearer challenge: no error (no token), invalid_request, invalid_token, insufficient_scope. */
  | { kind: 'challenge'; error?: OAuthError; checks: Check[] }
  /** An RFC 9457 problem: a policy refusal (naming the rule), an unknown note, a bad field, an unreachable AS. */
  | { kind: 'problem'; status: 400 | 403 | 404 | 503; title: string; detail: string; extra?: Record<string, unknown>; checks: Check[] };

/**
 * Decides one request to the Notes API, in order: the bearer token (present,
 * well placed, valid: see verifyBearerToken), the scope the action needs
 * (RFC 6750 §3.1 insufficient_scope), the user's account and role, the note
 * (404), the policy rule (RFC 9457 problem naming the rule), then the body
 * (400 naming the field) and the action itself.
 *
 * Records `resource_request.received`, then (via verifyBearerToken)
 * `access_token.verified`/`access_token.rejected`, then `policy.allowed` or
 * `policy.denied` with the checks, and `resource.answered`.
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3.1
 */
export async function handleNotesRequest(req: NotesRequest, deps: ResourceServerDeps): Promise<NotesOutcome> {
  const r = deps.recorder;
  r.record({ from: 'client', to: 'resource-server', type: 'resource_request.received', summary: `${req.method} ${req.path}`, outcome: 'info', data: { action: req.action, ...(req.noteId ? { noteId: req.noteId } : {}) } });
  const outcome = await decide(req, deps);
  const status = outcome.kind === 'ok' ? outcome.status : outcome.kind === 'problem' ? outcome.status : (outcome.error?.status ?? 401);
  r.record({
    from: 'resource-server',
    to: 'client',
    type: 'resource.answered',
    summary: `${status} ${outcome.kind === 'ok' ? 'OK' : outcome.kind === 'challenge' ? (outcome.error?.code ?? 'token required') : outcome.title}`,
    outcome: outcome.kind === 'ok' ? 'ok' : status >= 500 ? 'error' : 'denied',
    data: { status },
  });
  return outcome;
}

async function decide(req: NotesRequest, deps: ResourceServerDeps): Promise<NotesOutcome> {
  const auth = await verifyBearerToken(req.bearer, req.requestRunId, deps);
  if (!auth.ok) {
    if (auth.error?.code === 'temporarily_unavailable')
      return { kind: 'problem', status: 503, title: 'Authorization server unavailable', detail: auth.error.description, checks: auth.checks };
    return { kind: 'challenge', ...(auth.error ? { error: auth.error } : {}), checks: auth.checks };
  }
  const { principal } = auth;
  const runId = principal.runId ?? req.requestRunId ?? SHARED_RUN;
  const { clock } = deps.lookUpRun(runId);
  deps.notes.ensureSeeded(runId, clock());

  const denied = (checks: Check[], summary: string, rule?: string) => {
    deps.recorder.record({ from: 'resource-server', to: 'resource-server', type: 'policy.denied', summary, outcome: 'denied', checks, data: { action: req.action, ...(rule ? { rule } : {}) } });
    return [...auth.checks, ...checks];
  };
  const refused = (by: DecidedBy, checks: Check[]): NotesOutcome => ({
    kind: 'problem',
    status: 403,
    title: 'Refused by the Notes API policy',
    detail: `${by.fact}.`,
    extra: { type: `urn:notes-api:policy:${by.id}`, rule: by.id, step: by.step },
    checks: denied(checks, `Policy refuses ${req.action} at the ${by.step} step: ${by.id}`, by.id),
  });
  const policy = deps.policy(runId);

  // RFC 6750 §3.1: the scope travels in the token; without it, more scope would help, so insufficient_scope.
  const scope = checkScope(req.action, principal.scopes, policy);
  const scopeCheck: Check = { name: scope.name, passed: scope.passed, reason: scope.reason };
  if (!scope.passed) {
    // RFC 6750 §3: the scope attribute lists the scopes, any one of which would do.
    const needed = scope.required.join(' ');
    // Stryker disable next-line StringLiteral,ConditionalExpression,EqualityOperator: wording of error_description, human-readable text (RFC 6750 §3)
    const words = scope.required.length === 1 ? `the ${needed} scope` : `one of the scopes ${scope.required.join(', ')}`;
    const error = insufficientScope(needed, `${req.action} needs ${words}`);
    return { kind: 'challenge', error, checks: denied([scopeCheck], `Insufficient scope: ${req.action} needs ${needed}`) };
  }

  const subject = subjectOf(principal.sub, principal.clientId, deps.accounts);
  if (!subject) return refused(UNKNOWN_USER, [scopeCheck, { name: 'role', passed: false, reason: `${principal.sub} has no account in the Notes API` }]);

  const note = req.noteId === undefined ? undefined : deps.notes.find(runId, req.noteId);
  if (req.noteId !== undefined && !note)
    return { kind: 'problem', status: 404, title: 'Note not found', detail: `There is no note ${req.noteId}.`, checks: [...auth.checks, scopeCheck] };

  const ctx = { scopes: principal.scopes, now: clock(), rules: policy.rules };
  const decision = evaluatePolicy(subject, req.action, note, ctx);
  const checks = [scopeCheck, ...decision.checks];
  if (decision.refusedBy) return refused(decision.refusedBy, checks);
  deps.recorder.record({ from: 'resource-server', to: 'resource-server', type: 'policy.allowed', summary: `Policy allows ${req.action}: scope, role, note and rules all pass`, outcome: 'ok', checks, data: { action: req.action } });

  const mayRead = (n: NonNullable<typeof note>) => evaluatePolicy(subject, 'read', n, ctx).allowed;
  const result = await performNoteAction({ action: req.action, subject, note, runId, now: clock(), body: req.body, mayRead }, deps.notes);
  const allChecks = [...auth.checks, ...checks];
  if (!result.ok) return { kind: 'problem', status: 400, title: 'Bad request body', detail: `${result.field} ${result.message}.`, extra: { field: result.field }, checks: allChecks };
  return { kind: 'ok', status: result.status, ...(result.body !== undefined ? { body: result.body } : {}), checks: allChecks };
}

/** The run of a token that names none and a request that names none (not issued by this sandbox's AS). */
export const SHARED_RUN = 'notes-api-shared-run-0000';
