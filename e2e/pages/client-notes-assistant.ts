import { expect, type Locator, type Page } from '@playwright/test';

/** Notes Assistant, the client app at /client, as a visitor sees it. */
export class NotesAssistant {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto('/client');
    await expect(this.page.getByRole('heading', { name: 'Notes Assistant', level: 1 })).toBeVisible();
  }

  /** Chooses what to ask for (and, optionally, other scopes in “Also ask for”) and starts the authorization code flow. */
  async signIn(access: 'Read only' | 'Read and write', also?: string) {
    await this.page.getByRole('radio', { name: new RegExp(`^${access}`) }).check();
    if (also !== undefined) await this.page.getByRole('textbox', { name: /^Also ask for/ }).fill(also);
    await this.page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }

  /** The same choice, then "Sign in as someone else": an authorization request with prompt=login. */
  async signInAsSomeoneElse(access: 'Read only' | 'Read and write') {
    await this.page.getByRole('radio', { name: new RegExp(`^${access}`) }).check();
    await this.page.getByRole('button', { name: 'Sign in as someone else' }).click();
  }

  async expectOnNotesPage() {
    await expect(this.page).toHaveURL(/\/client\/notes$/);
    await expect(this.page.getByRole('heading', { name: 'Your notes' })).toBeVisible();
  }

  grantedScopes(): Locator {
    return this.page.getByRole('list', { name: 'Granted scopes' }).getByRole('listitem');
  }

  note(title: string): Locator {
    return this.page.getByRole('region', { name: `Note: ${title}` });
  }

  async createNote(title: string, body = '') {
    const form = this.page.getByRole('form', { name: 'New note' });
    await form.getByLabel('Title').fill(title);
    await form.getByLabel('Text').fill(body);
    await form.getByRole('button', { name: 'Create note' }).click();
  }

  async editNote(title: string, newBody: string) {
    const note = this.note(title);
    await note.getByLabel('Text').fill(newBody);
    await note.getByRole('button', { name: 'Save' }).click();
  }

  async deleteNote(title: string) {
    await this.note(title).getByRole('button', { name: 'Delete' }).click();
  }

  /** What the last action (create, save, delete) led to, in the app's words. */
  lastAction(): Locator {
    return this.page.getByRole('region', { name: 'Last action' });
  }

  /** Shown when reading the notes did not simply succeed (refreshed, refused, unreachable). */
  readingNotes(): Locator {
    return this.page.getByRole('region', { name: 'Reading your notes' });
  }

  async askForWriteAccess() {
    await this.page.getByRole('button', { name: 'Ask for write access' }).click();
  }

  async signOut() {
    await this.page.getByRole('button', { name: 'Sign out' }).click();
    await expect(this.page.getByText('You are signed out of Notes Assistant')).toBeVisible();
  }
}
