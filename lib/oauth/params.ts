import { invalidRequest, type OAuthErrorOptions } from './errors';

/**
 * Request parameters as RFC 6749 §3.1/§3.2 reads them: a parameter sent
 * without a value is treated as omitted, and one sent more than once is an
 * error (`invalid_request`).
 */
export class Params {
  private readonly values = new Map<string, string[]>();

  constructor(search: URLSearchParams) {
    for (const [k, v] of search) {
      if (v === '') continue; // §3.1: "sent without a value MUST be treated as if they were omitted"
      const list = this.values.get(k);
      if (list) list.push(v);
      else this.values.set(k, [v]);
    }
  }

  static fromUrl(url: string | URL): Params {
    return new Params(new URL(url).searchParams);
  }

  static fromForm(body: string): Params {
    return new Params(new URLSearchParams(body));
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  /** Whether the parameter was sent more than once. */
  repeated(name: string): boolean {
    return (this.values.get(name)?.length ?? 0) > 1;
  }

  /** The single value of `name`, or undefined; throws invalid_request if it was sent twice (§3.1). */
  get(name: string, errorOptions?: OAuthErrorOptions): string | undefined {
    const list = this.values.get(name);
    if (!list) return undefined;
    if (list.length > 1) throw invalidRequest(`${name} must not be included more than once`, errorOptions);
    return list[0];
  }

  /** Like get(), but a missing value is invalid_request too. */
  require(name: string, errorOptions?: OAuthErrorOptions): string {
    const v = this.get(name, errorOptions);
    if (v === undefined) throw invalidRequest(`${name} is required`, errorOptions);
    return v;
  }

  names(): string[] {
    return [...this.values.keys()];
  }

  toObject(): Record<string, string | string[]> {
    const o: Record<string, string | string[]> = {};
    for (const [k, v] of this.values) o[k] = v.length === 1 ? v[0]! : v;
    return o;
  }
}

/** RFC 6749 §3.2 / oauth4webapi: the token endpoint takes form bodies, with or without a charset. */
export function isFormContentType(contentType: string | null): boolean {
  if (!contentType) return false;
  return contentType.split(';')[0]!.trim().toLowerCase() === 'application/x-www-form-urlencoded';
}
