/**
 * A run of the test's own, as an outside tool gets one (`POST /api/runs`):
 * its id, which only names it (X-Sandbox-Run puts protocol requests on its
 * timeline), and its key, which controls it (X-Sandbox-Run-Key reads the
 * events, changes the settings, ...). Every test makes its own, so no test
 * leans on another's leftovers.
 */
export interface TestRun {
  id: string;
  key: string;
  /** X-Sandbox-Run: names the run only. */
  named: Record<string, string>;
  /** X-Sandbox-Run-Key: the owner's headers. */
  owner: Record<string, string>;
}

export async function newRun(origin: string): Promise<TestRun> {
  const res = await fetch(`${origin}/api/runs`, { method: 'POST' });
  if (res.status !== 201) throw new Error(`POST /api/runs answered ${res.status}: ${await res.text()}`);
  const { id, key } = (await res.json()) as { id: string; key: string };
  return { id, key, named: { 'x-sandbox-run': id }, owner: { 'x-sandbox-run-key': key } };
}

/** The run's events, read with its key. */
export async function runEvents<E = { seq: number; type: string; outcome: string; summary: string; outside?: boolean }>(origin: string, run: TestRun): Promise<E[]> {
  const res = await fetch(`${origin}/api/runs/current/events`, { headers: run.owner });
  if (res.status !== 200) throw new Error(`events answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { events: E[] }).events;
}
