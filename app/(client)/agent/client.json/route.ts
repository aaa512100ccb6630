import { sandboxOrigin } from '@/lib/http/origin';
import { agentClientDocument } from '@/lib/client-app/notes-agent/identity';

export const dynamic = 'force-dynamic';

/** Notes Agent's client ID metadata document, at the URL that is its client_id (draft-ietf-oauth-client-id-metadata-document §3). */
export function GET(request: Request) {
  return Response.json(agentClientDocument(sandboxOrigin(request)), { headers: { 'Cache-Control': 'public, max-age=60' } });
}
