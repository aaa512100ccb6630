import { randomBytes } from 'node:crypto';
import { ACCESS_CHOICES, scopeWithExtra } from '@/lib/client-app/scopes';
import { s256Challenge } from '@/lib/oauth/pkce';
import type { EventInput, TimelineEvent } from '@/lib/timeline/events';
import { offsetToTimeOfDay, type WallClock } from '@/lib/runs/clock';
import { RUN_KEY_COOKIE } from '@/lib/runs/run-id';
import { HttpBrowser, type CookieJar, type Page } from './http-browser';
import { cliAuthorizationUrl } from './cli-client';
import { editPolicy, type PolicyDoc } from './policy-edit';
import type { Action, Scenario } from './types';

/**
 * Plays a scenario's steps by making the requests a browser (or, for the
 * attack panel and curl, an outside client) would make: the sign-in and
 * consent forms are submitted as HTML forms, next-auth is called as its
 * browser code calls it, the run controls as the timeline page calls them.
 * Everything lands on the visitor's own run because the played browser
 * carries the visitor's run cookie.
 */

/** What the played browser keeps between steps: its cookies and, for curl-like steps, the service's token. */
export interface PlaySession {
  jar: CookieJar;
  /** The page the played browser is on (kept, not fetched again: a GET may make a party act). */
  page?: Page;
  serviceToken?: string;
  /** The `cli` client's pending authorization: its PKCE verifier, its loopback redirect URI, and the code once it arrived. */
  cli?: { verifier: string; redirectUri: string; code?: string };
}

interface PlayDeps {
  origin: string;
  runId: string;
  /** The run's key: the played browser holds it in its cookie jar, as the owner's browser does. */
  runKey: string;
  /** Puts one event on the run's timeline at once (before the requests it announces). */
  recordNow: (event: EventInput) => void;
  /** Sends an attack from the attack panel (lib/scenarios/attacks.ts), as the panel's Send button does. */
  sendAttack: (attack: Extract<Action, { do: 'attack' }>['attack'], browser: HttpBrowser) => Promise<void>;
  fetcher?: typeof fetch;
  /** The sandbox's wall clock (ms), which the run's clock offset is added to: "set the clock to 22:00" is computed from it. */
  wall: WallClock;
}

/** A fresh played browser that holds the run's key cookie, as the owner's own browser does. */
export function newPlaySession(runKey: string): PlaySession {
  return { jar: new Map([[RUN_KEY_COOKIE, runKey]]) };
}

async function json<T>(res: Response): Promise<T> {
  if (!res.ok) throw new Error(`${res.url || 'request'} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  return (await res.json()) as T;
}

/** The newest access token Notes Assistant received (the one the timeline's Revoke button offers). */
function newestClientAccessToken(events: readonly TimelineEvent[]): string | undefined {
  for (const e of [...events].reverse()) {
    if (e.type !== 'client.tokens_received' && e.type !== 'client.token_refreshed') continue;
    const t = e.tokens?.find((k) => k.kind === 'access_token');
    if (t) return t.raw;
  }
  return undefined;
}

/** The scopes on the "Granted scopes" list of Notes Assistant's notes page. */
function grantedOnPage(html: string): string[] {
  const list = html.match(/<ul[^>]*aria-label="Granted scopes"[^>]*>([\s\S]*?)<\/ul>/)?.[1] ?? '';
  return [...list.matchAll(/<li[^>]*>([^<]*)<\/li>/g)].map((m) => m[1]!.trim());
}

async function perform(action: Action, b: HttpBrowser, s: PlaySession, deps: PlayDeps): Promise<void> {
  const o = deps.origin;
  const onNotes = async () => {
    if (!b.page.url.startsWith(`${o}/client/notes`)) await b.navigate(`${o}/client/notes`);
  };
  switch (action.do) {
    case 'sign-in': {
      await b.navigate(`${o}/client`);
      const scope = ACCESS_CHOICES[action.access === 'read' ? 'read' : 'read-write'].scope;
      await b.nextAuth('signin/sandbox', '/client/notes', { scope, ...(action.prompt ? { prompt: action.prompt } : {}) });
      return;
    }
    case 'sign-in-as':
      await b.press(`Sign in as ${action.user}`);
      return;
    case 'consent':
      await b.press('Allow', { check: (name, value) => (name === 'scope' ? action.grant.includes(value) : true) });
      return;
    case 'deny':
      await b.press('Deny');
      return;
    case 'open-notes':
      await b.navigate(`${o}/client/notes`);
      return;
    case 'create-note':
      await onNotes();
      await b.press('Create note', { set: { title: action.title, body: '' } });
      return;
    case 'edit-note':
      await onNotes();
      await b.press('Save', { within: action.note, set: { body: action.body } });
      return;
    case 'ask-for-write': {
      await onNotes();
      // What the "Ask for write access" button asks for: what was granted, plus notes:write, with prompt=consent.
      const scope = [...new Set([...grantedOnPage(b.page.html), 'notes:write'])].join(' ');
      await b.nextAuth('signin/sandbox', '/client/notes', { scope, prompt: 'consent' });
      return;
    }
    case 'sign-out':
      await b.nextAuth('signout', '/client?signed_out=1');
      return;
    case 'settings':
      await json(await b.request(`${o}/api/runs/current`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(action.set) }));
      return;
    case 'jump-clock': {
      const run = await json<{ settings: { clockOffset: number } }>(await b.request(`${o}/api/runs/current`));
      await json(await b.request(`${o}/api/runs/current`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ clockOffset: run.settings.clockOffset + 3600 }) }));
      return;
    }
    case 'rotate-key':
      await json(await b.request(`${o}/api/keys/rotate`, { method: 'POST' }));
      return;
    case 'revoke-access-token': {
      const { events } = await json<{ events: TimelineEvent[] }>(await b.request(`${o}/api/runs/current/events`));
      const token = newestClientAccessToken(events);
      if (!token) throw new Error('Notes Assistant holds no access token to revoke yet');
      await json(await b.request(`${o}/api/runs/current/revoke`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token }) }));
      return;
    }
    case 'client-credentials': {
      // curl -u reporting-service:reporting-service-secret -d grant_type=client_credentials ... with X-Sandbox-Run: the visitor's run.
      const res = await (deps.fetcher ?? fetch)(`${o}/as/token`, {
        method: 'POST',
        headers: {
          Authorization: `Basic ${Buffer.from('reporting-service:reporting-service-secret').toString('base64')}`,
          'Content-Type': 'application/x-www-form-urlencoded',
          'X-Sandbox-Run': deps.runId,
        },
        body: new URLSearchParams({ grant_type: 'client_credentials', scope: action.scope }).toString(),
      });
      s.serviceToken = (await json<{ access_token: string }>(res)).access_token;
      return;
    }
    case 'service-call': {
      if (!s.serviceToken) throw new Error('no service token yet: play the client credentials step first');
      const res = await (deps.fetcher ?? fetch)(`${o}${action.path}`, { headers: { Authorization: `Bearer ${s.serviceToken}`, 'X-Sandbox-Run': deps.runId } });
      await res.arrayBuffer();
      return;
    }
    case 'attack':
      await deps.sendAttack(action.attack, b);
      return;
    case 'cli-authorize': {
      // The native app's side (RFC 8252 §7.3, RFC 7636 §4.1-4.3): a verifier of its own, a loopback redirect on a port of its own.
      const verifier = randomBytes(32).toString('base64url');
      const redirectUri = `http://127.0.0.1:${49152 + randomBytes(2).readUInt16BE() % 16000}/callback`;
      s.cli = { verifier, redirectUri };
      await b.navigate(cliAuthorizationUrl(o, { redirectUri, scope: action.grant.join(' '), codeChallenge: s256Challenge(verifier) }));
      if (b.findButton(`Sign in as ${action.user}`)) await b.press(`Sign in as ${action.user}`);
      const back = await b.press('Allow', { check: (name, value) => (name === 'scope' ? action.grant.includes(value) : true) });
      // The redirect leaves the sandbox for the loopback: the played browser does not follow it; the cli reads its code there.
      const code = back.offOrigin?.startsWith(redirectUri) ? new URL(back.offOrigin).searchParams.get('code') : null;
      if (!code) throw new Error(`no code came back to ${redirectUri}${back.offOrigin ? ` (went to ${back.offOrigin.split('?')[0]})` : ''}`);
      s.cli.code = code;
      return;
    }
    case 'cli-token': {
      if (!s.cli?.code) throw new Error('the cli holds no code yet: play its sign-in step first');
      const res = await (deps.fetcher ?? fetch)(`${o}/as/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code: s.cli.code, redirect_uri: s.cli.redirectUri, client_id: 'cli', code_verifier: s.cli.verifier }).toString(),
      });
      await json(res);
      return;
    }
    case 'policy': {
      const doc = await json<PolicyDoc>(await b.request(`${o}/api/runs/current/policy`));
      await json(await b.request(`${o}/api/runs/current/policy`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(editPolicy(doc, action)) }));
      return;
    }
    case 'delete-note':
      await onNotes();
      await b.press('Delete', { within: action.note });
      return;
    case 'ask-for-scope': {
      // Sign out (the start page offers the sign-in form only when signed out), then sign in asking for the extra scope.
      await b.nextAuth('signout', '/client?signed_out=1');
      const scope = scopeWithExtra(ACCESS_CHOICES[action.access === 'read' ? 'read' : 'read-write'].scope, action.scope);
      await b.nextAuth('signin/sandbox', '/client/notes', { scope });
      return;
    }
    case 'set-clock': {
      const run = await json<{ settings: { clockOffset: number } }>(await b.request(`${o}/api/runs/current`));
      const clockOffset = offsetToTimeOfDay(deps.wall(), run.settings.clockOffset, action.utc);
      await json(await b.request(`${o}/api/runs/current`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ clockOffset }) }));
      return;
    }
    case 'start-agent':
      await b.navigate(`${o}/agent`);
      await b.press('Start Notes Agent');
      return;
    case 'agent-consent':
      await b.press('Allow', { check: (name, value) => (name === 'scope' ? action.grant.includes(value) : true) });
      return;
  }
}

/**
 * Plays step `index` of `scenario` in `session`. Step 0 first starts the run
 * over (reset, the scenario's settings) with a fresh browser, as the guided
 * page's "Start over" does. The Browser lane says the sandbox plays it.
 */
export async function playStep(scenario: Scenario, index: number, session: PlaySession, deps: PlayDeps): Promise<PlaySession> {
  const step = scenario.steps[index];
  if (!step) throw new RangeError(`${scenario.id} has no step ${index + 1}`);
  let s = session;
  if (index === 0) {
    s = newPlaySession(deps.runKey);
    const b0 = new HttpBrowser(deps.origin, s.jar, deps.fetcher);
    // The reset names the scenario: its start, from which its pages count (lib/scenarios/expectations.ts scenarioStart).
    await json(await b0.request(`${deps.origin}/api/runs/current/reset?scenario=${encodeURIComponent(scenario.id)}`, { method: 'POST' }));
    if (scenario.settings) {
      await json(await b0.request(`${deps.origin}/api/runs/current`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(scenario.settings) }));
    }
  }
  deps.recordNow({
    from: 'browser',
    to: 'browser',
    type: 'scenario.step_played',
    summary: `The sandbox plays the browser: ${scenario.id}, step ${index + 1} of ${scenario.steps.length}: ${step.does}`,
    outcome: 'info',
    data: { scenario: scenario.id, step: index + 1, action: step.action },
  });
  const b = new HttpBrowser(deps.origin, s.jar, deps.fetcher);
  if (s.page) b.page = s.page;
  await perform(step.action, b, s, deps);
  return { ...s, page: b.page };
}
