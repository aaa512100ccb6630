import 'server-only';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ATTACK_HEADER } from '@/lib/runs/run-id';

/**
 * How the attack panel's own requests are told apart from a party's. The
 * panel (lib/scenarios/attack-send.ts) sends them from this server, so it
 * marks them with an HMAC that only this process can make (its key never
 * leaves memory), bound to the run whose owner pressed Send. A mark moves
 * nothing between runs: it is checked against the run the request names, and
 * it only says who sent the request (the Attacker lane, never a party). A
 * request without a valid mark is recorded as before: from the party it
 * claims to be, and "from outside" when it names the run without its key.
 */
export { ATTACK_HEADER };

const g = globalThis as unknown as { __sandboxAttackMarkKey?: Buffer };
const key = () => (g.__sandboxAttackMarkKey ??= randomBytes(32));

export function attackMark(runId: string): string {
  return createHmac('sha256', key()).update(`attack panel\n${runId}`).digest('base64url');
}

/** Whether `mark` is this process's mark for `runId`, compared in constant time. */
export function isAttackMarkFor(runId: string, mark: string | null): boolean {
  if (!mark) return false;
  const a = Buffer.from(attackMark(runId));
  const b = Buffer.from(mark);
  return a.length === b.length && timingSafeEqual(a, b);
}
