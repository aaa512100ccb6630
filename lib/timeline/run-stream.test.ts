import { describe, expect, it } from 'vitest';
import { openDb } from '@/lib/store/db';
import { appendEvents } from '@/lib/store/events';
import { deleteRun, ensureRun } from '@/lib/store/runs';
import type { EventInput } from './events';
import { publishNewEvents } from './live';
import { runEventStream } from './run-stream';
import { resumeAfter } from './sse';

const RUN = 'stream_run_aaaaaaaaaaaaaaaa';
const OTHER = 'stream_run_bbbbbbbbbbbbbbbb';
const ev = (summary: string): EventInput => ({ from: 'client', to: 'auth-server', type: 'token.issued', summary, outcome: 'ok' });

async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, needle: string): Promise<string> {
  let text = '';
  const dec = new TextDecoder();
  while (!text.includes(needle)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += dec.decode(value);
  }
  return text;
}

function setup() {
  const db = openDb(':memory:');
  ensureRun(db, RUN, Date.now());
  ensureRun(db, OTHER, Date.now());
  const add = (runId: string, summary: string) => {
    const seqs = appendEvents(db, runId, [ev(summary)], undefined, 0);
    publishNewEvents(runId, seqs[0]!);
  };
  return { db, add };
}

describe('live timeline stream (Server-Sent Events)', () => {
  it('sends the run’s events with id = seq, then new ones as they are recorded, and never another run’s', async () => {
    const { db, add } = setup();
    add(RUN, 'first');
    const abort = new AbortController();
    const reader = runEventStream({ db: () => db, runId: RUN, after: 0, signal: abort.signal }).getReader();
    const start = await readUntil(reader, '"first"');
    expect(start).toContain('retry: 2000');
    expect(start).toMatch(/id: 1\ndata: \{.*"summary":"first"/);

    add(OTHER, 'not yours');
    add(RUN, 'second');
    const next = await readUntil(reader, '"second"');
    expect(next).toMatch(/^id: 2\ndata: /);
    expect(next).not.toContain('not yours');
    abort.abort();
    expect((await reader.read()).done).toBe(true);
  });

  it('resumes after Last-Event-ID without repeating events', async () => {
    const { db, add } = setup();
    add(RUN, 'one');
    add(RUN, 'two');
    add(RUN, 'three');
    const reader = runEventStream({ db: () => db, runId: RUN, after: 2 }).getReader();
    const text = await readUntil(reader, '"three"');
    expect(text).not.toContain('"two"');
    expect(text).toContain('id: 3\n');
    await reader.cancel();
  });

  it('tells the browser when the run was reset, then numbers from 1 again', async () => {
    const { db, add } = setup();
    add(RUN, 'a');
    add(RUN, 'b');
    const reader = runEventStream({ db: () => db, runId: RUN, after: 0 }).getReader();
    await readUntil(reader, '"b"');
    deleteRun(db, RUN);
    ensureRun(db, RUN, Date.now());
    add(RUN, 'after reset');
    const text = await readUntil(reader, '"after reset"');
    expect(text).toMatch(/event: reset\n[\s\S]*id: 1\ndata: .*"after reset"/);
    await reader.cancel();
  });

  it('answers a resume past the end (a reset while disconnected) with a reset', async () => {
    const { db, add } = setup();
    add(RUN, 'only');
    const reader = runEventStream({ db: () => db, runId: RUN, after: 40 }).getReader();
    expect(await readUntil(reader, '"only"')).toContain('event: reset');
    await reader.cancel();
  });

  it('without a run, stays open with heartbeats only', async () => {
    const { db } = setup();
    const reader = runEventStream({ db: () => db, after: 0, heartbeatMs: 20 }).getReader();
    const text = await readUntil(reader, ': heartbeat');
    expect(text).not.toContain('data:');
    await reader.cancel();
  });

  it('reads Last-Event-ID first, then ?after=, else 0', () => {
    expect(resumeAfter('7', '3')).toBe(7);
    expect(resumeAfter(null, '3')).toBe(3);
    expect(resumeAfter('x', null)).toBe(0);
    expect(resumeAfter('-1', '1e9')).toBe(0);
  });
});
