import { describe, expect, it } from 'vitest';
import { formEntries, parseForms } from './html-forms';

const page = `<main><form method="post" action="/as/authorize/consent"><input type="hidden" name="request_id" value="r1"/><input type="hidden" name="csrf_token" value="a&amp;b"/>
<input type="checkbox" id="scope-openid" name="scope" value="openid" checked=""/><input type="checkbox" name="scope" value="notes:write" checked=""/>
<button type="submit" name="decision" value="allow">Allow</button><button type="submit" name="decision" value="deny">Deny</button></form>
<form aria-label="Note: x" action="" encType="multipart/form-data" method="POST"><input type="hidden" name="$ACTION_ID_abc"/><input name="title" value="x"/><textarea name="body">
old &lt;text&gt;</textarea><button type="submit">Save</button><button type="button">Not a submit</button><button formAction="" name="$ACTION_ID_def" formEncType="multipart/form-data">Delete</button></form></main>`;

describe('HTML forms as a browser submits them (HTML §4.10.21)', () => {
  const [consent, note] = parseForms(page);

  it('reads action, method, hidden fields (entities decoded) and the submit buttons', () => {
    expect(consent).toMatchObject({ action: '/as/authorize/consent', method: 'POST', enctype: 'application/x-www-form-urlencoded' });
    expect(consent!.fields.filter((f) => f.type === 'hidden').map((f) => [f.name, f.value])).toEqual([['request_id', 'r1'], ['csrf_token', 'a&b']]);
    expect(consent!.buttons.map((b) => b.text)).toEqual(['Allow', 'Deny']);
  });

  it('sends only checked boxes and the pressed button', () => {
    const entries = formEntries(consent!, consent!.buttons[0], { check: (_n, v) => v === 'openid' });
    expect(entries).toEqual([['request_id', 'r1'], ['csrf_token', 'a&b'], ['scope', 'openid'], ['decision', 'allow']]);
  });

  it('keeps textareas, labels and a button that names its own action', () => {
    expect(note!.label).toBe('Note: x');
    expect(note!.enctype).toBe('multipart/form-data');
    expect(note!.buttons.map((b) => b.text)).toEqual(['Save', 'Delete']);
    expect(formEntries(note!, note!.buttons[1], { set: { body: 'new' } })).toEqual([['$ACTION_ID_abc', ''], ['title', 'x'], ['body', 'new'], ['$ACTION_ID_def', '']]);
    expect(formEntries(note!, note!.buttons[0])).toContainEqual(['body', 'old <text>']);
  });
});
