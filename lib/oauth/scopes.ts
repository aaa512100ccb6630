/**
 * Scope sets (RFC 6749 §3.3): space-delimited, case-sensitive strings, order
 * irrelevant. The sandbox's scopes are listed here because every party names
 * them: the authorization server grants them, the resource server requires
 * them, the client asks for them.
 */

export const SCOPES = ['openid', 'profile', 'offline_access', 'notes:read', 'notes:write'] as const;
export type Scope = (typeof SCOPES)[number];

/** What each scope means, in the words the consent page and the timeline use. */
export const SCOPE_MEANINGS: Record<Scope, string> = {
  openid: 'Confirm who you are (an ID token with your user id)',
  profile: 'See your name and role',
  offline_access: 'Stay connected when you are away (a refresh token)',
  'notes:read': 'Read your notes and the notes shared with you',
  'notes:write': 'Create, edit and delete notes on your behalf',
};

// RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

/** Whether `s` is one RFC 6749 §3.3 scope-token: printable ASCII without space, `"` or `\`. */
export function isScopeToken(s: string): boolean {
  return SCOPE_TOKEN.test(s);
}

/**
 * The scopes OpenID Connect Core §5.4 and §11 define. Their meaning is the
 * standard's, so a run may not redefine them; this sandbox supports the
 * first three (the others need claims it does not hold).
 */
export const STANDARD_SCOPES: Record<string, { meaning: string; supported: boolean }> = {
  openid: { meaning: SCOPE_MEANINGS.openid, supported: true },
  profile: { meaning: SCOPE_MEANINGS.profile, supported: true },
  offline_access: { meaning: SCOPE_MEANINGS.offline_access, supported: true },
  email: { meaning: 'See your email address', supported: false },
  address: { meaning: 'See your postal address', supported: false },
  phone: { meaning: 'See your phone number', supported: false },
};

export function isStandardScope(s: string): boolean {
  return Object.hasOwn(STANDARD_SCOPES, s);
}

/** The standard scopes this authorization server can grant, in a fixed order. */
export const SUPPORTED_STANDARD_SCOPES: readonly string[] = Object.keys(STANDARD_SCOPES).filter((s) => STANDARD_SCOPES[s]!.supported);

/** Splits a scope string into its unique tokens, or returns null if a token has forbidden characters. */
export function parseScope(scope: string | undefined): string[] | null {
  if (scope === undefined) return [];
  const parts = scope.split(' ').filter((p) => p !== '');
  if (!parts.every((p) => SCOPE_TOKEN.test(p))) return null;
  return [...new Set(parts)];
}

export function formatScope(scopes: Iterable<string>): string {
  return [...scopes].join(' ');
}

export function isKnownScope(s: string): s is Scope {
  return (SCOPES as readonly string[]).includes(s);
}

export function isSubset(subset: Iterable<string>, of: Iterable<string>): boolean {
  const set = new Set(of);
  for (const s of subset) if (!set.has(s)) return false;
  return true;
}

/** The scopes of `a` that are also in `b`, in the order of `a`. */
export function intersect(a: Iterable<string>, b: Iterable<string>): string[] {
  const set = new Set(b);
  return [...a].filter((s) => set.has(s));
}
