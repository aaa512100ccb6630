import { describe, expect, it } from 'vitest';
import { attributionEvents } from './attribution';
import type { EventInput } from './events';

const A = 'run-a-0000000000000000000000';
const B = 'run-b-0000000000000000000000';
const events: EventInput[] = [
  { from: 'client', to: 'auth-server', type: 'token.issued', summary: 'Token issued', outcome: 'ok' },
  { from: 'auth-server', to: 'client', type: 'client_authentication.succeeded', summary: 'Client authenticated', outcome: 'ok' },
];

describe('who put these events on the run (issue 14, issue 9 item 15)', () => {
  it('marks every event of a request that named the run by X-Sandbox-Run alone', () => {
    const [[run, list]] = attributionEvents({ named: B }, B, undefined, events) as [[string, EventInput[]]];
    expect(run).toBe(B);
    expect(list.map((e) => e.outside)).toEqual([true, true]);
    expect(list[0]!.summary).toBe('Token issued (from outside: named by X-Sandbox-Run, no run key)');
  });

  it('does not mark a request that carried the run key, or a code or token the party found in the same run', () => {
    expect(attributionEvents({ named: B, owned: B }, B, undefined, events)).toEqual([[B, events]]);
    expect(attributionEvents({ named: B }, B, B, events)).toEqual([[B, events]]);
    expect(attributionEvents({ owned: A }, A, undefined, events)).toEqual([[A, events]]);
  });

  it('says so on both runs when X-Sandbox-Run names one run and the code belongs to another, naming neither id', () => {
    const result = attributionEvents({ named: B }, A, A, events);
    expect(result.map(([run, list]) => [run, list.map((e) => e.type)])).toEqual([
      [A, ['token.issued', 'client_authentication.succeeded', 'run_header.mismatched']],
      [B, ['run_header.mismatched']],
    ]);
    const notes = result.flatMap(([, list]) => list.filter((e) => e.type === 'run_header.mismatched'));
    expect(notes[0]!.summary).toMatch(/named another run in X-Sandbox-Run, but the code or token it carried belongs to this run/);
    expect(notes[1]!.summary).toMatch(/its events are recorded there, not here/);
    for (const n of notes) expect(JSON.stringify(n)).not.toMatch(new RegExp(`${A}|${B}`));
  });
});
