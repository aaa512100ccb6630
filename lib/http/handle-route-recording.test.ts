import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/store/db';
import { listEvents } from '@/lib/store/events';
import { RUN_HEADER } from '@/lib/runs/run-id';
import { handleRoute } from './handle-route';

/**
 * The recorder reads the response body once for the timeline and answers
 * with the same bytes (no clone): what the client receives must be exactly
 * what the handler answered, status, headers and body.
 */
const onError = () => new Response(null, { status: 500 });

function recorded(runId: string) {
  return listEvents(getDb(), runId);
}

describe('handleRoute records the answer and passes it on unchanged', () => {
  it('binary body, status text, two Set-Cookie headers: the same on the wire, the text on the timeline', async () => {
    const runId = 'exchange-recording-run-0001';
    const bytes = new Uint8Array([0x7b, 0xff, 0x00, 0x80, 0x7d]);
    const headers = new Headers({ 'content-type': 'application/octet-stream', 'x-one': '1' });
    headers.append('set-cookie', 'a=1; Path=/');
    headers.append('set-cookie', 'b=2; Path=/');
    const res = await handleRoute(new Request('http://sandbox.test/api/thing', { headers: { [RUN_HEADER]: runId } }), { onError }, async (x) => {
      x.recorder.record({ from: 'client', to: 'auth-server', type: 'resource_request.received', summary: 'thing', outcome: 'info' });
      return new Response(bytes, { status: 201, statusText: 'Made', headers });
    });
    expect(res.status).toBe(201);
    expect(res.statusText).toBe('Made');
    expect(res.headers.get('x-one')).toBe('1');
    expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
    const [event] = recorded(runId);
    expect(event?.http?.response?.status).toBe(201);
    expect(event?.http?.response?.body).toBe(new TextDecoder().decode(bytes));
  });

  it('a 204 without a body and a JSON answer both arrive as answered', async () => {
    const runId = 'exchange-recording-run-0002';
    const call = (response: () => Response) =>
      handleRoute(new Request('http://sandbox.test/api/thing', { headers: { [RUN_HEADER]: runId } }), { onError }, async (x) => {
        x.recorder.record({ from: 'client', to: 'auth-server', type: 'resource_request.received', summary: 'thing', outcome: 'info' });
        return response();
      });
    const empty = await call(() => new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } }));
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
    expect(empty.headers.get('cache-control')).toBe('no-store');
    const json = await call(() => Response.json({ ok: 'é' }, { status: 200 }));
    expect(await json.json()).toEqual({ ok: 'é' });
    expect(recorded(runId).map((e) => e.http?.response?.body)).toEqual([undefined, '{"ok":"é"}']);
  });

  it('leaves an event stream unread: the client gets the stream, the timeline no body', async () => {
    const runId = 'exchange-recording-run-0003';
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode('data: 1\n\n'));
        c.close();
      },
    });
    const res = await handleRoute(new Request('http://sandbox.test/api/stream', { headers: { [RUN_HEADER]: runId } }), { onError }, async (x) => {
      x.recorder.record({ from: 'client', to: 'auth-server', type: 'resource_request.received', summary: 'stream', outcome: 'info' });
      return new Response(stream, { headers: { 'content-type': 'text/event-stream' } });
    });
    expect(res.body).toBe(stream);
    expect(await res.text()).toBe('data: 1\n\n');
    expect(recorded(runId)[0]?.http?.response?.body).toBeUndefined();
  });
});

describe('handleRoute: what recording one request costs the store', () => {
  const db = getDb();
  const prepare = db.prepare;
  afterEach(() => {
    db.prepare = prepare;
  });

  it('four events: the run touched once (not read back), one UPDATE numbers them all, one INSERT each, nothing to trim', async () => {
    const runId = 'exchange-recording-run-0004';
    const statements: string[] = [];
    const res = await handleRoute(new Request('http://sandbox.test/api/thing', { headers: { [RUN_HEADER]: runId } }), { onError }, async (x) => {
      for (const summary of ['one', 'two', 'three', 'four']) x.recorder.record({ from: 'client', to: 'auth-server', type: 'resource_request.received', summary, outcome: 'info' });
      // Count from here: what the recorder does once the handler has answered.
      db.prepare = ((sql: string) => (statements.push(sql.replace(/\s+/g, ' ').trim()), prepare.call(db, sql))) as typeof db.prepare;
      return Response.json({ ok: true });
    });
    expect(res.status).toBe(200);
    const kinds = statements.map((sql) => sql.split(' ').slice(0, 3).join(' '));
    expect(kinds.filter((k) => k.startsWith('INSERT INTO runs'))).toHaveLength(1);
    expect(kinds.filter((k) => k.startsWith('UPDATE runs'))).toHaveLength(1);
    expect(kinds.filter((k) => k.startsWith('INSERT INTO events'))).toHaveLength(1); // prepared once, run for each event
    expect(statements.filter((sql) => sql.startsWith('SELECT') && sql.includes('FROM runs'))).toEqual([]);
    expect(statements.filter((sql) => sql.startsWith('DELETE'))).toEqual([]);
    expect(recorded(runId).map((e) => [e.seq, e.summary.split(' (')[0]])).toEqual([
      [1, 'one'],
      [2, 'two'],
      [3, 'three'],
      [4, 'four'],
    ]);
  });
});
