import { describe, expect, it } from 'vitest';
import { toNote1, toNotes } from './notes';

describe('Reading the Notes API JSON', () => {
  it('reads a list or { notes: [...] }, with owner, flags and sharing in words', () => {
    const note = { id: 'n4', owner: 'bob', title: 'Project plan', body: 'Draft', public: false, archived: false, shares: [{ userId: 'alice', access: 'edit' }] };
    const expected = [{ id: 'n4', owner: 'bob', title: 'Project plan', body: 'Draft', public: false, archived: false, sharing: ['alice can edit'] }];
    expect(toNotes([note])).toEqual(expected);
    expect(toNotes({ notes: [note] })).toEqual(expected);
  });

  it('skips entries without an id and anything that is not a list', () => {
    expect(toNotes([{ title: 'no id' }, 42, null])).toEqual([]);
    expect(toNotes({ error: 'x' })).toEqual([]);
    expect(toNotes(undefined)).toEqual([]);
  });

  it('reads a single note bare or wrapped', () => {
    expect(toNote1({ id: 7, title: 'T' })?.id).toBe('7');
    expect(toNote1({ note: { id: 'n1', title: 'T' } })?.title).toBe('T');
    expect(toNote1('x')).toBeUndefined();
  });
});
