import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Params } from '@/lib/oauth/params';
import { collectingRecorder } from '@/lib/timeline/recorder';
import { clientRegistry } from './clients';
import { authenticateClient, secretsEqual } from './client-authentication';

// Watch node:crypto's timingSafeEqual: the comparison is constant-time when every
// secret check goes through it, on two buffers of one length (it throws on unequal
// lengths, and comparing the raw secrets would leak their length).
const { calls } = vi.hoisted(() => ({ calls: [] as [number, number][] }));
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return {
    ...actual,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      calls.push([a.byteLength, b.byteLength]);
      return actual.timingSafeEqual(a, b);
    },
  };
});

beforeEach(() => {
  calls.length = 0;
});

const tryBasic = (id: string, secret: string) => {
  try {
    authenticateClient(
      { authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`, form: Params.fromForm(''), query: new URLSearchParams() },
      { clients: clientRegistry(), recorder: collectingRecorder() },
    );
    return 'authenticated';
  } catch {
    return 'refused';
  }
};

describe('constant-time comparison of client secrets (RFC 6749 §2.3.1)', () => {
  it('compares secrets of different lengths with timingSafeEqual over two equal-length digests', () => {
    expect(secretsEqual('notes-assistant-secret', 'notes-assistant-secret')).toBe(true);
    expect(secretsEqual('n', 'notes-assistant-secret')).toBe(false);
    expect(secretsEqual('notes-assistant-secret-and-more', 'notes-assistant-secret')).toBe(false);
    // SHA-256 digests: 32 octets each, whatever the secrets' lengths.
    expect(calls).toEqual([
      [32, 32],
      [32, 32],
      [32, 32],
    ]);
  });

  it('an unknown client_id costs the same one comparison as a known client with a wrong secret, so timing does not tell which ids exist', () => {
    expect(tryBasic('notes-assistant', 'wrong')).toBe('refused');
    const known = calls.splice(0);
    expect(tryBasic('no-such-client', 'wrong')).toBe('refused');
    expect(known).toEqual([[32, 32]]);
    expect(calls).toEqual(known);
    expect(tryBasic('notes-assistant', 'notes-assistant-secret')).toBe('authenticated');
  });
});
