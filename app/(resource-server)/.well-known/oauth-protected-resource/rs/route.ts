import { handleExchange } from '@/lib/http/exchange';
import { problemResponse } from '@/lib/http/problem';
import { protectedResourceMetadata } from '@/lib/resource-server/responses';

export const dynamic = 'force-dynamic';

/** RFC 9728 §3: the Notes API's protected resource metadata, `resource` exactly `{origin}/rs`. */
export function GET(request: Request) {
  return handleExchange(request, { onError: () => problemResponse(500, 'Server error', 'Unexpected condition.') }, async (x) =>
    Response.json(protectedResourceMetadata(x.origin), { headers: { 'Cache-Control': 'public, max-age=60' } }),
  );
}
