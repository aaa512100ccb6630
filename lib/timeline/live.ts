import 'server-only';
import { EventEmitter } from 'node:events';

/**
 * In-process notification that a run has new events, for the live stream.
 * The stream reads the events themselves from the store.
 */
const g = globalThis as unknown as { __sandboxLive?: EventEmitter };

function emitter(): EventEmitter {
  if (!g.__sandboxLive) {
    g.__sandboxLive = new EventEmitter();
    g.__sandboxLive.setMaxListeners(0);
  }
  return g.__sandboxLive;
}

export function publishNewEvents(runId: string, lastSeq: number): void {
  emitter().emit(runId, lastSeq);
}

export function subscribeToRun(runId: string, listener: (lastSeq: number) => void): () => void {
  emitter().on(runId, listener);
  return () => emitter().off(runId, listener);
}
