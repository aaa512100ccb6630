import type { EventInput, HttpMessage } from './events';

/**
 * What a party calls to put an event on the timeline. Protocol steps receive
 * a Recorder in their deps and only ever write to it.
 */
export interface Recorder {
  record(event: EventInput): void;
  /**
   * Tells the recorder which run the request belongs to, once the step knows it (e.g. from a code).
   * `basis: 'request'` when the step only took the run the request itself named (no code or token
   * of the run was found): such events stay marked as from outside when the run was named by X-Sandbox-Run alone.
   */
  useRun(runId: string, basis?: 'request'): void;
}

/** A recorder that keeps events in memory: for unit tests, and to assert what a step recorded. */
export function collectingRecorder(): Recorder & { events: EventInput[]; runId?: string } {
  const r = {
    events: [] as EventInput[],
    runId: undefined as string | undefined,
    record(event: EventInput) {
      r.events.push(event);
    },
    useRun(runId: string) {
      r.runId = runId;
    },
  };
  return r;
}

/** A recorder that drops everything: the protocol stays correct with recording off. */
export const nullRecorder: Recorder = { record() {}, useRun() {} };

export type { EventInput, HttpMessage };
