import type { APIRequestContext } from '@playwright/test';

/** The run's events through /api/runs/current/events, as the run's owner: the page's request context sends the browser's run key cookie (the run id alone would be refused). */
export interface RunEvent {
  seq: number;
  type: string;
  outcome: string;
  tokens?: { kind: string; raw: string }[];
}

export async function runEvents(request: APIRequestContext): Promise<RunEvent[]> {
  const r = await request.get('/api/runs/current/events');
  return ((await r.json()) as { events: RunEvent[] }).events;
}

/** The client's own events, as `type:outcome`. */
export async function clientEvents(request: APIRequestContext): Promise<string[]> {
  return (await runEvents(request)).filter((e) => e.type.startsWith('client.')).map((e) => `${e.type}:${e.outcome}`);
}

/** True when `expected` appears in `actual` in this order (other events may come between). */
export function inOrder(actual: string[], expected: string[]): boolean {
  let at = 0;
  for (const e of actual) if (e === expected[at]) at++;
  return at === expected.length;
}

/** RFC 7662 introspection as the resource server (`notes-api`), for a test to see what the authorization server thinks of a token. */
export async function introspect(request: APIRequestContext, token: string): Promise<Record<string, unknown>> {
  const r = await request.post('/as/introspect', {
    headers: { Authorization: `Basic ${Buffer.from('notes-api:notes-api-secret').toString('base64')}` },
    form: { token },
  });
  return (await r.json()) as Record<string, unknown>;
}
