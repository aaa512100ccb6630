import { formEntries, parseForms, type HtmlForm, type SubmitButton } from './html-forms';

/**
 * The browser the sandbox plays: a cookie jar and a page, following
 * redirects on its own origin, submitting plain HTML forms, calling
 * next-auth's endpoints as next-auth's own browser code does. It makes the
 * very requests a browser would; nothing is faked or taken from a party's code.
 */
export interface Page {
  url: string;
  status: number;
  html: string;
}

/** Cookies of one origin: name → value (Path is always / in the sandbox; expiry in the past deletes). */
export type CookieJar = Map<string, string>;

function storeSetCookies(jar: CookieJar, setCookies: readonly string[]): void {
  for (const line of setCookies) {
    const [pair = '', ...attrs] = line.split(';');
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const gone = attrs.some((a) => {
      const [k = '', v = ''] = a.trim().split('=');
      return (k.toLowerCase() === 'max-age' && Number(v) <= 0) || (k.toLowerCase() === 'expires' && Date.parse(v) < Date.now());
    });
    if (gone || value === '') jar.delete(name);
    else jar.set(name, value);
  }
}

export const cookieHeader = (jar: CookieJar) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

const MAX_REDIRECTS = 20;

export class HttpBrowser {
  page: Page;

  constructor(
    readonly origin: string,
    readonly jar: CookieJar,
    private readonly fetcher: typeof fetch = fetch,
  ) {
    this.page = { url: `${origin}/`, status: 0, html: '' };
  }

  private sameOrigin(url: string): boolean {
    return new URL(url).origin === this.origin;
  }

  /** One request with the jar's cookies; Set-Cookie goes back into the jar. */
  async request(url: string, init: { method?: string; body?: BodyInit; headers?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'text/html,application/json;q=0.9,*/*;q=0.8', ...init.headers };
    if (this.jar.size && this.sameOrigin(url)) headers['Cookie'] = cookieHeader(this.jar);
    // A browser names the page's origin on every POST (Fetch §3.1, the Origin header).
    if (init.method && init.method !== 'GET') headers['Origin'] = this.origin;
    const res = await this.fetcher(url, { method: init.method ?? 'GET', body: init.body, headers, redirect: 'manual', cache: 'no-store' });
    if (this.sameOrigin(url)) storeSetCookies(this.jar, res.headers.getSetCookie());
    return res;
  }

  /**
   * Goes to `url` and follows redirects as a browser does (303 and 302 after
   * a POST become GET). A redirect off the sandbox's origin (a native app's
   * loopback) is not followed: the page is left at the last sandbox URL and
   * `offOrigin` names where it pointed.
   */
  async navigate(url: string, init: { method?: string; body?: BodyInit; headers?: Record<string, string> } = {}): Promise<Page & { offOrigin?: string }> {
    let target = new URL(url, this.page.url).toString();
    let req = init;
    for (let i = 0; i < MAX_REDIRECTS; i++) {
      const res = await this.request(target, req);
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        const next = new URL(location, target).toString();
        // Drained, not cancelled: a cancelled body of Next's patched fetch never settles inside a route handler.
        await res.arrayBuffer().catch(() => undefined);
        if (!this.sameOrigin(next)) return { ...this.page, offOrigin: next };
        target = next;
        req = res.status === 307 || res.status === 308 ? req : {};
        continue;
      }
      this.page = { url: target, status: res.status, html: await res.text() };
      return this.page;
    }
    throw new Error(`more than ${MAX_REDIRECTS} redirects from ${url}`);
  }

  forms(): HtmlForm[] {
    return parseForms(this.page.html);
  }

  /** The form holding a submit button whose text is `text` (and, optionally, whose own text includes `within`). */
  findButton(text: string, within?: string): { form: HtmlForm; button: SubmitButton } | undefined {
    for (const form of this.forms()) {
      if (within && !(form.label?.includes(within) || form.text.includes(within) || form.fields.some((f) => f.value === within))) continue;
      const button = form.buttons.find((b) => b.text === text);
      if (button) return { form, button };
    }
    return undefined;
  }

  /** Presses a submit button: the form's entries, the button's name and value, sent as the form (or button) says. */
  async press(text: string, options: { within?: string; set?: Record<string, string>; check?: (name: string, value: string) => boolean } = {}) {
    const found = this.findButton(text, options.within);
    if (!found) throw new Error(`no button “${text}”${options.within ? ` in “${options.within}”` : ''} on ${this.page.url}`);
    const { form, button } = found;
    const entries = formEntries(form, button, options);
    const action = new URL(button.formAction ?? form.action ?? '', this.page.url).toString();
    const enctype = button.formEncType ?? form.enctype;
    if (form.method === 'GET') {
      const u = new URL(action);
      u.search = new URLSearchParams(entries).toString();
      return this.navigate(u.toString());
    }
    if (enctype === 'multipart/form-data') {
      const data = new FormData();
      for (const [k, v] of entries) data.append(k, v);
      return this.navigate(action, { method: 'POST', body: data });
    }
    return this.navigate(action, { method: 'POST', body: new URLSearchParams(entries).toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  }

  /** What next-auth's signIn()/signOut() do in a browser: fetch the CSRF token, POST with json=true, go to the URL answered. */
  async nextAuth(path: 'signin/sandbox' | 'signout', callbackUrl: string, params?: Record<string, string>) {
    await this.request(`${this.origin}/api/auth/providers`);
    const csrf = (await (await this.request(`${this.origin}/api/auth/csrf`)).json()) as { csrfToken: string };
    const query = params ? `?${new URLSearchParams(params)}` : '';
    const res = await this.request(`${this.origin}/api/auth/${path}${query}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Auth-Return-Redirect': '1' },
      body: new URLSearchParams({ csrfToken: csrf.csrfToken, callbackUrl, json: 'true' }).toString(),
    });
    const { url } = (await res.json()) as { url?: string };
    return this.navigate(url ?? callbackUrl);
  }
}
