import type { Outcome, Party } from '@/lib/timeline/events';

/** Colours by outcome, readable on light and dark backgrounds. */
export const OUTCOME_STYLE: Record<Outcome, { line: string; text: string; badge: string; head: string }> = {
  ok: { line: 'bg-ok dark:bg-green-400', text: 'text-ok dark:text-green-300', badge: 'bg-ok text-white dark:bg-green-400 dark:text-slate-950', head: 'border-l-ok dark:border-l-green-400' },
  denied: { line: 'bg-denied dark:bg-red-400', text: 'text-denied dark:text-red-300', badge: 'bg-denied text-white dark:bg-red-400 dark:text-slate-950', head: 'border-l-denied dark:border-l-red-400' },
  error: { line: 'bg-error dark:bg-pink-400', text: 'text-error dark:text-pink-300', badge: 'bg-error text-white dark:bg-pink-400 dark:text-slate-950', head: 'border-l-error dark:border-l-pink-400' },
  info: { line: 'bg-info dark:bg-slate-400', text: 'text-info dark:text-slate-300', badge: 'bg-info text-white dark:bg-slate-400 dark:text-slate-950', head: 'border-l-info dark:border-l-slate-400' },
};

export const PARTY_TEXT: Record<Party, string> = {
  sandbox: 'text-sandbox dark:text-slate-300',
  attacker: 'text-denied dark:text-red-300',
  browser: 'text-browser dark:text-blue-300',
  client: 'text-client dark:text-teal-300',
  'auth-server': 'text-auth-server dark:text-violet-300',
  'resource-server': 'text-resource-server dark:text-amber-300',
};

export const PARTY_LANE: Record<Party, string> = {
  sandbox: 'bg-sandbox/40 dark:bg-slate-300/40',
  attacker: 'bg-denied/40 dark:bg-red-300/40',
  browser: 'bg-browser/40 dark:bg-blue-300/40',
  client: 'bg-client/40 dark:bg-teal-300/40',
  'auth-server': 'bg-auth-server/40 dark:bg-violet-300/40',
  'resource-server': 'bg-resource-server/40 dark:bg-amber-300/40',
};
