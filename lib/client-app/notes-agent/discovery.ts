import 'server-only';
import * as oauth from 'oauth4webapi';
import type { EventInput, HttpMessage } from '@/lib/timeline/events';
import { incomingResponse, outgoingRequest } from '../record';
import { agentNotesUrl } from './identity';

/** What the agent's steps need: the sandbox's origin, the run its requests name, a fetch, and where its events go. */
export interface AgentDeps {
  origin: string;
  /** Named on every request (X-Sandbox-Run), so the parties record on the visitor's run. */
  runId?: string;
  /** The run's key, for dynamic registration only: registering changes the run, which only its owner may do. */
  runKey?: string;
  fetch: typeof fetch;
  record(events: EventInput[]): void;
}

/** One request of the agent as it crossed the wire, kept for its event. */
export interface Wire {
  request: HttpMessage;
  response?: HttpMessage;
}

/**
 * The agent's fetch: names the run, follows no redirect, and keeps each
 * exchange (request, status, headers, body) for the timeline, so every
 * step's event shows the document the agent read.
 */
type AgentFetch = (url: string, init?: { method?: string; headers?: HeadersInit; body?: unknown; signal?: AbortSignal | null }) => Promise<Response>;

export function agentFetch(deps: AgentDeps, wires: Wire[]): AgentFetch {
  return async (url, init) => {
    const headers = new Headers(init?.headers);
    if (deps.runId) headers.set('x-sandbox-run', deps.runId);
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? init.body : init?.body instanceof URLSearchParams ? init.body.toString() : undefined;
    const wire: Wire = { request: outgoingRequest(method, url, Object.fromEntries(headers.entries()), body) };
    wires.push(wire);
    const res = await deps.fetch(url, { method, headers, body: init?.body as BodyInit | undefined, signal: init?.signal ?? null, redirect: 'manual', cache: 'no-store' });
    wire.response = incomingResponse(res.status, res.headers, await res.clone().text());
    return res;
  };
}

export const http = (f: AgentFetch) => ({ [oauth.allowInsecureRequests]: true, [oauth.customFetch]: f }) as const;

/** RFC 9728 §5.1: the `resource_metadata` parameter of a Bearer challenge (quoted-string). */
function resourceMetadataOf(wwwAuthenticate: string | null): string | undefined {
  return /(?:^|[\s,])resource_metadata="([^"]*)"/i.exec(wwwAuthenticate ?? '')?.[1];
}

/**
 * RFC 9728 §3.1: the metadata URL is the resource identifier with
 * `/.well-known/oauth-protected-resource` inserted after the host; undone
 * here to learn which resource identifier the document must name (§3.3).
 */
function resourceIdentifierOf(metadataUrl: string): string | undefined {
  if (!URL.canParse(metadataUrl)) return undefined;
  const u = new URL(metadataUrl);
  const prefix = '/.well-known/oauth-protected-resource';
  if (!u.pathname.startsWith(prefix)) return undefined;
  return `${u.origin}${u.pathname.slice(prefix.length)}`;
}

interface Discovered {
  resource: string;
  as: oauth.AuthorizationServer;
}

/**
 * Steps 1 to 3 of the chain, knowing only the Notes API's URL:
 * (1) call it with no token: 401 and a challenge naming `resource_metadata`
 * (RFC 9728 §5.1); (2) read the protected resource metadata, whose
 * `resource` must be the identifier that URL names (§3.3) and must cover the
 * API called, and pick its first authorization server; (3) read that
 * server's metadata (RFC 8414 §3), whose `issuer` must be the one picked
 * (§3.3). Records `agent.discovered` for each, with the document read.
 * Throws an Error that says which step failed and why.
 */
export async function discover(deps: AgentDeps): Promise<Discovered> {
  const wires: Wire[] = [];
  const f = agentFetch(deps, wires);
  const step = (summary: string, to: EventInput['to'], data: Record<string, unknown>, outcome: EventInput['outcome'] = 'ok'): EventInput => {
    const wire = wires[wires.length - 1]!;
    return { from: 'client', to, type: 'agent.discovered', summary, outcome, http: { request: wire.request, ...(wire.response ? { response: wire.response } : {}) }, data };
  };
  const api = agentNotesUrl(deps.origin);
  const first = await f(api, { headers: { accept: 'application/json' } });
  await first.body?.cancel();
  const metadataUrl = resourceMetadataOf(first.headers.get('www-authenticate'));
  const resource = metadataUrl && resourceIdentifierOf(metadataUrl);
  if (first.status !== 401 || !metadataUrl || !resource || !api.startsWith(`${resource}/`)) {
    deps.record([step(`Notes Agent called ${api} with no token: ${first.status}, no usable resource_metadata`, 'resource-server', { step: 'challenge' }, 'error')]);
    throw new Error(`the Notes API answered ${first.status} without a resource_metadata (RFC 9728 section 5.1) that covers ${api}`);
  }
  const events: EventInput[] = [
    step(`Notes Agent called the Notes API with no token: 401, the challenge names resource_metadata ${metadataUrl}`, 'resource-server', { step: 'challenge', knew: api, resource_metadata: metadataUrl }),
  ];
  try {
    const prm = await oauth.processResourceDiscoveryResponse(new URL(resource), await oauth.resourceDiscoveryRequest(new URL(resource), http(f)));
    const issuer = prm.authorization_servers?.[0];
    if (!issuer) throw new Error('the protected resource metadata names no authorization_servers');
    events.push(step(`Read the protected resource metadata: resource ${prm.resource}, authorization server ${issuer}`, 'resource-server', { step: 'resource_metadata', document: prm }));
    const as = await oauth.processDiscoveryResponse(new URL(issuer), await oauth.discoveryRequest(new URL(issuer), { ...http(f), algorithm: 'oauth2' }));
    events.push(
      step(`Read the authorization server metadata: authorization ${as.authorization_endpoint}, token ${as.token_endpoint}, client ID metadata documents ${as.client_id_metadata_document_supported === true ? 'supported' : 'not announced'}`, 'auth-server', { step: 'as_metadata', document: as }),
    );
    return { resource: prm.resource, as };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    events.push(step(`Discovery failed: ${why}`, wires.length > 2 ? 'auth-server' : 'resource-server', { step: 'failed', reason: why }, 'error'));
    throw new Error(`discovery failed: ${why}`);
  } finally {
    deps.record(events);
  }
}
