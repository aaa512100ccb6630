import 'server-only';
import { headers } from 'next/headers';
import { sandboxOrigin } from './origin';

/** The sandbox's origin as a server component sees it: from the request's Host, as route handlers read it (see sandboxOrigin). */
export async function pageOrigin(): Promise<string> {
  const h = await headers();
  return sandboxOrigin(new Request(`http://${h.get('host') ?? 'localhost:3000'}/`, { headers: h }));
}
