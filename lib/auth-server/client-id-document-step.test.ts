import { describe, expect, it } from 'vitest';
import { runClock, systemWallClock } from '@/lib/runs/clock';
import { collectingRecorder } from '@/lib/timeline/recorder';
import { resolveClientIdDocument } from './client-id-document';
import { withClientIdDocument } from './client-id-document-step';

const ORIGIN = 'http://localhost:3000';
const now = () => performance.timeOrigin + performance.now();

describe('withClientIdDocument: the document fetch on the timeline, after the step it served', () => {
  it("the step's own events come first (its first carries the request's HTTP); the document event follows, dated when the fetch ended", async () => {
    const recorder = collectingRecorder();
    // http to a host that is neither loopback nor the sandbox: refused before any fetch, so no network.
    const url = `http://far.example/${crypto.randomUUID()}.json`;
    const before = now();
    const result = await withClientIdDocument({ origin: ORIGIN, recorder }, url, async () => {
      recorder.record({ from: 'browser', to: 'auth-server', type: 'authorization_request.received', summary: 'step', outcome: 'ok' });
      return 'the step answered';
    });
    const after = now();
    expect(result).toBe('the step answered');
    expect(recorder.events.map((e) => e.type)).toEqual(['authorization_request.received', 'client_id_document.fetched']);
    const doc = recorder.events[1]!;
    expect(doc).toMatchObject({ outcome: 'denied', data: { url, cache: 'miss', problem: expect.stringContaining(`client_id ${url} cannot be fetched`) } });
    expect(doc.causalAt).toBeGreaterThanOrEqual(before);
    expect(doc.causalAt).toBeLessThanOrEqual(after);
  });

  it('a step that throws still leaves the document event on the timeline, and its error reaches the caller', async () => {
    const recorder = collectingRecorder();
    const url = `http://far.example/${crypto.randomUUID()}.json`;
    await expect(
      withClientIdDocument({ origin: ORIGIN, recorder }, url, async () => {
        throw new Error('the step failed');
      }),
    ).rejects.toThrow('the step failed');
    expect(recorder.events.map((e) => [e.type, e.data?.url])).toEqual([['client_id_document.fetched', url]]);
  });

  it('documents are dated by the wall clock (no run offset): one fetched just now is taken from the cache, 0 s old', async () => {
    const url = `https://wall.example/${crypto.randomUUID()}.json`;
    const fetch = async (u: string | URL | Request) => new Response(JSON.stringify({ client_id: String(u), redirect_uris: ['http://127.0.0.1/cb'] }));
    await resolveClientIdDocument(url, { origin: ORIGIN, clock: runClock({ clockOffset: 0 }, systemWallClock), fetch });
    const recorder = collectingRecorder();
    await withClientIdDocument({ origin: ORIGIN, recorder }, url, async () => undefined);
    expect(recorder.events).toHaveLength(1);
    expect(recorder.events[0]!.data).toMatchObject({ url, cache: 'hit' });
    expect(recorder.events[0]!.data?.age_seconds).toBeGreaterThanOrEqual(0);
    expect(recorder.events[0]!.data?.age_seconds).toBeLessThan(5);
  });

  it('a client_id that is not a URL records nothing and runs the step', async () => {
    const recorder = collectingRecorder();
    expect(await withClientIdDocument({ origin: ORIGIN, recorder }, 'cli', async () => 42)).toBe(42);
    expect(recorder.events).toEqual([]);
  });
});
