import 'server-only';
import { createHmac } from 'node:crypto';
import type { EventInput, Party, TimelineEvent } from '@/lib/timeline/events';
import { ATTACK_HEADER, attackMark } from '@/lib/timeline/attack-mark';
import { RUN_HEADER } from '@/lib/runs/run-id';
import { ATTACKS, buildAttack, type Built, type RawRequest } from './attacks';
import type { HttpBrowser } from './http-browser';
import { plainFetch } from './plain-fetch';
import type { AttackId } from './types';

/** Which party a request reaches, by its path. */
function targetParty(target: string): Party {
  if (target.startsWith('/rs/')) return 'resource-server';
  if (target.startsWith('/as/') || target.startsWith('/.well-known/')) return 'auth-server';
  return 'client';
}

interface AttackAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Builds an attack from the run's events; alg confusion needs the JWKS as published. */
export async function buildFor(id: AttackId, origin: string, events: readonly TimelineEvent[]): Promise<Built> {
  const jwksText = id === 'alg-confusion' ? await (await plainFetch()(`${origin}/as/jwks`, { cache: 'no-store' })).text() : undefined;
  return buildAttack(id, { origin, events, jwksText, hmac: async (key, data) => createHmac('sha256', key).update(data).digest('base64url') });
}

/**
 * Sends one attack request and records it first in the Attacker lane (never
 * in a party's name). The run header is added so the parties' own events
 * land on the visitor's timeline; it is not shown in the recorded request.
 * A front-channel attack is sent with the victim's cookies (`cookie`): it is
 * a link the victim's browser follows. Any other carries the panel's mark
 * (lib/timeline/attack-mark.ts), so the parties' events of it are drawn in
 * the Attacker lane, not as Notes Assistant's.
 */
export async function sendRaw(id: AttackId, r: RawRequest, ctx: { origin: string; runId: string; cookie?: string; recordNow: (e: EventInput) => void }): Promise<AttackAnswer> {
  const headers = Object.fromEntries(r.headers);
  ctx.recordNow({
    from: 'attacker',
    to: ATTACKS[id].frontChannel ? 'browser' : targetParty(r.target),
    type: 'attack.sent',
    summary: `Attack “${ATTACKS[id].title}”: ${r.method} ${r.target.split('?')[0]}${ATTACKS[id].frontChannel ? ' (a link the victim’s browser follows)' : ''}`,
    outcome: 'info',
    http: { request: { method: r.method, url: r.target, headers, ...(r.body ? { body: r.body } : {}), secrets: ['authorization'] } },
    data: { attack: id },
  });
  const res = await plainFetch()(`${ctx.origin}${r.target}`, {
    method: r.method,
    headers: {
      ...headers,
      [RUN_HEADER]: ctx.runId,
      // Sent by the attacker itself (not a link the victim's browser follows): the parties' events go in the Attacker lane.
      ...(ATTACKS[id].frontChannel ? {} : { [ATTACK_HEADER]: attackMark(ctx.runId) }),
      ...(ctx.cookie ? { Cookie: ctx.cookie } : {}),
      ...(r.method !== 'GET' ? { Origin: ctx.origin } : {}),
    },
    ...(r.body !== undefined && r.method !== 'GET' ? { body: r.body } : {}),
    redirect: 'manual',
    cache: 'no-store',
  });
  const out: Record<string, string> = {};
  res.headers.forEach((v, k) => {
    if (k !== 'set-cookie') out[k] = v;
  });
  return { status: res.status, headers: out, body: (await res.text()).slice(0, 4000) };
}

/** The runner's way to send an attack: as the panel's Send button would, from the played browser's run. */
export async function sendAttackAs(id: AttackId, ctx: { origin: string; runId: string; browser: HttpBrowser; recordNow: (e: EventInput) => void }): Promise<void> {
  const res = await ctx.browser.request(`${ctx.origin}/api/runs/current/events`);
  const { events } = (await res.json()) as { events: TimelineEvent[] };
  const built = await buildFor(id, ctx.origin, events);
  if (!built.ok) throw new Error(`the attack needs ${built.needs}`);
  const cookie = ATTACKS[id].frontChannel ? [...ctx.browser.jar].map(([k, v]) => `${k}=${v}`).join('; ') : undefined;
  await sendRaw(id, built.request, { ...ctx, ...(cookie ? { cookie } : {}) });
}
