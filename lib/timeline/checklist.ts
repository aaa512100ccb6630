import type { Check, EventDetail } from './events';

interface ChecklistItem extends Check {
  /** 1-based position: checks run in this order. */
  step: number;
}

export interface Checklist {
  items: ChecklistItem[];
  passed: number;
  /** The first check that failed: where the decision was made. */
  firstFailure?: ChecklistItem;
  /** "4 of 5 checks passed; failed: scope includes notes:write". */
  summary: string;
}

/** The ordered checks of a verification or policy step, with the first failure named. */
export function checklistView(checks: readonly Check[]): Checklist {
  const items = checks.map((c, i) => ({ ...c, step: i + 1 }));
  const passed = items.filter((c) => c.passed).length;
  const firstFailure = items.find((c) => !c.passed);
  const summary =
    items.length === 0
      ? 'No checks recorded'
      : `${passed} of ${items.length} checks passed` + (firstFailure ? `; failed: ${firstFailure.name}` : '');
  return { items, passed, ...(firstFailure ? { firstFailure } : {}), summary };
}

/**
 * The events that show a consent before the user answers it: the client asking
 * (`client.sign_in_started`) and the page asking (`consent.shown`). Their empty
 * `granted` means "not decided yet", not "refused".
 */
const UNDECIDED_CONSENT: ReadonlySet<string> = new Set(['client.sign_in_started', 'consent.shown']);

/** Whether the event records a consent the user has answered (granted, reused or denied). */
export function consentDecided(type: string): boolean {
  return !UNDECIDED_CONSENT.has(type);
}

export interface ConsentRow {
  scope: string;
  asked: boolean;
  granted: boolean;
}

/**
 * Scopes asked for beside scopes granted, one row per scope (asked ones in
 * the order asked, then any granted that were not asked), so read-only
 * versus write is plain to see. RFC 6749 §3.3: the granted scope may differ
 * from the requested one.
 */
export function consentComparison(consent: NonNullable<EventDetail['consent']>): ConsentRow[] {
  const granted = new Set(consent.granted);
  const asked = new Set(consent.requested);
  const rows: ConsentRow[] = consent.requested.map((scope) => ({ scope, asked: true, granted: granted.has(scope) }));
  for (const scope of consent.granted) if (!asked.has(scope)) rows.push({ scope, asked: false, granted: true });
  return rows;
}
