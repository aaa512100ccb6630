/**
 * Header, form field and JSON member names whose values are secrets: on the
 * timeline they are marked (demo values: marked, not hidden). One list for
 * every place that records an HTTP message.
 */
export const SECRET_NAMES: readonly string[] = [
  'authorization',
  'cookie',
  'set-cookie',
  'x-sandbox-run-key',
  'client_secret',
  'code_verifier',
  'code',
  'refresh_token',
  'access_token',
  'id_token',
  'token',
  'csrf_token',
];

export function isSecretName(name: string): boolean {
  return SECRET_NAMES.includes(name);
}

/** The secret names among a message's headers (lower case) and, for a form body, its fields; each once. */
export function secretNamesIn(headers: Record<string, string>, formBody?: string): string[] {
  const names = Object.keys(headers).filter(isSecretName);
  if (formBody) {
    for (const k of new URLSearchParams(formBody).keys()) if (isSecretName(k) && !names.includes(k)) names.push(k);
  }
  return names;
}
