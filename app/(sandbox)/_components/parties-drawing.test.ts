import { describe, expect, it } from 'vitest';
import { ARROWS, labelAlong, MESSAGE_FONT } from './parties-drawing';

/** Signed distance from (x, y) to the line through a and b, positive below a left-to-right line (SVG y grows downwards). */
function distance([x1, y1, x2, y2]: readonly number[], x: number, y: number) {
  return ((x2! - x1!) * (y - y1!) - (y2! - y1!) * (x - x1!)) / Math.hypot(x2! - x1!, y2! - y1!);
}

describe("home page drawing: no line strikes through a label", () => {
  it.each(ARROWS.map((a) => [a.label, a] as const))('%s sits beside its line, along it, every glyph clear of it', (_, a) => {
    const at = labelAlong(a.line, a.side);
    // Turned to the line's own angle, so the whole label stays at one distance from it.
    const [x1, y1, x2, y2] = a.line;
    expect(at.angle).toBeCloseTo((Math.atan2(y2 - y1, x2 - x1) * 180) / Math.PI, 1);
    const d = distance(a.line, at.x, at.y); // the baseline's distance
    const ascent = 0.8 * MESSAGE_FONT;
    const descent = 0.25 * MESSAGE_FONT;
    if (a.side === 'above') expect(-d).toBeGreaterThanOrEqual(descent + 2);
    else expect(d - ascent).toBeGreaterThanOrEqual(2);
  });

  it('no label lies on another line either (the two lines to the authorization server run close together)', () => {
    for (const a of ARROWS) {
      const at = labelAlong(a.line, a.side);
      for (const other of ARROWS.filter((o) => o !== a)) {
        const d = distance(other.line, at.x, at.y);
        // The label's band, from the top of its letters to its descent, does not contain the other line.
        expect(d > 0.25 * MESSAGE_FONT || d < -0.8 * MESSAGE_FONT).toBe(true);
      }
    }
  });
});
