/**
 * Formatting untrusted values for the timeline: times from token claims,
 * numbers, strings of any length, nested objects, events of unknown shape
 * from an import. Each formatter returns something readable and never throws:
 * a token with `exp: 1e13` (outside the JavaScript Date range) made
 * `toISOString()` throw and took the whole /timeline page down.
 */

/** ECMAScript §21.4.1.1: a Date holds at most ±8.64e15 ms from the epoch. */
const MAX_DATE_MS = 8.64e15;

/** Text longer than this is cut, with how much was left out. */
const MAX_SHOWN_CHARS = 20_000;

/** A string cut to `max` characters, saying how many more there were. */
export function truncateText(text: string, max = MAX_SHOWN_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

/** Any value as short readable text (for a number: as written; NaN/Infinity named). */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return truncateText(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : String(value);
  if (value === null || typeof value === 'boolean' || typeof value === 'undefined') return String(value);
  return safeJson(value, 0);
}

/**
 * JSON text of a value for display, indented by `indent`. A value that cannot
 * be stringified (too deeply nested for the stack, a cycle, a BigInt) is named
 * instead; long text is cut.
 */
export function safeJson(value: unknown, indent = 2, max = MAX_SHOWN_CHARS): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value, null, indent);
  } catch (e) {
    const why = e instanceof RangeError ? 'it is nested too deeply' : e instanceof Error ? e.message : 'it is not JSON';
    return `[this value cannot be shown: ${why}]`;
  }
  return truncateText(text ?? String(value), max);
}

/** NumericDate (RFC 7519 §2, seconds) as ISO time, or words saying why it is not a time. */
export function safeIsoTime(epochSeconds: unknown): string {
  if (typeof epochSeconds !== 'number' || !Number.isFinite(epochSeconds)) return `not a time (${showValue(epochSeconds).slice(0, 40)})`;
  const ms = epochSeconds * 1000;
  if (Math.abs(ms) > MAX_DATE_MS) return `outside the range of dates (${epochSeconds} s from 1970)`;
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** "in 5 min", "2 h ago", "now", "in 3170979 years": the distance from `nowSeconds`, rounded; never throws. */
export function safeRelativeTime(epochSeconds: number, nowSeconds: number): string {
  const d = epochSeconds - nowSeconds;
  if (!Number.isFinite(d)) return 'at no real time';
  const abs = Math.abs(d);
  if (abs < 1) return 'now';
  const text =
    abs < 60
      ? `${Math.round(abs)} s`
      : abs < 3600
        ? `${Math.round(abs / 60)} min`
        : abs < 86_400
          ? `${Math.round(abs / 360) / 10} h`
          : abs < 365 * 86_400
            ? `${Math.round(abs / 8640) / 10} d`
            : `${Math.round(abs / (365.25 * 86_400)).toLocaleString('en-US')} years`;
  return d > 0 ? `in ${text}` : `${text} ago`;
}

/** Local wall-clock time HH:MM:SS.mmm of an event time in ms; "--:--:--.---" when it is not a usable time. */
export function safeClockTime(atMs: unknown): string {
  if (typeof atMs !== 'number' || !Number.isFinite(atMs) || Math.abs(atMs) > MAX_DATE_MS) return '--:--:--.---';
  const d = new Date(atMs);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}
