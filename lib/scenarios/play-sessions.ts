import 'server-only';
import { randomUUID } from 'node:crypto';
import { getDb } from '@/lib/store/db';
import { systemWallClock } from '@/lib/runs/clock';
import type { EventInput } from '@/lib/timeline/events';
import { saveEvents } from '@/lib/timeline/save-events';
import { newPlaySession, type PlaySession } from './runner';

/**
 * The played browsers, one per run, kept in this process between steps (a
 * browser's cookies live in the browser, not in the sandbox's database). A
 * restart forgets them; the next Play starts over from step 1.
 */
const g = globalThis as unknown as { __sandboxPlays?: Map<string, PlaySession> };
const plays = () => (g.__sandboxPlays ??= new Map());

export function playSessionFor(runId: string, runKey: string): PlaySession {
  return plays().get(runId) ?? newPlaySession(runKey);
}

export function keepPlaySession(runId: string, session: PlaySession): void {
  const map = plays();
  map.delete(runId);
  map.set(runId, session);
  // Bounded: the oldest played browsers are forgotten first.
  while (map.size > 500) map.delete(map.keys().next().value!);
}

/** Appends one event to the run now, so it comes before the events of the requests it announces. */
export function recordNow(runId: string, event: EventInput): void {
  saveEvents(getDb(), runId, [event], randomUUID(), systemWallClock);
}
