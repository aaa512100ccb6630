import { problemResponse } from './problem';

/**
 * The one bounded JSON reader for everything the sandbox accepts as JSON
 * (settings, revoke-by-hand, run import, Notes API bodies) and for JSON it
 * reads from other parties and shows (recorded bodies, token claims).
 * `JSON.parse` itself copes with deep nesting, but the code that walks the
 * value afterwards (validation, `JSON.stringify`, React rendering) recurses:
 * ~4,100 levels of `[` overflowed the stack and answered 500. So the size and
 * the nesting depth are checked on the text, in one linear pass, before
 * parsing; a value that passes has at most `maxDepth` levels.
 */
interface JsonLimits {
  /** Bytes of UTF-8 text. */
  maxBytes: number;
  /** Nesting levels of arrays and objects: `{}` is 1, `{"a":[1]}` is 2. */
  maxDepth: number;
}

type BoundedJson =
  | { ok: true; value: unknown }
  | { ok: false; status: 400 | 413; limit: 'max_bytes' | 'max_depth' | 'syntax'; detail: string };

/** Defaults for small JSON bodies (settings, revoke, a note): generous for the shapes they take. */
export const SMALL_JSON: JsonLimits = { maxBytes: 64 * 1024, maxDepth: 32 };

/** JSON from another party (token, introspection, Notes API answers): bigger, still bounded. */
export const OTHER_PARTY_JSON: JsonLimits = { maxBytes: 1024 * 1024, maxDepth: 64 };

/** Recorded bodies shown on the timeline: pretty-printed only when this small and shallow. */
export const DISPLAY_JSON: JsonLimits = { maxBytes: 256 * 1024, maxDepth: 64 };

/** The deepest nesting in `text`, or maxDepth + 1 as soon as it is exceeded (strings and escapes skipped). */
export function jsonDepthExceeds(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > maxDepth) return true;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--;
  }
  return false;
}

export function parseBoundedJson(text: string, limits: JsonLimits): BoundedJson {
  // UTF-16 length is a lower bound for UTF-8 bytes: skip the encode when it cannot matter.
  const bytes = text.length * 3 <= limits.maxBytes ? text.length : new TextEncoder().encode(text).byteLength;
  if (bytes > limits.maxBytes)
    return { ok: false, status: 413, limit: 'max_bytes', detail: `The JSON is ${bytes} bytes; at most ${limits.maxBytes} bytes are accepted.` };
  if (jsonDepthExceeds(text, limits.maxDepth))
    return { ok: false, status: 400, limit: 'max_depth', detail: `The JSON is nested more than ${limits.maxDepth} levels deep; at most ${limits.maxDepth} are accepted.` };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, status: 400, limit: 'syntax', detail: `The body is not JSON (${e instanceof Error ? e.message.slice(0, 120) : 'syntax error'}).` };
  }
}

/** An RFC 9457 problem naming the limit that refused the JSON (`limit`, and its value). */
export function jsonProblem(r: Extract<BoundedJson, { ok: false }>, limits: JsonLimits, title = 'Bad JSON'): Response {
  const extra =
    r.limit === 'max_bytes' ? { limit: 'max_bytes', max_bytes: limits.maxBytes } : r.limit === 'max_depth' ? { limit: 'max_depth', max_depth: limits.maxDepth } : {};
  return problemResponse(r.status, r.status === 413 ? 'Too large' : title, r.detail, extra);
}

/**
 * Reads a request body (through `bodyText`, which stops at its own byte cap
 * and keeps the body for the timeline) as bounded JSON.
 */
export async function readJsonBody(bodyText: () => Promise<string>, limits: JsonLimits = SMALL_JSON): Promise<BoundedJson> {
  let text: string;
  try {
    text = await bodyText();
  } catch {
    return { ok: false, status: 413, limit: 'max_bytes', detail: `The body is larger than ${limits.maxBytes} bytes.` };
  }
  return parseBoundedJson(text, limits);
}
