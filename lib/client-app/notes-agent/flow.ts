import 'server-only';
import * as oauth from 'oauth4webapi';
import type { EventInput } from '@/lib/timeline/events';
import { tokenViews } from '../record';
import { classifyResourceAnswer, type ResourceOutcome } from '../resource-outcome';
import { agentFetch, discover, http, type AgentDeps, type Wire } from './discovery';
import { agentRefusal } from './refusal';
import { agentClientDocument, agentClientIdUrl, agentNotesUrl, agentRedirectUri, type AgentIdentification, type PendingAuthorization } from './identity';

const event = (wire: Wire | undefined, e: Omit<EventInput, 'http'>): EventInput => ({ ...e, ...(wire ? { http: { request: wire.request, ...(wire.response ? { response: wire.response } : {}) } } : {}) });

/**
 * Step 4: how the agent names itself. With a client ID metadata document its
 * client_id is the document's URL (the authorization server fetches it);
 * when the server does not announce `client_id_metadata_document_supported`,
 * or the page asks for it, the fallback is dynamic registration (RFC 7591
 * §3.1) at the announced `registration_endpoint`, with the same metadata.
 */
async function identify(as: oauth.AuthorizationServer, wanted: AgentIdentification, deps: AgentDeps): Promise<{ clientId: string; identification: AgentIdentification }> {
  const document = agentClientDocument(deps.origin);
  if (wanted === 'document' && as.client_id_metadata_document_supported === true) {
    deps.record([{ from: 'client', to: 'client', type: 'agent.discovered', summary: `Notes Agent names itself by its client ID metadata document: client_id ${document.client_id}`, outcome: 'ok', data: { step: 'client_id', document } }]);
    return { clientId: agentClientIdUrl(deps.origin), identification: 'document' };
  }
  const wires: Wire[] = [];
  const f = agentFetch({ ...deps }, wires);
  const { client_id: _, ...metadata } = document;
  const headers = deps.runKey ? { 'x-sandbox-run-key': deps.runKey } : undefined;
  try {
    const registered = await oauth.processDynamicClientRegistrationResponse(await oauth.dynamicClientRegistrationRequest(as, metadata, { ...http(f), ...(headers ? { headers } : {}) }));
    deps.record([event(wires[0], { from: 'client', to: 'auth-server', type: 'agent.discovered', summary: `Notes Agent registered itself (RFC 7591): client_id ${registered.client_id}`, outcome: 'ok', data: { step: 'registration', document: registered } })]);
    return { clientId: registered.client_id, identification: 'registration' };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    deps.record([event(wires[0], { from: 'client', to: 'auth-server', type: 'agent.discovered', summary: `Registration failed: ${why}`, outcome: 'error', data: { step: 'registration', reason: why } })]);
    throw new Error(`registration failed: ${why}`);
  }
}

/**
 * Step 5: the authorization request: code + PKCE (RFC 7636, S256), `state`,
 * and `resource` (RFC 8707 §2) naming the discovered resource. Returns the
 * URL the browser is sent to and what the callback needs back.
 */
async function authorizationRequest(d: { as: oauth.AuthorizationServer; resource: string }, clientId: string, identification: AgentIdentification, scope: string, task: PendingAuthorization['task'], deps: AgentDeps) {
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const url = new URL(d.as.authorization_endpoint!);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: agentRedirectUri(deps.origin),
    scope,
    state,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    resource: d.resource,
  }).toString();
  const pending: PendingAuthorization = { state, verifier, scope, task, clientId, identification, issuer: d.as.issuer, resource: d.resource };
  return { url, pending };
}

/** Steps 1 to 5 from nothing but the Notes API's URL: where the browser goes next, and what to keep. */
export async function startAgent(wanted: AgentIdentification, deps: AgentDeps) {
  const d = await discover(deps);
  const { clientId, identification } = await identify(d.as, wanted, deps);
  return authorizationRequest(d, clientId, identification, 'notes:read', 'list-then-write', deps);
}

/** Done (201), refused (any other answer: never shown as done), or on to the authorization server again (step-up). */
type AgentOutcome = { done: true; refused: boolean; summary: string } | { done: false; url: URL; pending: PendingAuthorization };

/**
 * Steps 6 and 7, at the callback: checks the authorization response (state,
 * `iss` per RFC 9207), redeems the code with the PKCE verifier and
 * `resource`, then does its task: list the notes, then write one. On 403
 * `insufficient_scope` it asks again for exactly the scope the challenge
 * names (RFC 6750 §3.1, step-up), which sends the browser back to the
 * authorization server; the second callback retries the write.
 */
export async function continueAgent(callback: URL, pending: PendingAuthorization, deps: AgentDeps): Promise<AgentOutcome> {
  // What the agent discovered before the redirect; the metadata is read again (not drawn again), checked as in step 3.
  const as = await oauth.processDiscoveryResponse(new URL(pending.issuer), await oauth.discoveryRequest(new URL(pending.issuer), { ...http(agentFetch(deps, [])), algorithm: 'oauth2' }));
  const d = { as, resource: pending.resource };
  const client: oauth.Client = { client_id: pending.clientId, token_endpoint_auth_method: 'none' };
  const wires: Wire[] = [];
  const f = agentFetch(deps, wires);
  const params = oauth.validateAuthResponse(d.as, client, callback, pending.state);
  const tokenResponse = await oauth.authorizationCodeGrantRequest(d.as, client, oauth.None(), params, agentRedirectUri(deps.origin), pending.verifier, { ...http(f), additionalParameters: { resource: d.resource } });
  const tokens = await oauth.processAuthorizationCodeResponse(d.as, client, tokenResponse);
  deps.record([
    event(wires[wires.length - 1], { from: 'client', to: 'auth-server', type: 'client.tokens_received', summary: `Notes Agent received an access token for ${d.resource}, scope ${tokens.scope ?? pending.scope}`, outcome: 'ok', tokens: tokenViews(tokens), data: { scope: tokens.scope } }),
  ]);
  const api = agentNotesUrl(deps.origin);
  const call = async (method: 'GET' | 'POST', body?: string) => {
    const n = wires.length;
    const headers = new Headers({ accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) });
    let res: Response | undefined;
    let scope: string | undefined;
    try {
      res = await oauth.protectedResourceRequest(tokens.access_token, method, new URL(api), headers, body, http(f));
    } catch (e) {
      if (!(e instanceof oauth.WWWAuthenticateChallengeError)) throw e;
      res = e.response;
      // RFC 6750 §3.1: insufficient_scope names the scope the request needs.
      const bearer = e.cause.find((c) => c.scheme === 'bearer');
      if (bearer?.parameters.error === 'insufficient_scope') scope = bearer.parameters.scope;
    }
    // What the answer means (a policy refusal is a 403 with a problem body and no challenge), from status, challenge and body only.
    const outcome: ResourceOutcome = classifyResourceAnswer({ status: res.status, headers: res.headers, body: await res.text() });
    deps.record([event(wires[n], { from: 'client', to: 'resource-server', type: 'client.resource_called', summary: `Notes Agent called ${method} ${new URL(api).pathname}: ${res.status}${scope ? ` insufficient_scope, needs ${scope}` : ''}`, outcome: res.status < 300 ? 'ok' : 'denied', data: { status: res.status } })]);
    return { status: res.status, scope, outcome };
  };
  if (pending.task === 'list-then-write') {
    const list = await call('GET');
    if (list.status !== 200) return { done: true, refused: true, summary: agentRefusal('list', list.outcome) };
  }
  const write = await call('POST', JSON.stringify({ title: 'Written by Notes Agent', body: 'Found the server from one 401.' }));
  if (write.status === 201) return { done: true, refused: false, summary: 'Notes Agent listed your notes and wrote one' };
  if (write.status === 403 && write.scope && pending.task === 'list-then-write') {
    deps.record([{ from: 'client', to: 'client', type: 'agent.scope_stepped_up', summary: `Notes Agent asks again, for exactly the scope the challenge names: ${write.scope}`, outcome: 'info', data: { scope: write.scope } }]);
    const next = await authorizationRequest(d, pending.clientId, pending.identification, write.scope, 'write', deps);
    return { done: false, ...next };
  }
  return { done: true, refused: true, summary: agentRefusal('write', write.outcome) };
}
