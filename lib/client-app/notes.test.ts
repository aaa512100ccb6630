import { describe, expect, it } from 'vitest';
import { howYouSeeIt, toNote1, toNotes } from './notes';

describe('Reading the Notes API JSON', () => {
  it('reads a list or { notes: [...] }, with owner, flags and sharing in words', () => {
    const note = { id: 'n4', owner: 'bob', title: 'Project plan', body: 'Draft', public: false, archived: false, shares: [{ userId: 'alice', access: 'edit' }] };
    const expected = [{ id: 'n4', owner: 'bob', title: 'Project plan', body: 'Draft', public: false, archived: false, sharing: ['alice can edit'], shares: [{ user: 'alice', access: 'edit' }] }];
    expect(toNotes([note])).toEqual(expected);
    expect(toNotes({ notes: [note] })).toEqual(expected);
  });

  it("reads the Notes API's own shape, shared_with: [{ user, access }] (issue 9 item 8)", () => {
    const [n5] = toNotes({ notes: [{ id: 'n5', owner: 'bob', title: 'Reading list', body: '', public: false, archived: false, shared_with: [{ user: 'alice', access: 'read' }] }] });
    expect(n5!.shares).toEqual([{ user: 'alice', access: 'read' }]);
    expect(howYouSeeIt(n5!, 'alice')).toBe('bob shared this with you: you can read it, not edit it');
    expect(howYouSeeIt(n5!, 'bob')).toBe('Yours, shared with alice (can read)');
  });

  it('says when a note is shared with you and how, public, or yours', () => {
    const [n4, n7, n6] = toNotes([
      { id: 'n4', owner: 'bob', title: 'Project plan', shared_with: [{ user: 'alice', access: 'edit' }] },
      { id: 'n7', owner: 'carol', title: 'Office hours', public: true },
      { id: 'n6', owner: 'carol', title: 'Salary review' },
    ]);
    expect(howYouSeeIt(n4!, 'alice')).toBe('bob shared this with you: you can read and edit it (not delete it)');
    expect(howYouSeeIt(n7!, 'alice')).toBe('carol’s public note: anyone signed in can read it');
    expect(howYouSeeIt(n6!, 'carol')).toBe('Yours');
    expect(howYouSeeIt(n6!, 'alice')).toBeUndefined();
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
