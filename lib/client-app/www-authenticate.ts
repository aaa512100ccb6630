/**
 * Reading a resource server's `WWW-Authenticate` challenge, as a client must
 * to learn why it was refused and which scope the resource needs.
 *
 * @see RFC 6750 §3 (the Bearer challenge and its `error`, `error_description`, `scope` attributes)
 * @see RFC 9110 §11.6.1 (challenge syntax: auth-param = token BWS "=" BWS ( token / quoted-string ))
 *
 * Does not check that the attribute values are well formed; unknown
 * attributes are kept as they are. Records nothing.
 */
interface Challenge {
  /** Lowercased, as schemes are case-insensitive (RFC 9110 §11.1). */
  scheme: string;
  /** Attribute names lowercased; values unquoted. */
  params: Record<string, string>;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+/;

/** Parses every challenge in a `WWW-Authenticate` value (there may be several, comma-separated). */
export function parseWwwAuthenticate(header: string | null | undefined): Challenge[] {
  if (!header) return [];
  const challenges: Challenge[] = [];
  let rest = header.trim();
  let current: Challenge | undefined;
  while (rest.length > 0) {
    rest = rest.replace(/^[\s,]+/, '');
    const name = TOKEN.exec(rest)?.[0];
    if (!name) break;
    rest = rest.slice(name.length);
    const afterSpaces = rest.replace(/^\s*/, '');
    if (current && afterSpaces.startsWith('=')) {
      // An auth-param of the current challenge.
      rest = afterSpaces.slice(1).replace(/^\s*/, '');
      let value: string;
      if (rest.startsWith('"')) {
        let i = 1;
        value = '';
        while (i < rest.length && rest[i] !== '"') {
          if (rest[i] === '\\' && i + 1 < rest.length) i++;
          value += rest[i];
          i++;
        }
        rest = rest.slice(i + 1);
      } else {
        value = TOKEN.exec(rest)?.[0] ?? '';
        rest = rest.slice(value.length);
      }
      current.params[name.toLowerCase()] = value;
    } else {
      // A new challenge: its scheme name (a token68 after it is not used by Bearer and is skipped).
      current = { scheme: name.toLowerCase(), params: {} };
      challenges.push(current);
      rest = afterSpaces;
    }
  }
  return challenges;
}

/** The Bearer challenge of a response, if it has one. */
export function bearerChallenge(header: string | null | undefined): Record<string, string> | undefined {
  return parseWwwAuthenticate(header).find((c) => c.scheme === 'bearer')?.params;
}
