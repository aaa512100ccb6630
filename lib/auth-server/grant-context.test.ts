import { describe, expect, it } from 'vitest';
import { openDb } from '@/lib/store/db';
import { persistOnce } from './grant-context';

describe('persistOnce: of concurrent redemptions exactly one wins (RFC 6749 §4.1.2, §10.5)', () => {
  const replay = (): never => {
    throw new Error('replay');
  };

  it('stores the tokens when the code or refresh token is marked used', () => {
    let stored = 0;
    persistOnce(openDb(':memory:'), () => true, { persist: () => void stored++ }, replay);
    expect(stored).toBe(1);
  });

  it('treats a lost race (already marked used) as a replay, storing nothing', () => {
    let stored = 0;
    expect(() => persistOnce(openDb(':memory:'), () => false, { persist: () => void stored++ }, replay)).toThrow('replay');
    expect(stored).toBe(0);
  });

  // Only a lost race is a replay: another failure while storing is not the client's doing, and
  // must not revoke the grant (the replay handler revokes it); it surfaces as it is (server_error).
  it('lets any other failure while storing through, without calling the replay handler', () => {
    let replays = 0;
    const failing = { persist: () => { throw new Error('disk full'); } };
    expect(() => persistOnce(openDb(':memory:'), () => true, failing, () => { replays++; throw new Error('replay'); })).toThrow('disk full');
    expect(replays).toBe(0);
  });
});
