import { describe, expect, it, vi } from 'vitest';
import { agentFailureText } from './http';

describe("Notes Agent's page shows what failed, never internals", () => {
  it("shows the agent's own account of a protocol step and oauth4webapi's", () => {
    expect(agentFailureText(new Error('discovery failed: the protected resource metadata names no authorization_servers'))).toBe(
      'discovery failed: the protected resource metadata names no authorization_servers',
    );
    const fromLibrary = Object.assign(new Error('"response" is not a conform Authorization Server Metadata response'), { name: 'OperationProcessingError' });
    expect(agentFailureText(fromLibrary)).toBe('"response" is not a conform Authorization Server Metadata response');
  });

  it('replaces an unexpected error (a TypeError, a thrown string) by a plain sentence and logs it', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      for (const e of [new TypeError("Cannot read properties of undefined (reading 'at /srv/app/lib/x.ts:3')"), 'boom']) {
        expect(agentFailureText(e)).toBe('Notes Agent met an unexpected condition (the details are in the server log)');
      }
      expect(log).toHaveBeenCalledTimes(2);
    } finally {
      log.mockRestore();
    }
  });
});
