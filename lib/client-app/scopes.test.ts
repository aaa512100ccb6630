import { describe, expect, it } from 'vitest';
import { ACCESS_CHOICES, hasScope, scopeWithAdded, scopeWithExtra } from './scopes';

describe('RFC 6749 §3.3 the scopes Notes Assistant asks for', () => {
  it('read only and read and write both ask for openid profile offline_access', () => {
    expect(ACCESS_CHOICES.read.scope).toBe('openid profile offline_access notes:read');
    expect(ACCESS_CHOICES['read-write'].scope).toBe('openid profile offline_access notes:read notes:write');
  });

  it('checks the granted scope, not the asked one, token by token', () => {
    expect(hasScope('openid notes:read', 'notes:write')).toBe(false);
    expect(hasScope('openid notes:read notes:write', 'notes:write')).toBe(true);
    expect(hasScope('notes:writer', 'notes:write')).toBe(false);
  });

  it('incremental authorization asks for what was granted plus the missing scope, once each', () => {
    expect(scopeWithAdded('openid profile offline_access notes:read', 'notes:write')).toBe(
      'openid profile offline_access notes:read notes:write',
    );
    expect(scopeWithAdded('notes:read notes:write', 'notes:write')).toBe('openid profile offline_access notes:read notes:write');
  });
});

describe('scopeWithExtra: the sign-in page’s extra scopes field', () => {
  it('appends the typed scopes, space-delimited, without repeats', () => {
    expect(scopeWithExtra('openid profile notes:write', '  notes:purge   notes:write ')).toBe('openid profile notes:write notes:purge');
    expect(scopeWithExtra('openid', '')).toBe('openid');
  });
});
