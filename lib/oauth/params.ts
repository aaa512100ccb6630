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

  /** Every value of `name`, in request order: for `resource`, which RFC 8707 §2 lets repeat. */
  all(name: string): string[] {
    return [...(this.values.get(name) ?? [])];
  }

  /**
   * RFC 6749 §3.1/§3.2: "Request and response parameters MUST NOT be
   * included more than once." Throws invalid_request naming the first
   * parameter sent twice, whether or not the endpoint reads it; `repeatable`
   * lists the exceptions (RFC 8707 §2: `resource`).
   */
  // Stryker disable next-line ArrayDeclaration: equivalent, a default holding one made-up name changes nothing for real parameter names
  rejectRepeats(repeatable: readonly string[] = [], errorOptions?: OAuthErrorOptions): void {
    for (const [name, list] of this.values) {
      if (list.length > 1 && !repeatable.includes(name)) throw invalidRequest(`${name} must not be included more than once`, errorOptions);
    }
  }

  /** Only the named parameters: what a step does not take, it cannot half-read. */
  only(names: readonly string[]): Params {
    const search = new URLSearchParams();
    for (const name of names) for (const v of this.values.get(name) ?? []) search.append(name, v);
    return new Params(search);
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
