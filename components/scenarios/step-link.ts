import type { Action } from '@/lib/scenarios/types';

/** Where a person does a step by hand: the real page that has the button. */
export function stepPage(action: Action): { href: string; label: string } | undefined {
  switch (action.do) {
    case 'sign-in':
    case 'sign-out':
      return { href: '/client', label: 'Open Notes Assistant' };
    case 'open-notes':
    case 'create-note':
    case 'edit-note':
    case 'ask-for-write':
      return { href: '/client/notes', label: 'Open your notes in Notes Assistant' };
    case 'settings':
    case 'jump-clock':
    case 'rotate-key':
    case 'revoke-access-token':
      return { href: '/timeline', label: 'Open the run controls' };
    case 'attack':
      return { href: `/attacks?attack=${action.attack}`, label: 'Open the attack panel' };
    case 'sign-in-as':
    case 'consent':
    case 'deny':
    case 'client-credentials':
    case 'service-call':
      return undefined;
  }
}
