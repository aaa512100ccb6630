import { describe, expect, it } from 'vitest';
import { QUESTIONS, SCENARIOS, scenarioById } from './index';

describe('the scenario library', () => {
  it('has the scenarios the issue names, each id once', () => {
    const ids = SCENARIOS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [
      'read-only-then-write', 'write-granted', 'incremental-authorization', 'scope-is-not-permission', 'ownership-and-sharing',
      'introspection-back-channel', 'revocation-local-vs-introspection', 'expiry-and-refresh', 'refresh-token-reuse', 'forged-token',
      'alg-none-and-confusion', 'wrong-audience', 'code-replay', 'csrf-foreign-state', 'unregistered-redirect-uri', 'user-denies',
      'machine-to-machine', 'key-rotation', 'pkce-wrong-verifier', 'your-own-scope',
    ])
      expect(scenarioById(id), id).toBeDefined();
  });

  it('every step says what to do, what a teacher says, and what the timeline must show', () => {
    for (const s of SCENARIOS)
      for (const step of s.steps) {
        expect(step.does.length, `${s.id}: ${step.does}`).toBeGreaterThan(5);
        expect(step.narration.length, `${s.id}: ${step.does}`).toBeGreaterThan(40);
        expect(step.expect.filter((x) => !x.absent).length, `${s.id}: ${step.does}`).toBeGreaterThan(0);
      }
  });

  it('each of the three questions has a “Show me” scenario that answers it', () => {
    for (const q of QUESTIONS) expect(scenarioById(q.showMe)?.question, q.id).toBe(q.id);
  });
});
