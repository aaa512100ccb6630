/**
 * The one list of credential names, for both places that deal with secrets
 * in a recorded HTTP message: the timeline marks them (demo values: marked,
 * not hidden), and a run's export replaces them (export-redaction.ts), so
 * whatever the timeline marks as a credential, an export never carries.
 */

/**
 * Form field, query parameter and JSON member names whose values are
 * credentials: the client's secret (RFC 6749 §2.3.1, RFC 7591 §3.2.1), the
 * code (RFC 6749 §4.1.2, §4.1.3), the PKCE verifier (RFC 7636 §4.5), tokens
 * (RFC 6749 §5.1, §6; OpenID Connect Core §3.1.3.3; RFC 7009 §2.1; RFC 7662
 * §2.1), the consent form's CSRF token, and next-auth's session token and
 * the client session id it holds.
 */
const CREDENTIAL_FIELDS: readonly string[] = [
  'client_secret',
  'code',
  'code_verifier',
  'access_token',
  'refresh_token',
  'id_token',
  'token',
  'csrf_token',
  'session_token',
  'sid',
];

/** Header names (lower case) whose values are or carry credentials. The export reads each by its syntax (export-redaction.ts). */
const CREDENTIAL_HEADERS: readonly string[] = ['authorization', 'cookie', 'set-cookie', 'x-sandbox-run-key'];

/** Whether a form field, query parameter or JSON member of this name holds a credential. */
export function isCredentialField(name: string): boolean {
  return CREDENTIAL_FIELDS.includes(name);
}

/** Whether a header (lower case) or field of this name is a secret to mark on the timeline. */
export function isSecretName(name: string): boolean {
  return CREDENTIAL_HEADERS.includes(name) || isCredentialField(name);
}

/** The secret names among a message's headers (lower case) and, for a form body, its fields; each once. */
export function secretNamesIn(headers: Record<string, string>, formBody?: string): string[] {
  const names = Object.keys(headers).filter(isSecretName);
  if (formBody) {
    for (const k of new URLSearchParams(formBody).keys()) if (isSecretName(k) && !names.includes(k)) names.push(k);
  }
  return names;
}
