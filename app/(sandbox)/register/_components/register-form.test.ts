import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RegisterForm } from './register-form';

describe('the registration form (RFC 7591 §2 token_endpoint_auth_method)', () => {
  it('names each method in words short enough for its select: at 1280px the select is 472px wide, about 45 monospace characters', () => {
    const html = renderToStaticMarkup(createElement(RegisterForm, { origin: 'http://localhost:3000', scopes: ['openid', 'notes:read'] }));
    const select = /<select name="token_endpoint_auth_method"[^>]*>(.*?)<\/select>/.exec(html)![1]!;
    const options = [...select.matchAll(/<option value="([^"]+)"[^>]*>(.*?)<\/option>/g)].map((m) => [m[1]!, m[2]!] as const);
    expect(options.map(([v]) => v)).toEqual(['client_secret_basic', 'client_secret_post', 'none']);
    for (const [value, text] of options) {
      expect(text.startsWith(value)).toBe(true);
      expect(text.length).toBeLessThanOrEqual(40);
    }
  });
});
