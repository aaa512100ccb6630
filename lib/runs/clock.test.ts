import { describe, expect, it } from 'vitest';
import { offsetToTimeOfDay } from './clock';

describe('setting the run clock to a time of day', () => {
  // 2026-11-30T12:28:45Z, worked out from the calendar, not from the code.
  const wall = Date.UTC(2026, 10, 30, 12, 28, 45, 400);

  it('moves forward to the next 22:00 UTC the same day', () => {
    const offset = offsetToTimeOfDay(wall, 0, '22:00');
    expect(offset).toBe(9 * 3600 + 31 * 60 + 15);
    expect(new Date((Math.floor(wall / 1000) + offset) * 1000).toISOString()).toBe('2026-11-30T22:00:00.000Z');
  });

  it('counts from the run clock, not the wall clock, and wraps to the next day', () => {
    // The run is already 10 h ahead (22:28:45): 09:00 is the next morning.
    const offset = offsetToTimeOfDay(wall, 36_000, '09:00');
    expect(new Date((Math.floor(wall / 1000) + offset) * 1000).toISOString()).toBe('2026-12-01T09:00:00.000Z');
    expect(offset).toBeGreaterThan(36_000);
  });

  it('never moves the clock back, and refuses what is not HH:MM', () => {
    expect(offsetToTimeOfDay(Date.UTC(2026, 0, 1, 22, 0, 0), 0, '22:00')).toBe(0);
    expect(() => offsetToTimeOfDay(wall, 0, '24:00')).toThrow(RangeError);
    expect(() => offsetToTimeOfDay(wall, 0, '9:00')).toThrow(RangeError);
  });
});
