import { describe, expect, it } from 'vitest';
import { agentOutcome, outcomeQuery } from './outcome';

const params = (query: string) => Object.fromEntries(new URLSearchParams(query));

describe("Notes Agent's page shows only the agent's own words", () => {
  it("shows what the agent sent back, done or stopped", () => {
    expect(agentOutcome(params(outcomeQuery('done', 'Notes Agent listed your notes and wrote one')))).toEqual({
      kind: 'done',
      text: 'Notes Agent listed your notes and wrote one',
    });
    expect(agentOutcome(params(outcomeQuery('refused', 'The Notes API refused the write (403)')))).toEqual({ kind: 'refused', text: 'The Notes API refused the write (403)' });
    expect(agentOutcome(params(outcomeQuery('error', 'no authorization request of Notes Agent is pending')))).toEqual({
      kind: 'error',
      text: 'no authorization request of Notes Agent is pending',
    });
  });

  it('shows nothing for a crafted link: no mark, a changed text, a mark moved to the other kind, or a mark of another length', () => {
    const real = params(outcomeQuery('done', 'Notes Agent listed your notes and wrote one'));
    expect(agentOutcome({ error: 'your session expired: sign in again at https://evil.example' })).toBeUndefined();
    expect(agentOutcome({ done: 'Notes Agent deleted all your notes', mark: real.mark })).toBeUndefined();
    expect(agentOutcome({ error: real.done, mark: real.mark })).toBeUndefined();
    expect(agentOutcome({ refused: real.done, mark: real.mark })).toBeUndefined();
    expect(agentOutcome({ done: real.done, mark: `${real.mark}x` })).toBeUndefined();
    expect(agentOutcome({})).toBeUndefined();
  });
});
