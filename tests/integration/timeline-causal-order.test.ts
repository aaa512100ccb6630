import { describe, expect, it } from 'vitest';
import { byCausalOrder } from '@/lib/timeline/filter';
import type { TimelineEvent } from '@/lib/timeline/events';
import { newRun } from './helpers/run';

/**
 * Issue 9 item 7: in introspection mode the timeline must read causally: the
 * API call, the back-channel request RS → AS, the answer AS → RS (RFC 7662
 * §2.1, §2.2), then the resource server's decision. Against the real server.
 */
const origin = process.env.SANDBOX_URL ?? 'http://localhost:3000';
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('timeline causal order (introspection)', () => {
  it('shows the API call, then RS → AS, then AS → RS, then the decision, though the back channel is stored first', async () => {
    // The settings and the events are the run owner's (the run key); the token request only names the run.
    const run = await newRun(origin);
    const runId = run.id;
    const patch = await fetch(`${origin}/api/runs/current`, {
      method: 'PATCH',
      headers: { ...run.owner, 'content-type': 'application/json' },
      body: JSON.stringify({ verificationMode: 'introspection' }),
    });
    expect(patch.status).toBe(200);
    const tokenRes = await fetch(`${origin}/as/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic('reporting-service', 'reporting-service-secret'), 'x-sandbox-run': runId },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'notes:read' }),
    });
    const { access_token: token } = (await tokenRes.json()) as { access_token: string };
    expect(tokenRes.status).toBe(200);
    const api = await fetch(`${origin}/rs/api/notes`, { headers: { authorization: `Bearer ${token}` } });
    expect(api.status).toBe(200);

    const res = await fetch(`${origin}/api/runs/current/events`, { headers: run.owner });
    const stored = ((await res.json()) as { events: TimelineEvent[] }).events;
    const call = stored.filter((e) => ['resource_request.received', 'introspection.answered', 'access_token.verified', 'policy.allowed', 'resource.answered'].includes(e.type));
    const line = (e: TimelineEvent) => `${e.type} ${e.from}→${e.to}`;

    // Stored (seq) order: the introspection exchange ended first, so it was written first.
    expect(call.map(line)[0]).toBe('introspection.answered resource-server→auth-server');
    // The order the timeline shows.
    expect([...call].sort(byCausalOrder).map(line)).toEqual([
      'resource_request.received client→resource-server',
      'introspection.answered resource-server→auth-server',
      'introspection.answered auth-server→resource-server',
      'access_token.verified resource-server→resource-server',
      'policy.allowed resource-server→resource-server',
      'resource.answered resource-server→client',
    ]);
  });
});
