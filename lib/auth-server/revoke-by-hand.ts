import 'server-only';
import type { RouteContext } from '@/lib/http/handle-route';
import { problemResponse } from '@/lib/http/problem';
import { jsonProblem, readJsonBody, SMALL_JSON } from '@/lib/http/bounded-json';
import { Params } from '@/lib/oauth/params';
import type { Recorder } from '@/lib/timeline/recorder';
import { authServerDeps } from './deps';
import { revoke } from './revocation';
import { lookupToken } from './token-lookup';
import { requireRunOwner } from '@/lib/runs/run-owner';
import { jsonResponse } from '@/lib/http/json-response';

/**
 * Revokes a token of the caller's own run by hand, from the timeline, as its
 * client would at /as/revoke (RFC 7009 §2.1): the same step runs and records
 * `token.revoked`. A token of another run, or one this server never issued,
 * is "not found": the timeline cannot reach into someone else's run.
 * A sandbox control of the authorization server, like key rotation: the
 * timeline itself only observes. The client did nothing, so the event is
 * recorded in the Sandbox lane (from `sandbox`), never in the client's mouth;
 * the revocation step itself is the one /as/revoke runs.
 *
 * @see https://www.rfc-editor.org/rfc/rfc7009#section-2.1
 */
export async function revokeByHand(x: RouteContext): Promise<Response> {
  const owner = requireRunOwner(x);
  if (owner instanceof Response) return owner;
  const { runId } = owner;
  const parsed = await readJsonBody(() => x.bodyText(), SMALL_JSON);
  if (!parsed.ok && parsed.limit !== 'syntax') return jsonProblem(parsed, SMALL_JSON, 'Bad request');
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value))
    return problemResponse(400, 'Bad request', 'The body must be JSON: {"token": "..."}.');
  const token = (parsed.value as { token?: unknown }).token;
  if (typeof token !== 'string' || token === '') return problemResponse(400, 'Bad request', 'token must be a non-empty string.');
  const deps = authServerDeps(x);
  const found = await lookupToken(deps, token);
  const client = found && deps.clients.find(found.row.clientId);
  if (!found || found.row.runId !== runId || !client)
    return problemResponse(404, 'Not found', 'Your run has no such access or refresh token.');
  const recorder: Recorder = {
    useRun: (id) => deps.recorder.useRun(id),
    record: (e) =>
      deps.recorder.record(
        // Stryker disable next-line ConditionalExpression: `true` is equivalent (revoke() records token.revoked only; the check keeps any other event as it is); `false` is the EqualityOperator mutant's `!==`, still mutated and killed
        e.type === 'token.revoked'
          ? {
              ...e,
              from: 'sandbox',
              summary: `You revoked the ${found.kind.replace('_', ' ')} of ${client.client_id} by hand, from the sandbox (the client did nothing)`,
              data: { ...e.data, by: 'sandbox' },
            }
          : e,
      ),
  };
  await revoke({ client, form: new Params(new URLSearchParams({ token })) }, { ...deps, recorder });
  return jsonResponse({ revoked: found.kind, client_id: client.client_id });
}
