/**
 * What playing a scenario's step 1 does to the visitor's run first: the
 * reset (POST /api/runs/current/reset?scenario=ID, lib/runs/run-reset.ts)
 * deletes everything the run holds. Said on the guided page and the
 * presenter's title card before anyone presses Play, Step, Start over, → or R,
 * in the words of the controls each page has.
 */
const deletes =
  'first delete its timeline, notes, tokens and consents, scopes and rules, and registered clients. To keep them, export the run first (Timeline › Run controls › Export run).';

export const STARTS_AFRESH = `Step 1 starts your run over: Play or Step from the start, and Start over, ${deletes}`;

export const STARTS_AFRESH_PRESENTER = `Step 1 starts your run over: → on this card, and R, ${deletes}`;
