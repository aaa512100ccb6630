import { describe, expect, it } from 'vitest';
import { agentClientIdUrl, parsePending, serializePending, type PendingAuthorization } from './identity';

const origin = 'http://localhost:3000';
const pending: PendingAuthorization = {
  state: 's',
  verifier: 'v',
  scope: 'notes:read',
  task: 'list-then-write',
  clientId: agentClientIdUrl(origin),
  identification: 'document',
  issuer: `${origin}/as`,
  resource: `${origin}/rs`,
};

describe('Notes Agent’s pending authorization request (its cookie)', () => {
  it('reads back what it wrote', () => {
    expect(parsePending(serializePending(pending), origin)).toEqual(pending);
  });

  it('is nothing when altered: an issuer elsewhere (the callback would fetch it), another document client_id, an unknown task, not JSON', () => {
    expect(parsePending(serializePending({ ...pending, issuer: 'http://169.254.169.254/as' }), origin)).toBeUndefined();
    expect(parsePending(serializePending({ ...pending, resource: 'https://elsewhere.example/rs' }), origin)).toBeUndefined();
    expect(parsePending(serializePending({ ...pending, clientId: 'http://127.0.0.1:1/evil.json' }), origin)).toBeUndefined();
    expect(parsePending(Buffer.from(JSON.stringify({ ...pending, task: 'delete-everything' })).toString('base64url'), origin)).toBeUndefined();
    expect(parsePending('not-base64-json', origin)).toBeUndefined();
    expect(parsePending(undefined, origin)).toBeUndefined();
  });
});
