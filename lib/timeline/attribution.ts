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
