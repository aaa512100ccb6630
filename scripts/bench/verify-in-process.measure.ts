import fs from 'node:fs';
import { jwtVerify } from 'jose';
import { it } from 'vitest';
import { fixedClock } from '@/lib/runs/clock';
import { ACCESS_TOKEN_ALGORITHMS, CLOCK_LEEWAY_SECONDS, verifyJwtAccessToken } from '@/lib/resource-server/jwt-verification';
import { ISSUER, NOW, RESOURCE, makeTestKeys, signAccessToken } from '@/lib/resource-server/test-keys';

/**
 * `npm run bench`, rows verify_in_process and verify_jose: the resource
 * server's own verification function (RFC 9068 §4, with its ordered checks)
 * against a bare jose.jwtVerify with the same options, same token, same key
 * set, operations per second. Alternating slices, so that a noisy neighbour
 * on the machine slows both alike. Run by scripts/bench.mjs through vitest
 * (for the `@/` paths); writes its figures to BENCH_VERIFY_OUT.
 */
const SLICE_MS = 250;
const SLICES = 8;
const MAX_OPS_PER_SLICE = 20_000;

async function slice(fn: () => Promise<unknown>): Promise<{ ops: number; ms: number }> {
  const t0 = performance.now();
  let ops = 0;
  while (performance.now() - t0 < SLICE_MS && ops < MAX_OPS_PER_SLICE) {
    await fn();
    ops++;
  }
  return { ops, ms: performance.now() - t0 };
}

it('measures verification in process', async () => {
  const keys = await makeTestKeys();
  const token = await signAccessToken(keys);
  const deps = { keys: keys.keySet, issuer: ISSUER, resource: RESOURCE, clock: fixedClock(NOW) };
  const ours = async () => {
    const v = await verifyJwtAccessToken(token, deps);
    if (!v.ok) throw new Error('the token did not verify');
  };
  const bare = () =>
    jwtVerify(token, keys.keySet, {
      algorithms: [...ACCESS_TOKEN_ALGORITHMS],
      typ: 'at+jwt',
      issuer: ISSUER,
      audience: RESOURCE,
      requiredClaims: ['iss', 'exp', 'aud', 'sub', 'client_id', 'iat', 'jti'],
      currentDate: new Date(NOW * 1000),
      clockTolerance: CLOCK_LEEWAY_SECONDS,
    });
  await slice(ours);
  await slice(bare);
  const total = { ours: { ops: 0, ms: 0 }, bare: { ops: 0, ms: 0 } };
  for (let i = 0; i < SLICES; i++) {
    for (const [name, fn] of [['ours', ours], ['bare', bare]] as const) {
      const s = await slice(fn);
      total[name].ops += s.ops;
      total[name].ms += s.ms;
    }
  }
  const rate = (t: { ops: number; ms: number }) => (1000 * t.ops) / t.ms;
  const out = { verify_in_process: { rps: rate(total.ours), requests: total.ours.ops }, verify_jose: { rps: rate(total.bare), requests: total.bare.ops } };
  if (process.env.BENCH_VERIFY_OUT) fs.writeFileSync(process.env.BENCH_VERIFY_OUT, JSON.stringify(out));
  else console.log(out);
}, 60_000);
