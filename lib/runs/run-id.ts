/**
 * A run is one visitor's sandbox. It has two values, for two capabilities:
 *
 * - the **run id** names the run. It is shown on the home page and travels in
 *   the X-Sandbox-Run header of an outside client (curl, a script, a test
 *   suite), whose protocol requests are then recorded on the run, marked as
 *   coming from outside the owner's browser. It grants nothing else.
 * - the **run key** controls the run: reading its events, stream and export,
 *   changing its settings, resetting, revoking, importing, rotating keys. It
 *   is the browser's httpOnly cookie `sandbox_run_key`, or the
 *   X-Sandbox-Run-Key header of an outside tool. The id is derived from the
 *   key by a one-way hash (lib/runs/run-owner.ts), so the key is never
 *   stored, and nothing that shows the id can give the key.
 *
 * This module runs in the proxy too: Web Crypto only.
 */
export const RUN_KEY_COOKIE = 'sandbox_run_key';
export const RUN_HEADER = 'x-sandbox-run';
/** The attack panel's mark on its own requests (lib/timeline/attack-mark.ts): never shown on the timeline. */
export const ATTACK_HEADER = 'x-sandbox-attack';
export const RUN_KEY_HEADER = 'x-sandbox-run-key';

const RUN_ID = /^[A-Za-z0-9_-]{22,64}$/;
/** A run key: a recognisable prefix (so it is found and hidden wherever it is recorded) and 256 random bits. */
const RUN_KEY_PREFIX = 'runkey_';
const RUN_KEY = /^runkey_[A-Za-z0-9_-]{43}$/;
/** Every run key in a text, for hiding it on the timeline and in exports. */
const RUN_KEY_PATTERN = /runkey_[A-Za-z0-9_-]{43}/g;

export function isRunId(value: string | undefined | null): value is string {
  return typeof value === 'string' && RUN_ID.test(value) && !value.startsWith(RUN_KEY_PREFIX);
}

export function isRunKey(value: string | undefined | null): value is string {
  return typeof value === 'string' && RUN_KEY.test(value);
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** 144 random bits, base64url: the id of a run that has no key (an outside client's first protocol call). */
export function newRunId(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(18)));
}

/** A new run's key: 256 random bits. */
export function newRunKey(): string {
  return RUN_KEY_PREFIX + base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** Replaces every run key in `text` by a marker: a key is never shown on the timeline or in an export. */
export function hideRunKeys(text: string): string {
  return text.replace(RUN_KEY_PATTERN, `${RUN_KEY_PREFIX}(hidden)`);
}

function cookieValue(cookieHeader: string | null, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

export { cookieValue };
