/**
 * What the notes page says after an action, in plain words: the pure mapping
 * from what happened to a headline, an explanation and what the user can do
 * next. Records nothing.
 */
import type { ResourceOutcome } from './resource-outcome';
import type { NoteAction } from './scopes';

export interface ActionResult {
  action: NoteAction;
  /** The note's title or id, for the message. */
  target?: string;
  outcome: ResourceOutcome;
  /** The Notes API refused the access token (401 invalid_token); the app refreshed it and retried once. */
  refreshed?: boolean;
  /** Why the Notes API refused the first token: its `error_description` (RFC 6750 §3), never a guess. */
  refusedBecause?: string;
  /** The refresh gave a new refresh token, replacing the old one (rotation). */
  rotated?: boolean;
  /** The refresh failed too: the session cannot go on without a new sign-in. */
  refreshFailed?: string;
}

type Offer = 'ask-for-scope' | 'sign-in-again' | 'none';

export interface Explanation {
  tone: 'ok' | 'denied' | 'error';
  headline: string;
  text: string;
  offer: Offer;
  /** For ask-for-scope: the scope to add. */
  scope?: string;
}

const DONE: Record<NoteAction, string> = {
  list: 'Your notes were read',
  read: 'The note was read',
  create: 'The note was created',
  edit: 'The note was saved',
  delete: 'The note was deleted',
};

const VERB: Record<NoteAction, string> = {
  list: 'read your notes',
  read: 'read the note',
  create: 'create a note',
  edit: 'edit the note',
  delete: 'delete the note',
};

export function explain(r: ActionResult): Explanation {
  const o = r.outcome;
  const what = r.target ? `${VERB[r.action]} “${r.target}”` : VERB[r.action];
  switch (o.kind) {
    case 'ok':
      return {
        tone: 'ok',
        headline: `${DONE[r.action]}.`,
        text: r.refreshed
          ? `The Notes API refused the access token (401 invalid_token${r.refusedBecause ? `: “${r.refusedBecause}”` : ''}): Notes Assistant used its refresh token to get a new one${r.rotated ? ' (and a new refresh token: the old one was rotated out)' : ''} and retried once.`
          : `The Notes API answered ${o.status}.`,
        offer: 'none',
      };
    case 'insufficient_scope':
      return {
        tone: 'denied',
        headline: `Notes Assistant is not allowed to ${what}: the access token lacks the scope ${o.missingScope}.`,
        text: `The Notes API answered 403 insufficient_scope and named the scope it needs, ${o.missingScope}. You did not grant it when you signed in. You can allow it now: Notes Assistant will ask the authorization server again, for this scope as well.`,
        offer: 'ask-for-scope',
        scope: o.missingScope,
      };
    case 'policy':
      return {
        tone: 'denied',
        headline: `The Notes API refused to ${what}, and more scope would not help.`,
        text: [
          'The token has the scope, but the Notes API’s own policy does not let you do this: scopes are what you delegated to Notes Assistant, not rights you have.',
          o.rule ? `Rule: ${o.rule}.` : '',
          o.title && !o.rule ? `${o.title}.` : '',
          o.detail ?? '',
        ]
          .filter(Boolean)
          .join(' '),
        offer: 'none',
      };
    case 'invalid_token':
      return {
        tone: 'error',
        headline: 'Your session with the Notes API has ended: please sign in again.',
        text: r.refreshFailed
          ? `The access token was refused (${o.description ?? 'invalid_token'}) and the refresh failed (${r.refreshFailed}).`
          : `The access token was refused (${o.description ?? 'invalid_token'}) and there is no refresh token to get a new one.`,
        offer: 'sign-in-again',
      };
    case 'not_found':
      return { tone: 'error', headline: 'That note does not exist (any more).', text: o.detail ?? 'The Notes API answered 404.', offer: 'none' };
    case 'unreachable':
      return {
        tone: 'error',
        headline: 'The Notes API could not be reached.',
        text: `Notes Assistant got no answer: ${o.detail}. Nothing was changed; try again in a moment.`,
        offer: 'none',
      };
    case 'error':
      return { tone: 'error', headline: `The Notes API could not ${what}.`, text: `It answered ${o.status}: ${o.detail}.`, offer: 'none' };
  }
}
