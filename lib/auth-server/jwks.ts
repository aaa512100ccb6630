import 'server-only';
import type { Db } from '@/lib/store/db';
import type { Clock } from '@/lib/runs/clock';
import { publishedKeys } from './keys';
import { SHORT_LIVED_PUBLIC } from '@/lib/http/cache-control';
import { jsonResponse } from '@/lib/http/json-response';

/**
 * The JWK Set (RFC 7517 §5) at `jwks_uri`: the current and previous public
 * keys, each with `kid`, `alg` and `use: "sig"` so a client can pick the
 * right one (oauth4webapi refuses several candidates without a `kid`).
 * A short cache lifetime: after a rotation the new key must be found soon.
 *
 * @see https://www.rfc-editor.org/rfc/rfc8414#section-2 (jwks_uri)
 */
export async function jwksResponse(db: Db, clock: Clock): Promise<Response> {
  const keys = await publishedKeys(db, clock);
  return jsonResponse({ keys }, { cache: SHORT_LIVED_PUBLIC });
}
