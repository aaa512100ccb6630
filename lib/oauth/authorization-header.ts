/**
 * Whether an `Authorization` value is really several credentials joined by
 * commas. RFC 9110 §11.6.2 allows one credentials per header, and
 * `Authorization` is not a list field; but a server that keeps repeated
 * headers (Node's `joinDuplicateHeaders`) hands them over joined as one
 * value, "a, b" (§5.3). Such a value is a request with two Authorization
 * headers: RFC 6750 §3.1 invalid_request ("more than one method").
 *
 * One credentials is `auth-scheme [ 1*SP ( token68 / #auth-param ) ]`; so
 * after a comma (outside a quoted string) only another `name=value`
 * auth-param may follow. Anything else after a comma (a second scheme, a
 * bare token, nothing) starts a second credentials.
 */
export function isCredentialsList(value: string): boolean {
  const elements = splitOutsideQuotes(value);
  return elements.slice(1).some((e) => !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+[ \t]*=/.test(e.trim()));
}

/** Splits at commas that are not inside a quoted-string (RFC 9110 §5.6.4, with \-escapes). */
function splitOutsideQuotes(value: string): string[] {
  const parts: string[] = [];
  // Stryker disable next-line StringLiteral: equivalent, the first element is never inspected (only those after a comma are)
  let current = '';
  let quoted = false;
  // Stryker disable next-line EqualityOperator: equivalent, `<=` appends "undefined" (token characters, no "=") to the last element, which changes no verdict
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (quoted && c === '\\') {
      // Stryker disable next-line ArithmeticOperator,LogicalOperator,StringLiteral: equivalent, they change the escaped characters inside an element, never where it starts or splits
      current += c + (value[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === ',' && !quoted) {
      parts.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  parts.push(current);
  return parts;
}
