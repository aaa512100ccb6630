import { randomBytes } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import { s256Challenge } from '../../lib/oauth/pkce';
import { cliAuthorizationUrl } from '../../lib/scenarios/cli-client';
import type { Action } from '../../lib/scenarios/types';
import { AttackPanelPage } from './attack-panel';
import { AuthorizationServerPages } from './client-authorization-server';
import { NotesAssistant } from './client-notes-assistant';
import { LoopbackCallback } from './loopback-callback';
import { TimelinePage } from './timeline-page';

/**
 * Does one scenario action by hand, through the real pages, as a person
 * would (not the played mode): the same page objects as every other spec,
 * so a user's own suite can drive the sandbox the same way.
 */
export class ScenarioSteps {
  readonly app: NotesAssistant;
  readonly as: AuthorizationServerPages;
  readonly timeline: TimelinePage;
  readonly attacks: AttackPanelPage;
  /** The cli client's pending authorization (its verifier and loopback redirect), between its two steps. */
  private cli?: { verifier: string; redirectUri: string; code: string };

  constructor(readonly page: Page) {
    this.app = new NotesAssistant(page);
    this.as = new AuthorizationServerPages(page);
    this.timeline = new TimelinePage(page);
    this.attacks = new AttackPanelPage(page);
  }

  private async onNotesPage() {
    if (!/\/client\/notes$/.test(this.page.url())) await this.page.goto('/client/notes');
    await this.app.expectOnNotesPage();
  }

  private async onTimeline() {
    if (!/\/timeline$/.test(this.page.url())) await this.timeline.goto();
  }

  /** The run this browser owns (its run key cookie), as the home page shows it: only its id travels in X-Sandbox-Run. */
  private async runId(): Promise<string> {
    const r = await this.page.request.get('/api/runs/current');
    expect(r.status()).toBe(200);
    return ((await r.json()) as { id: string }).id;
  }

  async perform(action: Action, serviceToken: { value?: string }): Promise<void> {
    const page = this.page;
    switch (action.do) {
      case 'sign-in': {
        await this.app.goto();
        if (action.prompt === 'login') await this.app.signInAsSomeoneElse(action.access === 'read' ? 'Read only' : 'Read and write');
        else await this.app.signIn(action.access === 'read' ? 'Read only' : 'Read and write');
        await page.waitForURL(/\/as\/authorize|\/client\/notes$/);
        return;
      }
      case 'sign-in-as':
        await this.as.signInAs(action.user);
        await page.waitForURL(/\/as\/authorize\/consent|\/client\//);
        return;
      case 'consent':
        await this.as.consent([...action.grant]);
        await page.waitForURL(/\/client\//);
        return;
      case 'deny':
        await this.as.deny();
        await page.waitForURL(/\/client\//);
        return;
      case 'open-notes':
        await page.goto('/client/notes');
        return;
      case 'create-note':
        await this.onNotesPage();
        await this.app.createNote(action.title);
        await expect(this.app.lastAction()).toBeVisible();
        return;
      case 'edit-note':
        await this.onNotesPage();
        await this.app.editNote(action.note, action.body);
        await expect(this.app.lastAction()).toBeVisible();
        return;
      case 'ask-for-write':
        await this.onNotesPage();
        await this.app.askForWriteAccess();
        await page.waitForURL(/\/as\/authorize/);
        return;
      case 'sign-out':
        await this.onNotesPage();
        await this.app.signOut();
        return;
      case 'settings':
        await this.onTimeline();
        if (action.set.verificationMode) await page.getByLabel('Resource server verifies').selectOption(action.set.verificationMode);
        if (action.set.accessTokenFormat) await page.getByLabel('Access token format').selectOption(action.set.accessTokenFormat);
        if (action.set.accessTokenAlg) await page.getByLabel('Access token signature').selectOption(action.set.accessTokenAlg);
        return;
      case 'jump-clock':
        await this.onTimeline();
        await page.getByRole('button', { name: 'Jump 1 h ahead' }).click();
        return;
      case 'rotate-key':
        await this.onTimeline();
        await page.getByRole('button', { name: 'Rotate signing key' }).click();
        return;
      case 'revoke-access-token': {
        await this.onTimeline();
        await this.timeline.showList();
        await this.timeline.events.locator('li[data-type="client.tokens_received"] > button').last().click();
        const card = this.timeline.detail.getByRole('region', { name: /^Access token/ });
        await card.getByRole('button', { name: 'Revoke this token' }).click();
        await expect(card.getByRole('status')).toContainText('Revoked');
        return;
      }
      case 'client-credentials': {
        // As curl would: the service's own credentials, and X-Sandbox-Run to land on this run's timeline.
        const r = await page.request.post('/as/token', {
          headers: { Authorization: `Basic ${Buffer.from('reporting-service:reporting-service-secret').toString('base64')}`, 'X-Sandbox-Run': await this.runId() },
          form: { grant_type: 'client_credentials', scope: action.scope },
        });
        expect(r.status()).toBe(200);
        serviceToken.value = ((await r.json()) as { access_token: string }).access_token;
        return;
      }
      case 'service-call': {
        const r = await page.request.get(action.path, { headers: { Authorization: `Bearer ${serviceToken.value}`, 'X-Sandbox-Run': await this.runId() } });
        await r.body();
        return;
      }
      case 'attack':
        await this.attacks.open(action.attack);
        await this.attacks.send();
        return;
      case 'cli-authorize': {
        // The native app: a verifier of its own, and a loopback server that receives the authorization response.
        const loopback = await new LoopbackCallback().start();
        try {
          const verifier = randomBytes(32).toString('base64url');
          await page.goto(cliAuthorizationUrl('', { redirectUri: loopback.redirectUri, scope: action.grant.join(' '), codeChallenge: s256Challenge(verifier) }));
          if (await page.getByRole('button', { name: `Sign in as ${action.user}` }).isVisible()) await this.as.signInAs(action.user);
          await this.as.consent([...action.grant]);
          const got = await Promise.race([loopback.next(), new Promise<never>((_r, fail) => setTimeout(() => fail(new Error('no authorization response at the loopback')), 20_000))]);
          const code = got.searchParams.get('code');
          expect(code, got.toString()).toBeTruthy();
          this.cli = { verifier, redirectUri: loopback.redirectUri, code: code! };
          await expect(page.getByRole('heading', { name: 'Authorization response received' })).toBeVisible();
        } finally {
          await loopback.stop();
        }
        return;
      }
      case 'cli-token': {
        expect(this.cli, 'the cli holds a code').toBeDefined();
        const r = await page.request.post('/as/token', {
          form: { grant_type: 'authorization_code', code: this.cli!.code, redirect_uri: this.cli!.redirectUri, client_id: 'cli', code_verifier: this.cli!.verifier },
        });
        expect(r.status()).toBe(200);
        return;
      }
      case 'policy': {
        await this.onTimeline();
        await this.timeline.controls.getByRole('link', { name: 'Scopes and rules' }).click();
        await expect(page.getByRole('form', { name: 'Scopes and rules' })).toHaveAttribute('aria-busy', 'false');
        if (action.define) {
          await page.getByRole('button', { name: 'Add a scope' }).click();
          await page.getByLabel('Scope name').last().fill(action.define.scope);
          await page.getByLabel(/^Meaning/).last().fill(action.define.meaning);
        }
        if (action.needs) {
          const boxes = page.getByRole('checkbox', { name: new RegExp(`^${action.needs.action} needs `) });
          for (const box of await boxes.all()) {
            const scope = ((await box.getAttribute('aria-label')) ?? '').replace(`${action.needs.action} needs `, '');
            await box.setChecked(action.needs.scopes.includes(scope));
          }
        }
        if (action.officeHours) await page.getByRole('button', { name: 'Add the office-hours rule' }).click();
        await page.getByRole('button', { name: 'Save scopes and rules' }).click();
        await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toHaveText(/^Saved\./);
        return;
      }
      case 'delete-note':
        await this.onNotesPage();
        await this.app.deleteNote(action.note);
        await expect(this.app.lastAction()).toBeVisible();
        return;
      case 'ask-for-scope':
        await this.onNotesPage();
        await this.app.signOut();
        await this.app.signIn(action.access === 'read' ? 'Read only' : 'Read and write', action.scope);
        await page.waitForURL(/\/as\/authorize|\/client\/notes$/);
        return;
      case 'set-clock':
        await this.onTimeline();
        await this.timeline.controls.getByLabel('Time of day (UTC)').fill(action.utc);
        await this.timeline.controls.getByRole('button', { name: 'Set the clock' }).click();
        await expect(this.timeline.controls.getByRole('status')).toHaveText(`Clock set to ${action.utc} UTC`);
        return;
      case 'start-agent':
        await page.goto('/agent');
        await page.getByRole('button', { name: 'Start Notes Agent' }).click();
        await page.waitForURL(/\/as\/authorize/);
        return;
      case 'agent-consent': {
        // The agent's callback redirects on: to a new consent page (step-up), or back to its own page. Wait for that answer, not a URL the old page has too.
        const next =
          action.then === 'done'
            ? page.waitForURL(/\/agent\?done=/)
            : page.waitForResponse((r) => new URL(r.url()).pathname === '/as/authorize/consent' && r.request().method() === 'GET' && r.status() === 200);
        await this.as.consent([...action.grant]);
        await next;
        await page.waitForLoadState();
        return;
      }
    }
  }
}
