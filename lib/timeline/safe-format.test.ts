import { describe, expect, it } from 'vitest';
import { eventTime, prettyBody } from './format';
import { safeClockTime, safeIsoTime, safeJson, safeRelativeTime, showValue, truncateText } from './safe-format';
import { decodeTokenView, tokenView } from './token-view';

/** A JWT with the given payload and no real signature: what a forger can send to the Notes API. */
const jwt = (payload: string) =>
  `${Buffer.from('{"alg":"ES256","typ":"at+jwt"}').toString('base64url')}.${Buffer.from(payload).toString('base64url')}.c2ln`;

function deep(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

describe('formatters of untrusted data never throw (issue 8 §5)', () => {
  it('a NumericDate outside the JavaScript Date range (exp 1e13) is named, not thrown', () => {
    // 1e13 s = 1e16 ms > 8.64e15 ms (ECMAScript's Date range): toISOString() throws "Invalid time value".
    expect(safeIsoTime(1e13)).toBe('outside the range of dates (10000000000000 s from 1970)');
    expect(safeIsoTime(-1e13)).toBe('outside the range of dates (-10000000000000 s from 1970)');
    expect(safeIsoTime(8.64e12)).toBe('+275760-09-13T00:00:00Z'); // the last representable instant
    expect(safeIsoTime(Number.NaN)).toBe('not a time (NaN)');
    expect(safeIsoTime('soon')).toBe('not a time (soon)');
    expect(safeIsoTime(0)).toBe('1970-01-01T00:00:00Z');
  });

  it('relative times and event clock times of hostile values read as words', () => {
    // (1e13 - 1.7e9) s / 31,557,600 s per Julian year = 316,826.9
    expect(safeRelativeTime(1e13, 1_700_000_000)).toBe('in 316,827 years');
    expect(safeRelativeTime(Number.POSITIVE_INFINITY, 0)).toBe('at no real time');
    expect(safeRelativeTime(1_700_000_300, 1_700_000_000)).toBe('in 5 min');
    expect(safeClockTime(1e20)).toBe('--:--:--.---');
    expect(eventTime(Number.NaN)).toBe('--:--:--.---');
    expect(eventTime(0)).toMatch(/^\d\d:\d\d:\d\d\.000$/);
  });

  it('strings of any length are cut, saying how much was left out', () => {
    const long = 'x'.repeat(1_000_000);
    expect(truncateText(long, 10)).toBe(`xxxxxxxxxx… (999990 more characters)`);
    expect(showValue(long).length).toBeLessThan(20_100);
  });

  it('nested objects too deep for JSON.stringify, cycles and BigInts are named instead of thrown', () => {
    expect(() => JSON.stringify(deep(20_000))).toThrow(RangeError); // the fault these guard against
    expect(safeJson(deep(20_000))).toBe('[this value cannot be shown: it is nested too deeply]');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(safeJson(cyclic)).toMatch(/^\[this value cannot be shown: .*circular/i);
    expect(safeJson({ n: 10n })).toMatch(/^\[this value cannot be shown: /);
    expect(safeJson({ a: [1, 'b'] }, 0)).toBe('{"a":[1,"b"]}');
  });

  it('a token with exp 1e13 decodes for display with its exp named, not a thrown RangeError', () => {
    const view = decodeTokenView(tokenView('access_token', jwt('{"sub":"x","exp":1e13,"iat":1700000000}')), 1_700_000_000);
    expect(view.format).toBe('jwt');
    expect(view.claims.find((c) => c.name === 'exp')).toEqual({
      name: 'exp',
      value: '10000000000000',
      time: { iso: 'outside the range of dates (10000000000000 s from 1970)', relative: 'in 316,827 years' },
    });
  });

  it('a token nested thousands deep is kept raw (opaque), for recording and for display', () => {
    const payload = `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    expect(tokenView('access_token', jwt(payload))).toEqual({ kind: 'access_token', raw: jwt(payload) });
    expect(decodeTokenView({ kind: 'access_token', raw: jwt(payload) }, 0)).toMatchObject({ format: 'opaque', claims: [] });
  });

  it('a recorded body nested thousands deep is shown as it came, not re-stringified', () => {
    const body = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(prettyBody(body)).toBe(body);
    expect(prettyBody('{"a":1}')).toBe('{\n  "a": 1\n}');
  });
});
