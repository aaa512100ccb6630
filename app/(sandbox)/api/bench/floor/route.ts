import { NO_STORE } from '@/lib/http/cache-control';

export const dynamic = 'force-dynamic';

const BODY = JSON.stringify({ ok: true, route: 'bench floor' });

/**
 * The bench floor (`npm run bench`, row `floor`): a route handler that does
 * nothing but answer a small JSON, with no store, no recorder, no proxy.
 * What Next.js itself costs per request on this machine; every other row is
 * measured as a ratio to it. Harmless to leave in production: it reads
 * nothing and says nothing.
 */
export function GET() {
  return new Response(BODY, { headers: { 'Content-Type': 'application/json', ...NO_STORE } });
}
