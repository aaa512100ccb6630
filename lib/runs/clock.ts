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
export function runClock(settings: Pick<RunSettings, 'clockOffset'>, wallMs: WallClock = systemWallClock): Clock {
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
