import { describe, expect, it } from 'vitest';
import { jsonDepthExceeds, jsonProblem, parseBoundedJson, SMALL_JSON } from './bounded-json';

const nested = (depth: number, open = '[', close = ']') => open.repeat(depth) + close.repeat(depth);

describe('the bounded JSON reader (issue 8 §5)', () => {
  it('refuses JSON nested ~4,100 levels deep before parsing it: 400 naming max_depth', async () => {
    const r = parseBoundedJson(nested(4100), SMALL_JSON);
    expect(r).toEqual({ ok: false, status: 400, limit: 'max_depth', detail: 'The JSON is nested more than 32 levels deep; at most 32 are accepted.' });
    if (r.ok) return;
    const res = jsonProblem(r, SMALL_JSON);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toEqual({ type: 'about:blank', title: 'Bad JSON', status: 400, detail: r.detail, limit: 'max_depth', max_depth: 32 });
  });

  it('accepts exactly the limit, counts objects and arrays alike, and not brackets inside strings', () => {
    expect(parseBoundedJson(nested(32), SMALL_JSON).ok).toBe(true);
    expect(parseBoundedJson(nested(33, '{"a":', '}').replace(/}$/, '1}'), SMALL_JSON)).toMatchObject({ ok: false, limit: 'max_depth' });
    expect(jsonDepthExceeds(JSON.stringify({ s: '[[[[[[[[[[{{{{{{{{{' }), 2)).toBe(false);
    // An escaped quote does not end the string: the brackets after it are still inside.
    expect(jsonDepthExceeds(JSON.stringify({ s: 'a\\"[[[[' }), 1)).toBe(false);
    expect(jsonDepthExceeds('[[1]]', 1)).toBe(true);
  });

  it('refuses more bytes than the limit with 413 naming max_bytes, counting UTF-8 bytes', async () => {
    const limits = { maxBytes: 10, maxDepth: 5 };
    expect(parseBoundedJson('"ééééé"', limits)).toMatchObject({ ok: false, status: 413, limit: 'max_bytes' }); // 12 bytes, 7 characters
    const r = parseBoundedJson(`"${'x'.repeat(20)}"`, limits);
    if (r.ok) throw new Error('expected a refusal');
    expect(await jsonProblem(r, limits).json()).toMatchObject({ status: 413, title: 'Too large', limit: 'max_bytes', max_bytes: 10 });
  });

  it('says "not JSON" for a syntax error and parses good JSON', () => {
    expect(parseBoundedJson('{nope', SMALL_JSON)).toMatchObject({ ok: false, status: 400, limit: 'syntax' });
    expect(parseBoundedJson('{"clockOffset":600}', SMALL_JSON)).toEqual({ ok: true, value: { clockOffset: 600 } });
  });
});
