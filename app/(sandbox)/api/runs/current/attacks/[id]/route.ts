import { handleRoute, type RouteContext } from '@/lib/http/handle-route';
import { problemResponse, serverErrorProblem } from '@/lib/http/problem';
import { buildFor, sendRaw } from '@/lib/scenarios/attack-send';
import { ATTACKS, parseRaw, rawText } from '@/lib/scenarios/attacks';
import { recordNow } from '@/lib/scenarios/play-sessions';
import type { AttackId } from '@/lib/scenarios/types';
import { listEvents } from '@/lib/store/events';
import { refuseCrossOrigin } from '@/lib/http/same-origin';
import { requireRunOwner } from '@/lib/runs/run-owner';
import { jsonResponse } from '@/lib/http/json-response';

export const dynamic = 'force-dynamic';

const isAttack = (id: string): id is AttackId => Object.hasOwn(ATTACKS, id);

async function attackOf(context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  return isAttack(id) ? id : undefined;
}

/** The attack panel reads the run's timeline and sends on its behalf: the owner only (issue 14). */
function runOf(x: RouteContext): { runId: string } | Response {
  return requireRunOwner(x);
}

/** GET: the attack's request as raw HTTP, built from the run's timeline, or what must happen first. */
export function GET(request: Request, context: { params: Promise<{ id: string }> }) {
  return handleRoute(request, { onError: serverErrorProblem }, async (x) => {
    const id = await attackOf(context);
    if (!id) return problemResponse(404, 'No such attack', `Attacks: ${Object.keys(ATTACKS).join(', ')}.`);
    const owner = runOf(x);
    if (owner instanceof Response) return owner;
    const built = await buildFor(id, x.origin, listEvents(x.db, owner.runId));
    return jsonResponse(built.ok ? { attack: ATTACKS[id], raw: rawText(built.request, x.url.host) } : { attack: ATTACKS[id], needs: built.needs });
  });
}

/**
 * POST `{"raw": "..."}`: sends the (possibly edited) raw request to this
 * sandbox, records it in the Attacker lane, and answers with the response.
 * A front-channel attack carries the caller's cookies: the victim's browser follows the link.
 */
export function POST(request: Request, context: { params: Promise<{ id: string }> }) {
  return handleRoute(request, { onError: serverErrorProblem }, async (x) => {
    const id = await attackOf(context);
    if (!id) return problemResponse(404, 'No such attack', `Attacks: ${Object.keys(ATTACKS).join(', ')}.`);
    const refused = refuseCrossOrigin(request, 'json');
    if (refused) return refused;
    const owner = runOf(x);
    if (owner instanceof Response) return owner;
    const { runId } = owner;
    let raw: unknown;
    try {
      raw = (JSON.parse(await x.bodyText()) as { raw?: unknown }).raw;
    } catch {
      return problemResponse(400, 'Bad request', 'The body must be JSON: {"raw": "GET /rs/api/notes HTTP/1.1 ..."}.');
    }
    if (typeof raw !== 'string') return problemResponse(400, 'Bad request', 'raw must be the request as text.', { field: 'raw' });
    const parsed = parseRaw(raw);
    if (!parsed.ok) return problemResponse(400, 'Bad request', parsed.error, { field: 'raw' });
    const cookie = ATTACKS[id].frontChannel ? (request.headers.get('cookie') ?? undefined) : undefined;
    const answer = await sendRaw(id, parsed.request, { origin: x.origin, runId, ...(cookie ? { cookie } : {}), recordNow: (e) => recordNow(runId, e) });
    return jsonResponse({ attack: id, response: answer });
  });
}
