import { ATTACK_HEADER } from '@/lib/runs/run-id';
import type { EventInput } from './events';
import type { RequestRuns } from '@/lib/runs/run-owner';

/** What an event from outside the owner's browser says about itself (on the timeline and in the detail view). */
export const OUTSIDE_NOTE =
  "From outside: this request named the run with X-Sandbox-Run and carried no run key. It came from outside the owner's browser (curl, a script, or someone else who knows the run id).";

/**
 * Decides where one request's events are recorded, and says how they got
 * there. A run named only by X-Sandbox-Run is a name, not proof: its events
 * are marked `outside` (issue 14). When the request names one run but the
 * code or token it carries belongs to another (found by the authorization
 * server in its store), the events go to the run of the code or token, and
 * both timelines say so, instead of splitting a flow silently. No run id is
 * written into either note: an id shown to one run's owner must not name
 * another's run.
 */
export function attributionEvents(runs: RequestRuns, runId: string, foundRunId: string | undefined, events: EventInput[]): [string, EventInput[]][] {
  const named = runs.named;
  // The run owner's attack panel sent it, and its events stay in that run: the request is the attacker's, not a client's.
  if (runs.attackPanel && runs.attackPanel === named && runId === named && (foundRunId === undefined || foundRunId === named)) return [[runId, fromAttackPanel(events)]];
  if (named && foundRunId && foundRunId !== named) {
    const here: EventInput = {
      from: 'sandbox',
      to: 'sandbox',
      type: 'run_header.mismatched',
      summary: 'This request named another run in X-Sandbox-Run, but the code or token it carried belongs to this run: its events are recorded here',
      outcome: 'info',
    };
    const there: EventInput = {
      from: 'sandbox',
      to: 'sandbox',
      type: 'run_header.mismatched',
      summary:
        'A request named this run in X-Sandbox-Run, but the code or token it carried belongs to another run (perhaps another browser or a stale RUN): its events are recorded there, not here',
      outcome: 'info',
      outside: true,
    };
    return [
      [foundRunId, [...events, here]],
      [named, [there]],
    ];
  }
  // A code or token of the named run itself (foundRunId === named) is the run's own credential: no mark.
  if (named && runId === named && foundRunId === undefined && runs.owned !== named) {
    const [first, ...rest] = events;
    if (!first) return [];
    return [[runId, [{ ...first, summary: `${first.summary} (from outside: named by X-Sandbox-Run, no run key)`, outside: true }, ...rest.map((e) => ({ ...e, outside: true as const }))]]];
  }
  return [[runId, events]];
}

/** The attack panel's request: whoever the party took for its client is the Attacker; the panel's mark is not shown. */
function fromAttackPanel(events: EventInput[]): EventInput[] {
  const lane = (p: EventInput['from']) => (p === 'client' ? ('attacker' as const) : p);
  return events.map((e, i) => {
    const moved = { ...e, from: lane(e.from), to: lane(e.to) };
    const request = i === 0 ? e.http?.request : undefined;
    if (!request) return moved;
    const headers = Object.fromEntries(Object.entries(request.headers).filter(([k]) => k.toLowerCase() !== ATTACK_HEADER));
    return { ...moved, http: { ...e.http, request: { ...request, headers } } };
  });
}
