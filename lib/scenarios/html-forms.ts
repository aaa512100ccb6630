/**
 * Reads the forms of a page as a browser would submit them: fields with
 * their values, checkboxes checked or not, and the submit buttons (with the
 * form action they override). Only for the sandbox's own pages, whose HTML
 * React writes: well-formed, attributes quoted.
 */
interface FormField {
  name: string;
  value: string;
  type: string;
  checked: boolean;
}

export interface SubmitButton {
  name?: string;
  value?: string;
  text: string;
  formAction?: string;
  /** The whole tag, for a button that carries its own action fields (React's formAction). */
  formEncType?: string;
}

export interface HtmlForm {
  action: string;
  method: 'GET' | 'POST';
  enctype: string;
  label?: string;
  fields: FormField[];
  buttons: SubmitButton[];
  /** The visible text inside the form, for finding it ("Project plan"). */
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** The attributes of one start tag, names lower-cased, values decoded; a bare attribute is ''. */
export function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const body = tag.replace(/^<[a-z0-9]+/i, '').replace(/\/?>$/, '');
  for (const m of body.matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    out[m[1]!.toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

const stripTags = (html: string) => decodeEntities(html.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();

export function parseForms(html: string): HtmlForm[] {
  const forms: HtmlForm[] = [];
  for (const m of html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/gi)) {
    const open = attributes(m[0].slice(0, m[0].indexOf('>') + 1));
    const inner = m[1]!;
    const fields: FormField[] = [];
    for (const t of inner.matchAll(/<input\b[^>]*>/gi)) {
      const a = attributes(t[0]);
      const type = (a['type'] ?? 'text').toLowerCase();
      if (!a['name'] || type === 'submit' || type === 'button') continue;
      fields.push({ name: a['name'], value: a['value'] ?? (type === 'checkbox' || type === 'radio' ? 'on' : ''), type, checked: 'checked' in a });
    }
    for (const t of inner.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/gi)) {
      const a = attributes(`<textarea${t[1]}>`);
      if (a['name']) fields.push({ name: a['name'], value: decodeEntities(t[2]!.replace(/^\n/, '')), type: 'textarea', checked: false });
    }
    const buttons: SubmitButton[] = [];
    for (const t of inner.matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/gi)) {
      const a = attributes(`<button${t[1]}>`);
      if ((a['type'] ?? 'submit') !== 'submit') continue;
      buttons.push({ name: a['name'], value: a['value'], text: stripTags(t[2]!), formAction: a['formaction'], formEncType: a['formenctype'] });
    }
    forms.push({
      action: open['action'] ?? '',
      method: (open['method'] ?? 'get').toUpperCase() === 'POST' ? 'POST' : 'GET',
      enctype: open['enctype'] ?? 'application/x-www-form-urlencoded',
      label: open['aria-label'],
      fields,
      buttons,
      text: stripTags(inner),
    });
  }
  return forms;
}

/**
 * The entries a browser sends when `button` submits `form`: successful
 * controls only (unchecked boxes are left out, HTML §4.10.21.4), `set`
 * overriding text values, `check` naming which checkbox values are checked.
 */
export function formEntries(form: HtmlForm, button: SubmitButton | undefined, change: { set?: Record<string, string>; check?: (name: string, value: string) => boolean } = {}): [string, string][] {
  const entries: [string, string][] = [];
  for (const f of form.fields) {
    if (f.type === 'checkbox' || f.type === 'radio') {
      const on = change.check ? change.check(f.name, f.value) : f.checked;
      if (on) entries.push([f.name, f.value]);
    } else entries.push([f.name, change.set?.[f.name] ?? f.value]);
  }
  if (button?.name) entries.push([button.name, button.value ?? '']);
  return entries;
}
