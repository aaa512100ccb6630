import type { EventType, Outcome, Party } from '@/lib/timeline/events';
import type { RunSettings } from '@/lib/runs/settings';

/**
 * A scenario is data: one definition serves the guided page, the played
 * mode, the presenter mode and the Playwright replay. Adding one adds all four.
 */

/** Which of the sandbox's three questions a scenario answers, or an attack the protocol defeats. */
export type Question = 'valid-token' | 'scope' | 'permissions' | 'attack';

export type DemoUser = 'alice' | 'bob' | 'carol';

/** The attacks the attack panel can send (lib/scenarios/attacks.ts builds each request). */
export type AttackId =
  | 'forged-token'
  | 'alg-none'
  | 'alg-confusion'
  | 'wrong-audience'
  | 'code-replay'
  | 'pkce-wrong-verifier'
  | 'csrf-foreign-state'
  | 'unregistered-redirect-uri'
  | 'refresh-token-reuse';

/**
 * What the person does, as a typed action. Each is something a person can do
 * in the real pages (or, for `attack`, from the attack panel; for
 * `client-credentials` and `service-call`, with curl as an outside client).
 */
export type Action =
  /** Notes Assistant: choose what to ask for and press Sign in (prompt=login asks the AS to sign in again). */
  | { do: 'sign-in'; access: 'read' | 'write'; prompt?: 'login' }
  /** Authorization server: press "Sign in as {user}". */
  | { do: 'sign-in-as'; user: DemoUser }
  /** Authorization server: leave exactly these scopes checked and press Allow. */
  | { do: 'consent'; grant: readonly string[] }
  /** Authorization server: press Deny. */
  | { do: 'deny' }
  /** Notes Assistant: open the notes page (it reads the notes from the Notes API). */
  | { do: 'open-notes' }
  | { do: 'create-note'; title: string }
  | { do: 'edit-note'; note: string; body: string }
  /** Notes Assistant: press "Ask for write access" (incremental authorization, prompt=consent). */
  | { do: 'ask-for-write' }
  | { do: 'sign-out' }
  /** Timeline run controls: change the run's settings. */
  | { do: 'settings'; set: Partial<Pick<RunSettings, 'verificationMode' | 'accessTokenFormat' | 'accessTokenAlg'>> }
  /** Timeline run controls: "Jump 1 h ahead" moves the run's clock an hour ahead. */
  | { do: 'jump-clock' }
  | { do: 'rotate-key' }
  /** Timeline: revoke the client's newest access token by hand. */
  | { do: 'revoke-access-token' }
  /** An outside client (curl) as `reporting-service`: client credentials grant. */
  | { do: 'client-credentials'; scope: string }
  /** An outside client (curl) calls the Notes API with the token it just got. */
  | { do: 'service-call'; method: 'GET'; path: string }
  /** The attack panel at /attacks: send this attack. */
  | { do: 'attack'; attack: AttackId };

/** What the timeline must show after a step: an event of this type, and optionally its outcome, parties, HTTP status, error code. */
export interface Expectation {
  type: EventType;
  outcome?: Outcome;
  from?: Party;
  to?: Party;
  status?: number;
  /** An OAuth error code (`insufficient_scope`, `invalid_grant`, ...) in the response, a challenge or the event's data. */
  error?: string;
  /** True: the step must NOT produce such an event. */
  absent?: boolean;
}

export interface Step {
  /** What the person does, in words ("Sign in as alice"). */
  does: string;
  action: Action;
  /** Two or three sentences a teacher would say. */
  narration: string;
  /** The section that says so: "RFC 6750 §3.1". */
  cite?: string;
  expect: readonly Expectation[];
}

export interface Scenario {
  id: string;
  title: string;
  question: Question;
  /** One line: what it shows. */
  summary: string;
  /** The run settings it needs, applied after the reset that starts it. */
  settings?: Partial<Pick<RunSettings, 'verificationMode' | 'accessTokenFormat' | 'accessTokenAlg' | 'accessTokenTtl'>>;
  steps: readonly Step[];
}
