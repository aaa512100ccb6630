'use client';
import type { TimelineEvent } from '@/lib/timeline/events';
import type { RunExport } from '@/lib/timeline/export-format';
import type { RunSettings } from '@/lib/runs/settings';
import type { FailurePlan } from '@/lib/timeline/failure-plan';

/** Browser-side calls to the sandbox's run API; every call names the run by the visitor's cookie only. */
interface RunInfo {
  id: string;
  settings: RunSettings;
}

/** One page of the run's events, after a given seq; `dropped` counts events the run no longer holds. */
interface EventsPage {
  dropped: number;
  events: TimelineEvent[];
}

async function problemText(r: Response): Promise<string> {
  try {
    const p = (await r.json()) as { detail?: string; error_description?: string; error?: string };
    return p.detail ?? p.error_description ?? p.error ?? `HTTP ${r.status}`;
  } catch {
    return `HTTP ${r.status}`;
  }
}

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  const r = await fetch(url, { cache: 'no-store', credentials: 'same-origin', ...init });
  if (!r.ok) throw new Error(await problemText(r));
  return (await r.json()) as T;
}

export const runApi = {
  get: () => call<RunInfo>('/api/runs/current'),
  events: (after: number) => call<EventsPage>(`/api/runs/current/events?after=${after}`),
  patch: (update: Partial<RunSettings>) =>
    call<RunInfo>('/api/runs/current', { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(update) }),
  reset: () => call<RunInfo>('/api/runs/current/reset', { method: 'POST' }),
  revokeToken: (token: string) =>
    call<{ revoked: string; client_id: string }>('/api/runs/current/revoke', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token }),
    }),
  failures: () => call<{ failures: FailurePlan[] }>('/api/runs/current/failures'),
  planFailures: (plan: { endpoint: string; kind: string; count: number; delayMs?: number }) =>
    call<{ failures: FailurePlan[] }>('/api/runs/current/failures', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(plan) }),
  clearFailures: () => call<{ failures: FailurePlan[] }>('/api/runs/current/failures', { method: 'DELETE' }),
  rotateKey: () => call<unknown>('/api/keys/rotate', { method: 'POST' }),
  importRun: (text: string) =>
    call<RunExport>('/api/runs/current/import', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: text }),
};
