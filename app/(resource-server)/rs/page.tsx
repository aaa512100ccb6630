import type { Metadata } from 'next';
import { MetadataView } from '@/components/metadata-view';
import { PartyFrame } from '@/components/party-frame';
import { pageOrigin } from '@/lib/http/page-origin';
import { protectedResourceMetadata } from '@/lib/resource-server/responses';
import { EndpointList, type Endpoint } from '@/components/endpoint-list';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Resource server: Notes API · OAuth Sandbox' };

const ENDPOINTS: Endpoint[] = [
  ['GET /rs/api/notes', 'The notes you may read (needs notes:read).'],
  ['POST /rs/api/notes', 'Create a note (needs notes:write, and a role that may write).'],
  ['GET /rs/api/notes/{id}', 'One note (needs notes:read).'],
  ['PATCH, DELETE /rs/api/notes/{id}', 'Edit or delete a note (needs notes:write, a role that may write, and the note’s own rules).'],
];

/** The resource server's own page: what it is, its endpoints, its metadata (RFC 9728). */
export default async function ResourceServerPage() {
  const origin = await pageOrigin();
  return (
    <PartyFrame party="resource-server" url={`${origin}/rs`}>
      <h1 className="text-3xl font-bold text-resource-server">Resource server: Notes API</h1>
      <p className="mt-3 max-w-3xl text-lg">
        The Notes API keeps the notes. It has no sign-in page: every request carries an access token (
        <code className="font-mono">Authorization: Bearer …</code>), and the Notes API checks it, locally against the
        authorization server’s keys or by asking it (introspection), then decides with its own policy: the token’s scope ∩ the
        user’s role ∩ the note’s own rules. A refusal says why in a <code className="font-mono">WWW-Authenticate</code> header
        (RFC 6750 §3).
      </p>

      <EndpointList id="rs-endpoints" endpoints={ENDPOINTS} />

      <section aria-labelledby="rs-metadata" className="mt-8">
        <h2 id="rs-metadata" className="text-xl font-semibold">Protected resource metadata (RFC 9728)</h2>
        <p className="mt-1">What a client reads to learn which authorization server this API trusts and which scopes it knows.</p>
        <div className="mt-3">
          <MetadataView
            metadata={protectedResourceMetadata(origin)}
            rawUrl={`${origin}/.well-known/oauth-protected-resource/rs`}
            label="Protected resource metadata"
          />
        </div>
      </section>
    </PartyFrame>
  );
}
