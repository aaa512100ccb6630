import { sandboxOrigin } from '@/lib/http/origin';
import { SHORT_LIVED_PUBLIC } from '@/lib/http/cache-control';
import { jsonResponse } from '@/lib/http/json-response';
import { agentClientDocument } from '@/lib/client-app/notes-agent/identity';

export const dynamic = 'force-dynamic';

/** Notes Agent's client ID metadata document, at the URL that is its client_id (draft-ietf-oauth-client-id-metadata-document §3). */
export function GET(request: Request) {
  return jsonResponse(agentClientDocument(sandboxOrigin(request)), { cache: SHORT_LIVED_PUBLIC });
}
