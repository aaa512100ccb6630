import { describe, expect, it } from 'vitest';
import { offsetToTimeOfDay, runTimeOfDay } from './clock';

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

describe("the run clock's time of day, shown beside the controls", () => {
  // 2026-11-30T18:52:30Z
  const wall = Date.UTC(2026, 10, 30, 18, 52, 30);

  it('reads the wall time moved by the offset, on a 24-hour clock in UTC', () => {
    expect(runTimeOfDay(wall, 0)).toBe('18:52');
    expect(runTimeOfDay(wall, 3600)).toBe('19:52');
    // 3 h 7 min 30 s ahead: 22:00:00 exactly, written 22:00, not 10:00 PM.
    expect(runTimeOfDay(wall, 3 * 3600 + 7 * 60 + 30)).toBe('22:00');
  });

  it('wraps past midnight, forward and back', () => {
    expect(runTimeOfDay(wall, 6 * 3600)).toBe('00:52');
    expect(runTimeOfDay(wall, -19 * 3600)).toBe('23:52');
  });
});
