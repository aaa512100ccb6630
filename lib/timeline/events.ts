/**
 * Timeline event types. Event types are `noun.verb` in the past tense, after
 * the spec's nouns. The timeline is an observer: protocol code records events
 * and never reads them back.
 */

/**
 * The lanes of the timeline. The first four are the protocol's parties;
 * `sandbox` is what a learner does with the sandbox's own controls (revoke by
 * hand, rotate a key, jump the clock, reset) and `attacker` is what the attack
 * panel sends: neither is ever put in a party's mouth.
 */
export type Party = 'sandbox' | 'browser' | 'client' | 'auth-server' | 'resource-server' | 'attacker';
export type Outcome = 'ok' | 'denied' | 'error' | 'info';

/** Lane order, left to right. */
export const PARTIES: readonly Party[] = ['sandbox', 'browser', 'client', 'auth-server', 'resource-server', 'attacker'];

/** The four protocol parties: always drawn, even before they have an event. */
export const PROTOCOL_PARTIES: readonly Party[] = ['browser', 'client', 'auth-server', 'resource-server'];

export type EventType =
  | 'authorization_request.received'
  | 'authorization_request.rejected'
  | 'user.signed_in'
  | 'user.signed_out'
  | 'consent.shown'
  | 'consent.granted'
  | 'consent.reused'
  | 'consent.denied'
  | 'authorization_code.issued'
  | 'authorization_code.replayed'
  | 'client_authentication.succeeded'
  | 'token_request.rejected'
  | 'token.issued'
  | 'token.refreshed'
  | 'token.revoked'
  | 'refresh_token.replayed'
  | 'introspection.answered'
  | 'userinfo.answered'
  | 'signing_key.rotated'
  | 'resource_request.received'
  | 'access_token.verified'
  | 'access_token.rejected'
  | 'policy.allowed'
  | 'policy.denied'
  | 'resource.answered'
  | 'client.sign_in_started'
  | 'client.callback_received'
  | 'client.tokens_received'
  | 'client.resource_called'
  | 'client.token_refreshed'
  | 'client.token_revoked'
  | 'client.signed_out'
  | 'run.settings_changed'
  | 'run.reset'
  | 'run_header.mismatched'
  | 'run.policy_changed'
  | 'client.registered'
  | 'client_registration.rejected'

  | 'scenario.step_played'
  | 'attack.sent'
  | 'run.failures_changed'
  | 'failure.injected'
  | 'client_id_document.fetched'
  | 'agent.discovered'
  | 'agent.scope_stepped_up';

/** One HTTP message as it crossed the wire. Demo secrets are kept, and named in `secrets`. */
export interface HttpMessage {
  method?: string;
  url?: string;
  status?: number;
  headers: Record<string, string>;
  body?: string;
  /** Names of headers or body fields that carry secrets (demo values, marked not hidden). */
  secrets?: string[];
}

export interface Check {
  name: string;
  passed: boolean;
  reason: string;
}

export type TokenKind = 'access_token' | 'refresh_token' | 'id_token' | 'authorization_code';

export interface TokenView {
  kind: TokenKind;
  raw: string;
  /** For JWTs: the decoded protected header and payload. */
  header?: Record<string, unknown>;
  payload?: Record<string, unknown>;
}

export interface EventDetail {
  http?: { request?: HttpMessage; response?: HttpMessage };
  tokens?: TokenView[];
  checks?: Check[];
  consent?: { requested: string[]; granted: string[] };
  data?: Record<string, unknown>;
  /** Only the request's X-Sandbox-Run header put this event on the run: it came from outside the owner's browser (no run key). */
  outside?: boolean;
  /** A failure on demand answered (or delayed) this request: not a real fault (lib/timeline/failure-plan.ts). */
  injected?: { endpoint: string; kind: string };
  /**
   * When what this event records happened, epoch milliseconds with a
   * fraction (set by lib/timeline/request-recorder.ts): for the first event of an HTTP
   * exchange, when its request arrived; for the others, when the party
   * recorded them. An exchange's events are stored when its handler ends, so
   * a back-channel call made inside another request (introspection, a JWKS
   * fetch, the client's token request) is stored first: ordering by causalAt
   * (lib/timeline/filter.ts byCausalOrder) puts it back where it happened.
   */
  causalAt?: number;
}

export interface EventInput extends EventDetail {
  from: Party;
  to: Party;
  type: EventType;
  summary: string;
  outcome: Outcome;
}

export interface TimelineEvent extends EventInput {
  runId: string;
  seq: number;
  /** Wall-clock time of recording, epoch milliseconds. */
  at: number;
  /** Events recorded while handling one HTTP request share an exchange id. */
  exchange?: string;
}
