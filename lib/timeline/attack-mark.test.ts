import { describe, expect, it } from 'vitest';
import { attackMark, ATTACK_HEADER } from './attack-mark';
import { attributionEvents } from './attribution';
import type { EventInput } from './events';
import { runsOfRequest } from '@/lib/runs/run-owner';
import { RUN_HEADER } from '@/lib/runs/run-id';

const A = 'run-a-0000000000000000000000';
const B = 'run-b-0000000000000000000000';
const req = (headers: Record<string, string>) => new Request('http://s/rs/api/notes', { headers });
const rsEvents = (): EventInput[] => [
  { from: 'client', to: 'resource-server', type: 'resource_request.received', summary: 'GET /rs/api/notes', outcome: 'info', http: { request: { method: 'GET', url: '/rs/api/notes', headers: { [ATTACK_HEADER]: attackMark(A), authorization: 'Bearer x' } } } },
  { from: 'resource-server', to: 'resource-server', type: 'access_token.rejected', summary: 'Rejected', outcome: 'denied' },
  { from: 'resource-server', to: 'client', type: 'resource.answered', summary: '401 invalid_token', outcome: 'denied' },
];

describe('the attack panel’s own requests land in the Attacker lane (and nobody else’s can)', () => {
  it('a request with the panel’s mark for the run it names: client becomes attacker, no “outside” mark, the mark not shown', () => {
    const runs = runsOfRequest(req({ [RUN_HEADER]: A, [ATTACK_HEADER]: attackMark(A) }));
    expect(runs.attackPanel).toBe(A);
    const [[run, list]] = attributionEvents(runs, A, undefined, rsEvents()) as [[string, EventInput[]]];
    expect(run).toBe(A);
    expect(list.map((e) => `${e.from}>${e.to}`)).toEqual(['attacker>resource-server', 'resource-server>resource-server', 'resource-server>attacker']);
    expect(list.every((e) => !e.outside)).toBe(true);
    expect(Object.keys(list[0]!.http!.request!.headers)).toEqual(['authorization']);
  });

  it('a forged mark, another run’s mark, or a mark without X-Sandbox-Run changes nothing: the request stays the client’s, marked outside', () => {
    for (const headers of <Record<string, string>[]>[
      { [RUN_HEADER]: A, [ATTACK_HEADER]: 'forged' },
      { [RUN_HEADER]: B, [ATTACK_HEADER]: attackMark(A) },
      { [ATTACK_HEADER]: attackMark(A) },
    ]) {
      const runs = runsOfRequest(req(headers));
      expect(runs.attackPanel, JSON.stringify(headers)).toBeUndefined();
    }
    const runs = runsOfRequest(req({ [RUN_HEADER]: B, [ATTACK_HEADER]: attackMark(A) }));
    const [[, list]] = attributionEvents(runs, B, undefined, rsEvents()) as [[string, EventInput[]]];
    expect(list.map((e) => e.from)).toEqual(['client', 'resource-server', 'resource-server']);
    expect(list.every((e) => e.outside)).toBe(true);
  });

  it('a marked request whose code or token belongs to another run is not relabelled: the mark moves nothing between runs', () => {
    const runs = runsOfRequest(req({ [RUN_HEADER]: A, [ATTACK_HEADER]: attackMark(A) }));
    const result = attributionEvents(runs, B, B, rsEvents());
    expect(result.map(([r]) => r)).toEqual([B, A]);
    expect(result[0]![1][0]!.from).toBe('client');
  });
});
