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
  | { do: 'attack'; attack: AttackId }
  /**
   * The `cli` client (a native app, RFC 8252 §7.3) sends the browser to the
   * authorization server with code + PKCE and a loopback redirect; the person
   * signs in as `user` and consents to `grant`; the code reaches the loopback
   * and is not exchanged yet.
   */
  | { do: 'cli-authorize'; user: DemoUser; grant: readonly string[] }
  /** The `cli` client exchanges its code at the token endpoint with its own code_verifier. */
  | { do: 'cli-token' }
  /**
   * "Scopes and rules" (/timeline/scopes): define a scope with its meaning,
   * set the scopes an action of the Notes API needs, add the office-hours
   * rule; then Save (PUT /api/runs/current/policy).
   */
  | { do: 'policy'; define?: { scope: string; meaning: string }; needs?: { action: PolicyAction; scopes: readonly string[] }; officeHours?: true }
  /** Notes Assistant: press Delete on a note. */
  | { do: 'delete-note'; note: string }
  /** Notes Assistant: sign out, then on its start page choose the access, type `scope` in “Also ask for” and press Sign in. */
  | { do: 'ask-for-scope'; access: 'read' | 'write'; scope: string }
  /** Run controls: set the run's clock to the next `utc` time of day ("22:00"). */
  | { do: 'set-clock'; utc: string }
  /** Notes Agent's page: press "Start Notes Agent" (it discovers the server from the Notes API's 401). */
  | { do: 'start-agent' }
  /** Authorization server, for Notes Agent: consent to exactly these scopes; the agent then asks again (step-up) or is done. */
  | { do: 'agent-consent'; grant: readonly string[]; then: 'asks-again' | 'done' };

/** The Notes API's actions, as the policy names them (lib/resource-server/policy-document.ts). */
type PolicyAction = 'list' | 'read' | 'create' | 'update' | 'delete';

/** What the timeline must show after a step: an event of this type, and optionally its outcome, parties, HTTP status, error code. */
export interface Expectation {
  type: EventType;
  outcome?: Outcome;
  from?: Party;
  to?: Party;
  status?: number;
  /** An OAuth error code (`insufficient_scope`, `invalid_grant`, ...) in the response, a challenge or the event's data. */
  error?: string;
  /** Text the event must show (its summary, data, checks or response), such as a scope's meaning or a rule's id; with a list, each of them. */
  shows?: string | readonly string[];
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
  settings?: Partial<Pick<RunSettings, 'verificationMode' | 'accessTokenFormat' | 'accessTokenAlg' | 'accessTokenTtl' | 'refreshTokenTtl'>>;
  steps: readonly Step[];
}
