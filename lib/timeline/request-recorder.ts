import type { EventInput } from './events';
import type { Recorder } from './recorder';

/** Epoch milliseconds with a fraction, increasing within the process (not the run's clock: the timeline's own ordering). */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}

/** The recorder one HTTP request's handler writes to: what it recorded, and in which run. */
export interface RequestRecorder extends Recorder {
  readonly events: EventInput[];
  /** The run the events go to: the one a party chose (useRun), else the one the request named. */
  readonly runId: string | undefined;
  /** The run a party found through a code, token or pending request (useRun without basis 'request'). */
  readonly foundRunId: string | undefined;
}

/** Keeps a request's events in memory, each stamped with when it was recorded (causal order, see EventDetail.causalAt). */
export function requestRecorder(requestRunId: string | undefined): RequestRecorder {
  const events: EventInput[] = [];
  let runId = requestRunId;
  let foundRunId: string | undefined;
  return {
    events,
    get runId() {
      return runId;
    },
    get foundRunId() {
      return foundRunId;
    },
    record: (e) => void events.push({ ...e, causalAt: e.causalAt ?? preciseNow() }),
    useRun: (id, basis) => {
      runId = id;
      if (basis !== 'request') foundRunId = id;
    },
  };
}
