import { expect, type Locator, type Page } from '@playwright/test';

/** The full timeline at /timeline: the visitor's own run, live. */
export class TimelinePage {
  readonly events: Locator;
  readonly detail: Locator;
  readonly controls: Locator;

  constructor(readonly page: Page) {
    this.events = page.getByRole('list', { name: 'Timeline events' });
    this.detail = page.getByRole('region', { name: 'Event detail' });
    this.controls = page.getByRole('region', { name: 'Run controls' });
  }

  async goto() {
    await this.page.goto('/timeline');
    await expect(this.page.getByRole('heading', { name: 'Timeline', level: 1 })).toBeVisible();
    await this.showList();
  }

  /** The list view (the sequence diagram is the main view): one row per event, for screen readers and these tests. */
  async showList() {
    const list = this.page.getByRole('radio', { name: 'List' });
    if (!(await list.isChecked())) await list.check();
    await expect(this.events.or(this.page.getByText('No events yet.'))).toBeVisible();
  }

  async waitUntilLive() {
    await expect(this.page.getByRole('status', { name: /Timeline status: Live/ })).toBeVisible();
  }

  /** An event of the sequence view, by (part of) its accessible name: "#3 Client → Authorization server: ... (ok)". */
  event(name: string | RegExp): Locator {
    return this.events.getByRole('button', { name });
  }

  items(): Locator {
    return this.events.getByRole('listitem');
  }

  /** Changes the run's settings through the API, as the same visitor (the page's cookies). */
  async patchSettings(update: Record<string, unknown>) {
    const r = await this.page.request.patch('/api/runs/current', { data: update });
    expect(r.status()).toBe(200);
  }

  async exportText(): Promise<string> {
    const r = await this.page.request.get('/api/runs/current/export');
    expect(r.status()).toBe(200);
    return r.text();
  }

  /**
   * Reads the live stream from inside the page until what arrived matches `until` (an event the
   * test made last: the stream sends in order, so everything before it has arrived too), and
   * returns it. Sends `lastEventId` as Last-Event-ID when given. Fails after `timeoutMs`.
   */
  async readStreamUntil(until: RegExp, { lastEventId, timeoutMs = 15_000 }: { lastEventId?: string; timeoutMs?: number } = {}): Promise<string> {
    const { text, matched } = await this.page.evaluate(
      async ({ source, flags, lastEventId, timeoutMs }) => {
        const until = new RegExp(source, flags);
        const ctl = new AbortController();
        const stop = setTimeout(() => ctl.abort(), timeoutMs); // a safety net only: the read ends at the marker
        const res = await fetch('/api/runs/current/stream', { signal: ctl.signal, headers: lastEventId ? { 'Last-Event-ID': lastEventId } : {} });
        const reader = res.body!.getReader();
        const dec = new TextDecoder();
        let text = '';
        let matched = false;
        try {
          while (!matched) {
            const { value, done } = await reader.read();
            if (done) break;
            text += dec.decode(value, { stream: true });
            matched = until.test(text);
          }
        } catch {
          /* aborted */
        }
        clearTimeout(stop);
        ctl.abort();
        return { text: `${res.status} ${res.headers.get('content-type')}\n${text}`, matched };
      },
      { source: until.source, flags: until.flags, lastEventId, timeoutMs },
    );
    expect(matched, `the stream never sent ${until} within ${timeoutMs} ms; it sent:\n${text}`).toBe(true);
    return text;
  }
}
