import type { RunSettings } from './settings';

/** Protocol time, epoch seconds. Protocol code takes a Clock; it never calls Date.now(). */
export type Clock = () => number;

/**
 * Wall time, epoch milliseconds: what a run's clock is built on, and what
 * marks a run as seen. Passed in like every clock; only the HTTP edge reads
 * the system's (`systemWallClock`).
 */
export type WallClock = () => number;

export const systemWallClock: WallClock = () => Date.now();

/** The run's clock: the wall clock moved by the run's offset, so a run can travel in time. */
export function runClock(settings: Pick<RunSettings, 'clockOffset'>, wallMs: WallClock): Clock {
  return () => Math.floor(wallMs() / 1000) + settings.clockOffset;
}

/** A clock that stands still, for unit tests. */
export function fixedClock(epochSeconds: number): Clock & { advance(seconds: number): void } {
  let t = epochSeconds;
  const clock = (() => t) as Clock & { advance(seconds: number): void };
  clock.advance = (s: number) => {
    t += s;
  };
  return clock;
}

/**
 * The clock offset that moves a run's clock forward to the next `utc` time of
 * day ("22:00"), or leaves it there if it reads that time now: forward only,
 * as the other clock controls, so nothing issued comes back to life.
 */
export function offsetToTimeOfDay(wallMs: number, currentOffset: number, utc: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(utc);
  if (!m) throw new RangeError(`${utc} is not a time of day HH:MM (UTC)`);
  const target = Number(m[1]) * 3600 + Number(m[2]) * 60;
  const runNow = Math.floor(wallMs / 1000) + currentOffset;
  const ahead = (((target - (runNow % 86_400)) % 86_400) + 86_400) % 86_400;
  return currentOffset + ahead;
}

/** The time of day the run's clock reads, "HH:MM" UTC on a 24-hour clock (as the controls and scenarios write it), never a locale's 12-hour form. */
export function runTimeOfDay(wallMs: number, offset: number): string {
  const s = (((Math.floor(wallMs / 1000) + offset) % 86_400) + 86_400) % 86_400;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}`;
}
