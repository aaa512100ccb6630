import { PARTIES, type HttpMessage, type TimelineEvent, type TokenKind } from './events';
import { OUTCOMES } from './filter';
import { applySettingsUpdate, DEFAULT_SETTINGS, type RunSettings } from '@/lib/runs/settings';
import { parseBoundedJson } from '@/lib/http/bounded-json';

/**
 * The JSON a run is exported as, and read back read-only. The run id is
 * taken out: it is the capability to the run (whoever holds it may add to
 * it through X-Sandbox-Run), and a shared export must not hand it out.
 */
const EXPORT_FORMAT = 'oauth-sandbox-run';
const EXPORT_VERSION = 1;
/** An exported run larger than this is refused on import. */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
const MAX_IMPORT_EVENTS = 1000;
export const RUN_ID_PLACEHOLDER = '(run id removed)';

export interface RunExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  settings: RunSettings;
  /** Events dropped from the start of the run because of its bound. */
  dropped: number;
  events: TimelineEvent[];
  /** The run's scopes, actions and rules (the document of /api/runs/current/policy), when exported from a live run. */
  policy?: Record<string, unknown>;
}

export function buildExport(runId: string, settings: RunSettings, events: TimelineEvent[], dropped: number, nowMs: number, policy?: Record<string, unknown>): RunExport {
  const doc: RunExport = { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: new Date(nowMs).toISOString(), settings, dropped, events, ...(policy ? { policy } : {}) };
  // The id also sits in recorded cookie and X-Sandbox-Run headers: replace it everywhere.
  return JSON.parse(JSON.stringify(doc).split(runId).join(RUN_ID_PLACEHOLDER)) as RunExport;
}

type ImportResult =
  | { ok: true; run: RunExport }
  | { ok: false; status: 400 | 413; error: string; limit?: { name: 'max_bytes' | 'max_depth'; value: number } };

/** How deep an exported run's JSON may nest: its own shape needs about 10 levels (events, http, data, claims). */
const MAX_IMPORT_DEPTH = 64;

class Bad extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function str(v: unknown, path: string, max = 100_000): string {
  if (typeof v !== 'string' || v.length > max) throw new Bad(`${path} must be a string${max < 100_000 ? ` of at most ${max} characters` : ''}`);
  return v;
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], path: string): T {
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) throw new Bad(`${path} must be one of ${allowed.join(', ')}`);
  return v as T;
}

function strings(v: unknown, path: string): string[] {
  if (!Array.isArray(v)) throw new Bad(`${path} must be a list of strings`);
  return v.map((s, i) => str(s, `${path}[${i}]`, 1000));
}

function message(v: unknown, path: string): HttpMessage {
  if (!isObject(v)) throw new Bad(`${path} must be an object`);
  const headers: Record<string, string> = {};
  if (!isObject(v.headers)) throw new Bad(`${path}.headers must be an object`);
  for (const [k, h] of Object.entries(v.headers)) headers[k] = str(h, `${path}.headers.${k}`);
  const m: HttpMessage = { headers };
  if (v.method !== undefined) m.method = str(v.method, `${path}.method`, 20);
  if (v.url !== undefined) m.url = str(v.url, `${path}.url`, 10_000);
  if (v.status !== undefined) {
    if (!Number.isInteger(v.status)) throw new Bad(`${path}.status must be a whole number`);
    m.status = v.status as number;
  }
  if (v.body !== undefined) m.body = str(v.body, `${path}.body`);
  if (v.secrets !== undefined) m.secrets = strings(v.secrets, `${path}.secrets`);
  return m;
}

const TOKEN_KINDS: readonly TokenKind[] = ['access_token', 'refresh_token', 'id_token', 'authorization_code'];

function event(v: unknown, path: string): TimelineEvent {
  if (!isObject(v)) throw new Bad(`${path} must be an object`);
  if (!Number.isInteger(v.seq) || (v.seq as number) < 1) throw new Bad(`${path}.seq must be a whole number from 1`);
  if (typeof v.at !== 'number' || !Number.isFinite(v.at)) throw new Bad(`${path}.at must be a time in milliseconds`);
  const e: TimelineEvent = {
    runId: RUN_ID_PLACEHOLDER,
    seq: v.seq as number,
    at: v.at,
    from: oneOf(v.from, PARTIES, `${path}.from`),
    to: oneOf(v.to, PARTIES, `${path}.to`),
    type: str(v.type, `${path}.type`, 100) as TimelineEvent['type'],
    summary: str(v.summary, `${path}.summary`, 2000),
    outcome: oneOf(v.outcome, OUTCOMES, `${path}.outcome`),
  };
  if (v.http !== undefined) {
    if (!isObject(v.http)) throw new Bad(`${path}.http must be an object`);
    e.http = {
      ...(v.http.request !== undefined ? { request: message(v.http.request, `${path}.http.request`) } : {}),
      ...(v.http.response !== undefined ? { response: message(v.http.response, `${path}.http.response`) } : {}),
    };
  }
  if (v.tokens !== undefined) {
    if (!Array.isArray(v.tokens)) throw new Bad(`${path}.tokens must be a list`);
    e.tokens = v.tokens.map((t, i) => {
      const p = `${path}.tokens[${i}]`;
      if (!isObject(t)) throw new Bad(`${p} must be an object`);
      return { kind: oneOf(t.kind, TOKEN_KINDS, `${p}.kind`), raw: str(t.raw, `${p}.raw`, 20_000) };
    });
  }
  if (v.checks !== undefined) {
    if (!Array.isArray(v.checks)) throw new Bad(`${path}.checks must be a list`);
    e.checks = v.checks.map((c, i) => {
      const p = `${path}.checks[${i}]`;
      if (!isObject(c) || typeof c.passed !== 'boolean') throw new Bad(`${p} must have name, passed (true or false) and reason`);
      return { name: str(c.name, `${p}.name`, 500), passed: c.passed, reason: str(c.reason, `${p}.reason`, 2000) };
    });
  }
  if (v.consent !== undefined) {
    if (!isObject(v.consent)) throw new Bad(`${path}.consent must be an object`);
    e.consent = { requested: strings(v.consent.requested, `${path}.consent.requested`), granted: strings(v.consent.granted, `${path}.consent.granted`) };
  }
  if (v.data !== undefined) {
    if (!isObject(v.data)) throw new Bad(`${path}.data must be an object`);
    e.data = v.data;
  }
  return e;
}

/**
 * Reads an exported run back, for viewing only: the size is checked before
 * parsing, then every field the view uses, so that a malformed file gets an
 * error naming the field rather than a broken page.
 */
export function parseRunExport(text: string): ImportResult {
  const bytes = new TextEncoder().encode(text).byteLength;
  if (bytes > MAX_IMPORT_BYTES)
    return { ok: false, status: 413, error: `The file is ${bytes} bytes; an exported run may be at most ${MAX_IMPORT_BYTES} bytes.`, limit: { name: 'max_bytes', value: MAX_IMPORT_BYTES } };
  // Depth is checked on the text before parsing: ~4,100 levels overflowed the stack (a 500) in the code that walks the value.
  const parsed = parseBoundedJson(text, { maxBytes: MAX_IMPORT_BYTES, maxDepth: MAX_IMPORT_DEPTH });
  if (!parsed.ok && parsed.limit === 'max_depth')
    return { ok: false, status: 400, error: `The file is nested more than ${MAX_IMPORT_DEPTH} levels deep; an exported run never is.`, limit: { name: 'max_depth', value: MAX_IMPORT_DEPTH } };
  if (!parsed.ok) return { ok: false, status: 400, error: 'The file is not JSON. Choose a file made by “Export run”.' };
  const doc = parsed.value;
  try {
    if (!isObject(doc) || doc.format !== EXPORT_FORMAT) throw new Bad(`format must be "${EXPORT_FORMAT}": this is not an exported run`);
    if (doc.version !== EXPORT_VERSION) throw new Bad(`version must be ${EXPORT_VERSION}`);
    if (!Array.isArray(doc.events)) throw new Bad('events must be a list');
    if (doc.events.length > MAX_IMPORT_EVENTS) throw new Bad(`events holds ${doc.events.length} events; at most ${MAX_IMPORT_EVENTS}`);
    const settings = applySettingsUpdate(DEFAULT_SETTINGS, doc.settings);
    if (!settings.ok) throw new Bad(`settings: ${settings.field} ${settings.message}`);
    const events = doc.events.map((e, i) => event(e, `events[${i}]`));
    return {
      ok: true,
      run: {
        format: EXPORT_FORMAT,
        version: EXPORT_VERSION,
        exportedAt: typeof doc.exportedAt === 'string' ? doc.exportedAt : '',
        settings: settings.settings,
        dropped: Number.isInteger(doc.dropped) ? (doc.dropped as number) : 0,
        events: events.sort((a, b) => a.seq - b.seq),
        ...(isObject(doc.policy) ? { policy: doc.policy } : {}),
      },
    };
  } catch (e) {
    if (e instanceof Bad) return { ok: false, status: 400, error: `Not a valid exported run: ${e.message}.` };
    throw e;
  }
}
