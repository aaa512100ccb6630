import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RouteContext } from '@/lib/http/handle-route';
import { problemResponse } from '@/lib/http/problem';
import { ATTACK_HEADER, isAttackMarkFor } from '@/lib/timeline/attack-mark';
import { cookieValue, isRunId, isRunKey, RUN_HEADER, RUN_KEY_COOKIE, RUN_KEY_HEADER } from './run-id';

/**
 * Who may do what with a run (see lib/runs/run-id.ts): the id names a
 * run, the key controls it. One check, `requireRunOwner`, guards every route
 * that reads or changes a run.
 */

/** The run a key controls: a one-way hash of the key, so the id never gives the key away. */
export function runIdForKey(key: string): string {
  return createHash('sha256').update(`oauth-sandbox run id\n${key}`).digest('base64url').slice(0, 24);
}

/** What a request says about runs, before any party has looked at its code or token. */
export interface RequestRuns {
  /** The run named by X-Sandbox-Run: a name only, it proves nothing. */
  named?: string;
  /** The run whose key the request carries (X-Sandbox-Run-Key, else the browser's cookie). */
  owned?: string;
  /** An X-Sandbox-Run-Key header that is not a run key. */
  malformedKey?: boolean;
  /** The named run, when its owner's attack panel sent the request (lib/timeline/attack-mark.ts): its events go in the Attacker lane. */
  attackPanel?: string;
}

export function runsOfRequest(request: Request): RequestRuns {
  const runs: RequestRuns = {};
  const named = request.headers.get(RUN_HEADER);
  if (isRunId(named)) {
    runs.named = named;
    if (isAttackMarkFor(named, request.headers.get(ATTACK_HEADER))) runs.attackPanel = named;
  }
  const header = request.headers.get(RUN_KEY_HEADER);
  const key = header ?? cookieValue(request.headers.get('cookie'), RUN_KEY_COOKIE);
  if (isRunKey(key)) runs.owned = runIdForKey(key);
  else if (header !== null) runs.malformedKey = true;
  return runs;
}

/** The run a request's protocol events go to unless a party finds the run through a code or token: the named run first. */
export function requestRunIdOf(runs: RequestRuns): string | undefined {
  return runs.named ?? runs.owned;
}

/** Equal ids, compared in constant time (hashes first, so the lengths match). */
function sameRun(a: string, b: string): boolean {
  const h = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(h(a), h(b));
}

const HOW =
  'The run key is the httpOnly cookie of the browser that owns the run; an outside tool sends it as the header X-Sandbox-Run-Key (reveal it with "Show my run key" on the home page of that browser, or make a run of your own with POST /api/runs).';

/** Why a request may not read or change a run: what an answer says, whatever its shape (a problem, an OAuth error). */
interface RunOwnerRefusal {
  status: 401 | 403;
  title: string;
  detail: string;
  extra: Record<string, string>;
  /** Whether the request carried no usable run key at all (as opposed to a key for another run). */
  noKey: boolean;
}

/** The decision of `requireRunOwner`, without the answer's shape: the run the request's key controls, or why not. */
export function checkRunOwner(runs: RequestRuns): { runId: string } | RunOwnerRefusal {
  const { named, owned, malformedKey } = runs;
  if (malformedKey)
    return { status: 401, title: 'Run key required', detail: `X-Sandbox-Run-Key is not a run key (runkey_ and 43 more characters). ${HOW}`, extra: { missing: 'run key' }, noKey: true };
  if (!owned) {
    if (named)
      return {
        status: 403,
        title: 'The run id names a run, it does not control it',
        detail: `X-Sandbox-Run puts your protocol requests on a run's timeline; reading or changing the run needs its key. ${HOW}`,
        extra: { missing: 'run key', has: 'run id' },
        noKey: true,
      };
    return { status: 401, title: 'Run key required', detail: `This request carries no run key. ${HOW}`, extra: { missing: 'run key' }, noKey: true };
  }
  if (named && !sameRun(named, owned))
    return {
      status: 403,
      title: 'The run key is for another run',
      detail: `X-Sandbox-Run names a run that the run key sent does not control. ${HOW}`,
      extra: { missing: 'run key', has: 'run key of another run' },
      noKey: false,
    };
  return { runId: owned };
}

/**
 * The owner check of every route that reads or changes a run (events,
 * stream, export, import, settings, reset, revoke, key rotation, policy):
 * the run whose key the request carries, or a 401/403 problem naming the
 * missing capability and how to get it. Never a 500; nothing is changed.
 */
export function requireRunOwner(x: Pick<RouteContext, 'runs'>): { runId: string } | Response {
  const owner = checkRunOwner(x.runs);
  if ('runId' in owner) return owner;
  return problemResponse(owner.status, owner.title, owner.detail, owner.extra, owner.status === 401 ? RUN_KEY_CHALLENGE : {});
}

/** RFC 9110 §11.6.1: a 401 names how to authenticate. */
export const RUN_KEY_CHALLENGE = { 'WWW-Authenticate': 'RunKey realm="oauth-sandbox", header="X-Sandbox-Run-Key"' };

/** The run a page's visitor owns: the run of the run key in the browser's httpOnly cookie (server components read it with `cookies()`). */
export function runIdOfKeyCookie(jar: { get(name: string): { value: string } | undefined }): string | undefined {
  const key = jar.get(RUN_KEY_COOKIE)?.value;
  return isRunKey(key) ? runIdForKey(key) : undefined;
}

/**
 * The run key a request carries (X-Sandbox-Run-Key, else the browser's
 * cookie), for a sandbox control that acts as the owner's browser (a played
 * scenario). Call it only after `requireRunOwner` accepted the request.
 */
export function runKeyOf(request: Request): string | undefined {
  const key = request.headers.get(RUN_KEY_HEADER) ?? cookieValue(request.headers.get('cookie'), RUN_KEY_COOKIE);
  return isRunKey(key) ? key : undefined;
}
