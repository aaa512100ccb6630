import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/store/db';
import { listEvents } from '@/lib/store/events';
import { RUN_HEADER } from '@/lib/runs/run-id';
import { keepResponseBody } from '@/lib/timeline/record-request';
import { handleRoute } from './handle-route';
import { jsonResponse, knownBodyText } from './json-response';
import { problemResponse } from './problem';

/**
 * Issue 11: an answer built from a known text (jsonResponse, problemResponse)
 * reaches the timeline without its body stream being read and the answer
 * built again; the client still receives exactly what was answered.
 */
const onError = () => new Response(null, { status: 500 });

describe('the recorder keeps a known JSON body without reading the answer again (issue 11)', () => {
  it('a jsonResponse is answered as the very same Response, its text on the timeline, its body unread and whole for the client', async () => {
    const runId = 'known-body-recording-run-001';
    let answered: Response | undefined;
    const res = await handleRoute(new Request('http://sandbox.test/as/token', { headers: { [RUN_HEADER]: runId } }), { onError }, async (x) => {
      x.recorder.record({ from: 'client', to: 'auth-server', type: 'token.issued', summary: 'token', outcome: 'ok' });
      answered = jsonResponse({ access_token: 'a.b.c', token_type: 'Bearer', note: 'é\u2028' }, { headers: { 'X-One': '1' } });
      return answered;
    });
    expect(res).toBe(answered);
    expect(res.bodyUsed).toBe(false);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-one')).toBe('1');
    const wire = '{"access_token":"a.b.c","token_type":"Bearer","note":"é\u2028"}';
    expect(new TextDecoder().decode(await res.arrayBuffer())).toBe(wire);
    expect(listEvents(getDb(), runId)[0]?.http?.response).toMatchObject({ status: 200, body: wire });
  });

  it('a problem answer is kept the same way; once its body was read, the text is no longer taken as known', async () => {
    const problem = problemResponse(403, 'Refused', 'Not yours.', { rule: 'owner' });
    const text = '{"type":"about:blank","title":"Refused","status":403,"detail":"Not yours.","rule":"owner"}';
    expect(knownBodyText(problem)).toBe(text);
    const kept = await keepResponseBody(problem, true);
    expect(kept).toEqual({ response: problem, body: text });
    expect(await problem.text()).toBe(text);
    expect(knownBodyText(problem)).toBeUndefined();
  });

  it('an answer built elsewhere is still read once and answered with the same bytes', async () => {
    const other = new Response('{"x":1}', { status: 202, headers: { 'content-type': 'application/json' } });
    expect(knownBodyText(other)).toBeUndefined();
    const kept = await keepResponseBody(other, true);
    expect(kept.response).not.toBe(other);
    expect(kept.body).toBe('{"x":1}');
    expect(kept.response.status).toBe(202);
    expect(await kept.response.text()).toBe('{"x":1}');
  });
});
