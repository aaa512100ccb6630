import { requestKey } from './diagram';
import type { TimelineEvent } from './events';

/**
 * The events recorded while a party handled one HTTP request share an
 * exchange id. Most are steps of that one request (the resource server's
 * checks of a call); but a party that makes its own calls while handling it
 * (Notes Agent fetching the protected resource metadata, RFC 9728 §3, then
 * the authorization server metadata, RFC 8414 §3) records each call with its
 * own request line. Those are steps of one flow, not of one HTTP request.
 */
export function exchangeRequestLines(exchange: readonly Pick<TimelineEvent, 'http'>[]): string[] {
  return [...new Set(exchange.map(requestKey).filter((k): k is string => k !== undefined))];
}

/** One HTTP request (at most one request line among the records), or several. */
export function isOneRequest(exchange: readonly Pick<TimelineEvent, 'http'>[]): boolean {
  return exchangeRequestLines(exchange).length <= 1;
}
