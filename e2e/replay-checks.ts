import { expect, test, type Browser, type Page } from '@playwright/test';
import type { Action } from '../lib/scenarios/types';
import { NotesAssistant } from './pages/client-notes-assistant';
import { clientEvents, inOrder, runEvents } from './pages/client-timeline-api';
import { TimelinePage } from './pages/timeline-page';

/**
 * What a person sees during some scenario replays (e2e/scenarios.spec.ts),
 * beyond the timeline events every step expects: the pages' own words, the
 * requests the browser sent, the timeline page. These were specs of their own
 * that walked the same flow again (client-read-then-write, client-deny,
 * client-policy-refusal, timeline-flow); each assertion now runs at the step
 * of the replay where it held there, so the flow is walked once.
 */
export interface ReplayContext {
  page: Page;
  browser: Browser;
}

/** Wraps one step: calls `perform` (the step's action) exactly once, and asserts around it. */
type AroundStep = (x: ReplayContext & { perform: () => Promise<void> }) => Promise<void>;

export interface ReplayChecks {
  /** By step index; `action` names the step's action, so a scenario edited under the check fails loudly instead of checking the wrong step. */
  steps?: { at: number; action: Action['do']; check: AroundStep }[];
  /** After the guided page ticked every step. */
  end?: (x: ReplayContext) => Promise<void>;
}

const READ = ['openid', 'profile', 'offline_access', 'notes:read'];
const WRITE = [...READ, 'notes:write'];

/** The next authorization request the browser sends, as its query parameters. */
function nextAuthorizationRequest(page: Page): Promise<URLSearchParams> {
  return page.waitForRequest((r) => new URL(r.url()).pathname === '/as/authorize').then((r) => new URL(r.url()).searchParams);
}

export const REPLAY_CHECKS: Record<string, ReplayChecks> = {
  // Was e2e/client-read-then-write.spec.ts.
  'incremental-authorization': {
    steps: [
      {
        at: 0,
        action: 'sign-in',
        check: async ({ page, perform }) => {
          const request = nextAuthorizationRequest(page);
          await perform();
          await test.step('authorization request: Notes Assistant asks for read and write', async () => {
            const asked = await request;
            expect(asked.get('scope')?.split(' ')).toEqual(WRITE);
            expect(asked.get('code_challenge_method')).toBe('S256');
            expect(asked.get('state')).toBeTruthy();
            expect(asked.get('nonce')).toBeTruthy();
          });
        },
      },
      {
        at: 2,
        action: 'consent',
        check: async ({ page, perform }) => {
          await perform();
          const app = new NotesAssistant(page);
          await test.step('callback and token: the granted scopes are fewer than asked', async () => {
            await app.expectOnNotesPage();
            await expect(app.grantedScopes()).toHaveText(READ);
            await expect(page.getByText('You granted fewer scopes than Notes Assistant asked for')).toBeVisible();
          });
          await test.step('resource request: reading succeeds', async () => {
            await expect(app.note('Groceries')).toBeVisible();
            await expect(page.getByRole('form', { name: 'New note' }).getByText('needs notes:write: not granted')).toBeVisible();
          });
        },
      },
      {
        at: 3,
        action: 'create-note',
        check: async ({ page, perform }) => {
          await perform();
          const app = new NotesAssistant(page);
          await test.step('resource request: writing is refused with insufficient_scope', async () => {
            await expect(app.lastAction()).toContainText('lacks the scope notes:write');
            await expect(app.lastAction()).toContainText('403 insufficient_scope');
            await expect(app.note('Plan for Monday')).toHaveCount(0);
          });
        },
      },
      {
        at: 4,
        action: 'ask-for-write',
        check: async ({ page, perform }) => {
          const request = nextAuthorizationRequest(page);
          await perform();
          await test.step('incremental authorization: Ask for write access, with prompt=consent', async () => {
            const asked = await request;
            expect(asked.get('prompt')).toBe('consent');
            expect(asked.get('scope')?.split(' ').sort()).toEqual([...WRITE].sort());
          });
        },
      },
      {
        at: 5,
        action: 'consent',
        check: async ({ page, perform }) => {
          await perform();
          const app = new NotesAssistant(page);
          await app.expectOnNotesPage();
          await expect(app.grantedScopes()).toHaveText(WRITE);
        },
      },
      {
        at: 6,
        action: 'create-note',
        check: async ({ page, perform }) => {
          await perform();
          const app = new NotesAssistant(page);
          await test.step('resource request: the same write now succeeds', async () => {
            await expect(app.lastAction()).toContainText('The note was created.');
            await expect(app.note('Plan for Monday')).toBeVisible();
          });
        },
      },
    ],
    end: async ({ page }) => {
      await test.step('timeline: the client recorded its side in order', async () => {
        const events = await clientEvents(page.request);
        const expected = [
          'client.sign_in_started:info',
          'client.callback_received:info',
          'client.tokens_received:ok',
          'client.resource_called:denied',
          'client.sign_in_started:info',
          'client.callback_received:info',
          'client.tokens_received:ok',
          'client.resource_called:ok',
        ];
        expect(inOrder(events, expected), `client events: ${events.join(', ')}`).toBe(true);
        // The code reached the client before the client exchanged it at the token endpoint.
        const all = (await runEvents(page.request)).map((e) => e.type);
        expect(all.indexOf('client.callback_received')).toBeLessThan(all.indexOf('client.tokens_received'));
      });
    },
  },

  // Was e2e/timeline-flow.spec.ts.
  'read-only-then-write': {
    steps: [
      {
        at: 1,
        action: 'sign-in-as',
        check: async ({ page, perform }) => {
          await perform();
          await test.step('consent page: the panel shows the authorization request that just arrived', async () => {
            const panel = page.getByRole('complementary', { name: 'Timeline panel' });
            await expect(panel.getByRole('button', { name: /^Open the authorization request that just arrived/ })).toContainText(
              'Browser → Authorization server: Authorization request from client_id=notes-assistant',
            );
          });
        },
      },
      {
        at: 3,
        action: 'create-note',
        check: async ({ page, perform }) => {
          await perform();
          await expect(new NotesAssistant(page).lastAction()).toContainText('403 insufficient_scope');
        },
      },
    ],
    end: timelineOfReadOnlyThenWrite,
  },

  // Was e2e/client-deny.spec.ts.
  'user-denies': {
    steps: [
      {
        at: 2,
        action: 'deny',
        check: async ({ page, perform }) => {
          const callback = page.waitForRequest((r) => new URL(r.url()).pathname === '/api/auth/callback/sandbox');
          await perform();
          await test.step('consent: the callback carries error=access_denied and no code', async () => {
            const params = new URL((await callback).url()).searchParams;
            expect(params.get('error')).toBe('access_denied');
            expect(params.get('code')).toBeNull();
          });
          await test.step('callback: the error page explains and offers to try again', async () => {
            await expect(page).toHaveURL(/\/client\/error\?/);
            const failure = page.getByRole('region', { name: 'Sign-in failed' });
            await expect(failure).toContainText('You said no.');
            await expect(failure).toContainText('error=access_denied');
            await page.getByRole('link', { name: 'Try again' }).click();
            await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
          });
        },
      },
    ],
    end: async ({ page }) => {
      await test.step('timeline: the callback was recorded as denied, and no tokens were received', async () => {
        const events = await clientEvents(page.request);
        expect(inOrder(events, ['client.sign_in_started:info', 'client.callback_received:denied']), events.join(', ')).toBe(true);
        expect(events.filter((e) => e.startsWith('client.tokens_received'))).toEqual([]);
      });
    },
  },

  // Was e2e/client-policy-refusal.spec.ts.
  'scope-is-not-permission': {
    steps: [
      {
        at: 2,
        action: 'consent',
        check: async ({ page, perform }) => {
          await perform();
          const app = new NotesAssistant(page);
          await test.step('callback and token: notes:write is granted', async () => {
            await app.expectOnNotesPage();
            await expect(app.grantedScopes()).toHaveText(WRITE);
            await expect(page.getByRole('form', { name: 'New note' }).getByText('needs notes:write: granted')).toBeVisible();
          });
        },
      },
      {
        at: 3,
        action: 'create-note',
        check: async ({ page, perform }) => {
          await perform();
          const app = new NotesAssistant(page);
          await test.step('resource request: the write is refused by the policy, not for scope', async () => {
            const result = app.lastAction();
            await expect(result).toContainText('more scope would not help', { timeout: 30_000 });
            // Issue 9 item 8: the role step itself refuses, naming the fact (bob's role), not a later rule.
            await expect(result).toContainText('bob is a viewer: a viewer may list and read notes, not create them.');
            await expect(result).toContainText('role-viewer');
            await expect(result).not.toContainText('insufficient_scope');
            await expect(page.getByRole('button', { name: 'Ask for write access' })).toHaveCount(0);
          });
          await test.step('notes list: a note shared with bob says so, and how', async () => {
            // Seeded: bob owns n4 (shared with alice for editing) and n5 (read-only); carol's n7 is public.
            await expect(app.note('Project plan')).toContainText('Yours, shared with alice (can edit)');
            await expect(app.note('Office hours')).toContainText('carol’s public note: anyone signed in can read it');
          });
        },
      },
    ],
    end: async ({ page }) => {
      await test.step('timeline: the policy decision reads scope ∩ role, the role step naming bob’s role', async () => {
        const timeline = new TimelinePage(page);
        await timeline.goto();
        await timeline.event(/Policy refuses create at the role step: role-viewer/).last().click();
        const checks = timeline.detail.getByRole('region', { name: 'Checks' });
        await expect(checks.getByRole('listitem', { name: /scope: passed, create needs notes:write/ })).toBeVisible();
        await expect(checks.getByRole('listitem', { name: /role: failed, bob is a viewer: a viewer may list and read notes, not create them/ })).toBeVisible();
        await expect(checks.getByRole('listitem', { name: /role: passed/ })).toHaveCount(0);
      });
      await test.step('timeline: the client saw a denial after its tokens', async () => {
        const events = await clientEvents(page.request);
        expect(inOrder(events, ['client.tokens_received:ok', 'client.resource_called:ok', 'client.resource_called:denied']), events.join(', ')).toBe(true);
      });
    },
  },
};

/** The legs of read-only-then-write as the sequence view must show them, in this order (others may come between). */
const LEGS: [type: string, from: string, to: string, outcome: string][] = [
  ['client.sign_in_started', 'browser', 'client', 'info'],
  ['authorization_request.received', 'browser', 'auth-server', 'info'],
  ['user.signed_in', 'browser', 'auth-server', 'ok'],
  ['consent.granted', 'browser', 'auth-server', 'ok'],
  ['authorization_code.issued', 'auth-server', 'browser', 'ok'],
  ['token.issued', 'client', 'auth-server', 'ok'],
  ['resource_request.received', 'client', 'resource-server', 'info'],
  ['access_token.verified', 'resource-server', 'resource-server', 'ok'],
  ['policy.allowed', 'resource-server', 'resource-server', 'ok'],
  ['resource.answered', 'resource-server', 'client', 'ok'],
  ['resource_request.received', 'client', 'resource-server', 'info'],
  ['access_token.verified', 'resource-server', 'resource-server', 'ok'],
  ['policy.denied', 'resource-server', 'resource-server', 'denied'],
  ['resource.answered', 'resource-server', 'client', 'denied'],
];

/** The timeline of read-only then write: legs in order, consent asked vs granted, the denied write's checklist, revoking by hand. */
async function timelineOfReadOnlyThenWrite({ page, browser }: ReplayContext) {
  const timeline = new TimelinePage(page);

  await test.step('sequence view: the legs in order, with their lanes and outcomes', async () => {
    await timeline.goto();
    await expect(timeline.items().first()).toBeVisible();
    const rows = await timeline.items().evaluateAll((lis) =>
      lis.map((li) => [li.getAttribute('data-type'), li.getAttribute('data-from'), li.getAttribute('data-to'), li.getAttribute('data-outcome')].join(' ')),
    );
    let at = 0;
    for (const row of rows) if (row === LEGS[at]?.join(' ')) at++;
    expect(at, `legs found in order: ${LEGS.slice(0, at).map((l) => l[0]).join(', ')}; rows: ${rows.join(' | ')}`).toBe(LEGS.length);
  });

  await test.step('filter: only the resource server’s denied events', async () => {
    for (const party of ['Browser', 'Client', 'Authorization server']) await page.getByRole('checkbox', { name: party, exact: true }).uncheck();
    for (const outcome of ['ok', 'error', 'info']) await page.getByRole('checkbox', { name: outcome, exact: true }).uncheck();
    const outcomes = await timeline.items().evaluateAll((lis) => lis.map((li) => li.getAttribute('data-outcome')));
    expect(outcomes.length).toBeGreaterThan(0);
    expect(new Set(outcomes)).toEqual(new Set(['denied']));
    await expect(timeline.event(/Insufficient scope: create needs notes:write/)).toBeVisible();
    for (const c of ['Browser', 'Client', 'Authorization server', 'ok', 'error', 'info']) await page.getByRole('checkbox', { name: c, exact: true }).check();
  });

  await test.step('consent event: scopes asked versus granted', async () => {
    await timeline.event(/Browser → Authorization server: alice granted/).click();
    const consent = timeline.detail.getByRole('region', { name: 'Consent: asked versus granted' });
    await expect(consent.getByRole('row', { name: /notes:read/ })).toContainText('✓ granted');
    await expect(consent.getByRole('row', { name: /notes:write/ })).toContainText('asked');
    await expect(consent.getByRole('row', { name: /notes:write/ })).toContainText('✗ not granted');
  });

  await test.step('token event: the access token decoded, scope split, exp readable', async () => {
    await timeline.event(/Client → Authorization server: Code exchanged/).click();
    const token = timeline.detail.getByRole('region', { name: 'Access token (JWT)' });
    await expect(token.getByRole('list', { name: 'scope parts' }).getByRole('listitem')).toHaveText(READ);
    await expect(token.getByRole('row', { name: /^exp/ })).toContainText(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(in \d+ min\)/);
  });

  await test.step('verification: how the resource server knew the token was valid', async () => {
    await timeline.event(/Resource server: Access token verified locally/).last().click();
    await expect(timeline.detail.getByRole('complementary', { name: 'What happened' })).toContainText('with no call to the authorization server');
    await expect(timeline.detail.getByRole('region', { name: 'Checks' }).getByRole('listitem', { name: /^\d+\. signature: passed/ })).toBeVisible();
  });

  await test.step('denied write: the checklist with the scope check failed', async () => {
    await timeline.event(/Resource server: Insufficient scope: create needs notes:write \(denied\)/).click();
    const checks = timeline.detail.getByRole('region', { name: 'Checks' });
    await expect(checks.getByRole('listitem', { name: /^\d+\. scope: failed, create needs notes:write/ })).toBeVisible();
    await expect(timeline.detail.getByRole('complementary', { name: 'What happened' })).toContainText('RFC 6750 §3.1');
    // The 403 of the same request, with its Bearer challenge (RFC 6750 §3).
    await expect(timeline.detail.getByRole('region', { name: 'HTTP response' })).toContainText('HTTP 403');
    await expect(timeline.detail.getByRole('region', { name: 'HTTP response' })).toContainText('error="insufficient_scope"');
    await expect(timeline.detail.getByRole('navigation', { name: 'Same HTTP request' })).toContainText('POST /rs/api/notes');
  });

  await test.step('revoke by hand: another visitor cannot, the owner can', async () => {
    const { events } = (await (await page.request.get('/api/runs/current/events')).json()) as {
      events: { type: string; tokens?: { kind: string; raw: string }[] }[];
    };
    const raw = events.find((e) => e.type === 'token.issued')?.tokens?.find((t) => t.kind === 'access_token')?.raw;
    expect(raw).toBeTruthy();
    const other = await browser.newContext({ baseURL: new URL(page.url()).origin });
    try {
      const r = await other.request.post('/api/runs/current/revoke', { data: { token: raw } });
      expect(r.status()).toBe(404);
      expect(await r.json()).toMatchObject({ detail: 'Your run has no such access or refresh token.' });
    } finally {
      await other.close();
    }
    await timeline.event(/Client → Authorization server: Code exchanged/).click();
    const token = timeline.detail.getByRole('region', { name: 'Access token (JWT)' });
    await token.getByRole('button', { name: 'Revoke this token' }).click();
    await expect(token.getByRole('status')).toContainText('Revoked (access token of notes-assistant)');
    // Issue 9 item 6: the learner revoked it from the sandbox, not the client.
    await expect(timeline.event(/Sandbox → Authorization server: You revoked the access token of notes-assistant by hand, from the sandbox/)).toBeVisible();
    await expect(timeline.event(/Client → Authorization server: Access token revoked/)).toHaveCount(0);
  });
}
