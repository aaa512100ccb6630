import 'server-only';
import type { RouteContext } from '@/lib/http/handle-route';
import { runClock, systemWallClock } from '@/lib/runs/clock';
import type { EventInput } from '@/lib/timeline/events';
import { resolveClientIdDocument } from './client-id-document';

/**
 * Resolves a URL client_id (fetch or cache, see resolveClientIdDocument),
 * then runs the endpoint's step, and records the `client_id_document.fetched`
 * event after the step's own events: the first event of an exchange carries
 * the request's raw HTTP, and the document fetch has an HTTP exchange of its
 * own. Its causalAt (when the fetch ended) puts it back where it happened.
 * Documents are stamped with the wall clock: the cache is every run's.
 */
export async function withClientIdDocument<T>(x: Pick<RouteContext, 'origin' | 'recorder'>, clientId: string | undefined, step: () => Promise<T>): Promise<T> {
  const held: EventInput[] = [];
  await resolveClientIdDocument(clientId, {
    origin: x.origin,
    clock: runClock({ clockOffset: 0 }, systemWallClock),
    record: (e) => held.push({ ...e, causalAt: performance.timeOrigin + performance.now() }),
  });
  try {
    return await step();
  } finally {
    for (const e of held) x.recorder.record(e);
  }
}
