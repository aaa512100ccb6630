import { decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { newRun, runEvents, type TestRun } from './helpers/run';
import { rotateSigningKeys } from './helpers/signing-keys';

/**
 * Issue 8 §4: a key rotation is a lesson, not a weapon. However many
 * rotations follow, a token that has not expired keeps verifying at the
 * resource server, because every retired key stays in the JWKS until the last
 * token it signed has expired; the timeline says which key signed what.
 */
const origin = process.env.SANDBOX_URL ?? 'http://localhost:3000';

async function serviceToken(runId: string): Promise<string> {
  const res = await fetch(`${origin}/as/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from('reporting-service:reporting-service-secret').toString('base64')}`,
      'x-sandbox-run': runId,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'notes:read' }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

const notes = (token: string) => fetch(`${origin}/rs/api/notes`, { headers: { authorization: `Bearer ${token}` } });
const jwksKids = async () => ((await (await fetch(`${origin}/as/jwks`)).json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);

interface Ev { type: string; summary: string; data?: Record<string, unknown> }
/** The run's events, read by its owner (the run key). */
const events = (run: TestRun): Promise<Ev[]> => runEvents<Ev>(origin, run);

describe('signing key rotation keeps live tokens valid (issue 8 §4)', () => {
  it('two rotations in a row: the token signed before both still works at the Notes API, and its kid stays in the JWKS', async () => {
    const run = await newRun(origin);
    const runId = run.id;
    const t0 = await serviceToken(runId);
    const kid0 = decodeProtectedHeader(t0).kid as string;
    expect((await notes(t0)).status).toBe(200);

    expect((await rotateSigningKeys(origin, { ...run.owner, origin })).status).toBe(200);
    const t1 = await serviceToken(runId);
    const kid1 = decodeProtectedHeader(t1).kid as string;
    expect((await rotateSigningKeys(origin, { ...run.owner, origin })).status).toBe(200);
    const t2 = await serviceToken(runId);
    const kid2 = decodeProtectedHeader(t2).kid as string;
    expect(new Set([kid0, kid1, kid2]).size).toBe(3);

    // Before: the JWKS held current + previous only, so kid0 left it at the second rotation and t0 was refused.
    expect(await jwksKids()).toEqual(expect.arrayContaining([kid0, kid1, kid2]));
    for (const t of [t0, t1, t2]) expect((await notes(t)).status).toBe(200);

    // The timeline says which key signed which token, and what each rotation kept.
    const evs = await events(run);
    const issued = evs.filter((e) => e.type === 'token.issued').map((e) => (e.data?.signed_with as { access_token?: string }).access_token);
    expect(issued).toEqual([kid0, kid1, kid2]);
    const rotations = evs.filter((e) => e.type === 'signing_key.rotated');
    expect(rotations).toHaveLength(2);
    const last = rotations[1]!.data as { accessTokenKid: string; previous: { kid: string; published_until: number }[] };
    expect(last.accessTokenKid).toBe(kid2);
    // Each earlier ES256 key stays until its last token (300 s by default) has expired, plus 60 s.
    const kept = new Map(last.previous.map((p) => [p.kid, p.published_until]));
    const exp0 = (JSON.parse(Buffer.from(t0.split('.')[1]!, 'base64url').toString()) as { exp: number }).exp;
    expect(kept.get(kid0)).toBeGreaterThanOrEqual(exp0);
    expect(kept.has(kid1)).toBe(true);
    expect(rotations[1]!.summary).toContain(kid0.slice(0, 8));
  });
});
