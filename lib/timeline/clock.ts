import type { RunSettings } from './settings';

/** Protocol time, epoch seconds. Protocol code takes a Clock; it never calls Date.now(). */
export type Clock = () => number;

/** The run's clock: the wall clock moved by the run's offset, so a run can travel in time. */
export function runClock(settings: Pick<RunSettings, 'clockOffset'>, wallMs: () => number = Date.now): Clock {
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
