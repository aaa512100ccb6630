import { describe, expect, it } from 'vitest';
import { parseCreateNote, parseUpdateNote } from './note-input';

/** The field a refusal names (RFC 9457 §3.2: the problem body says which member is wrong), or 'ok'. */
const fieldOf = (r: { ok: true } | { ok: false; field: string }) => (r.ok ? 'ok' : r.field);
const create = (value: unknown) => parseCreateNote(JSON.stringify(value));
const update = (value: unknown) => parseUpdateNote(JSON.stringify(value));

describe('mutation testing (npm run mutation): a Notes API body is one JSON object', () => {
  // RFC 8259 §4: an object; anything else (an array, null, a string, a number) is not a note.
  it.each([
    ['not JSON', '{"title": '],
    ['an array', '[{"title":"a"}]'],
    ['null', 'null'],
    ['a string', '"title"'],
    ['a number', '7'],
  ])('RFC 8259 §4 refuses %s as the body, naming (body)', (_name, text) => {
    expect(fieldOf(parseCreateNote(text))).toBe('(body)');
    expect(fieldOf(parseUpdateNote(text))).toBe('(body)');
  });
});

describe('mutation testing (npm run mutation): the fields of a note', () => {
  it('accepts a new note with only a title: body empty, not public (the documented defaults)', () => {
    expect(create({ title: 'Groceries' })).toEqual({ ok: true, value: { title: 'Groceries', body: '', public: false } });
  });

  it('keeps the body and public flag a new note was sent with', () => {
    expect(create({ title: 'Groceries', body: 'eggs', public: true })).toEqual({ ok: true, value: { title: 'Groceries', body: 'eggs', public: true } });
  });

  it('refuses a new note without a title, naming title', () => {
    expect(fieldOf(create({ body: 'eggs' }))).toBe('title');
  });

  it('refuses archived on a new note, naming archived', () => {
    expect(fieldOf(create({ title: 'a', archived: false }))).toBe('archived');
  });

  it('refuses a field a note does not have, naming it', () => {
    expect(fieldOf(create({ title: 'a', colour: 'red' }))).toBe('colour');
    expect(fieldOf(update({ colour: 'red' }))).toBe('colour');
  });

  it('a title is a non-empty string of at most 200 characters: blank, too long, or not a string is refused', () => {
    expect(fieldOf(create({ title: 'x'.repeat(200) }))).toBe('ok');
    expect(fieldOf(create({ title: 'x'.repeat(201) }))).toBe('title');
    expect(fieldOf(create({ title: '   ' }))).toBe('title');
    expect(fieldOf(create({ title: '' }))).toBe('title');
    expect(fieldOf(create({ title: 42 }))).toBe('title');
  });

  it('a body is a string of at most 10 000 characters, and may be empty', () => {
    expect(fieldOf(create({ title: 'a', body: 'x'.repeat(10_000) }))).toBe('ok');
    expect(fieldOf(create({ title: 'a', body: '' }))).toBe('ok');
    expect(fieldOf(create({ title: 'a', body: 'x'.repeat(10_001) }))).toBe('body');
    expect(fieldOf(create({ title: 'a', body: 42 }))).toBe('body');
  });

  it('public and archived are true or false, nothing else', () => {
    expect(update({ public: true })).toEqual({ ok: true, value: { public: true } });
    expect(update({ archived: false })).toEqual({ ok: true, value: { archived: false } });
    expect(fieldOf(update({ public: 'yes' }))).toBe('public');
    expect(fieldOf(update({ archived: 1 }))).toBe('archived');
  });

  it('an update changes at least one field, and every field it sends is checked', () => {
    expect(fieldOf(update({}))).toBe('(body)');
    expect(update({ title: 'New', body: 'text' })).toEqual({ ok: true, value: { title: 'New', body: 'text' } });
    expect(fieldOf(update({ title: 'New', body: 42 }))).toBe('body');
  });
});
