import { serveNotes } from '@/lib/resource-server/serve';

export const dynamic = 'force-dynamic';

/** The notes the caller may read (needs notes:read). */
export function GET(request: Request) {
  return serveNotes(request, 'list');
}

/** Creates a note owned by the user (needs notes:write and a role that may write). */
export function POST(request: Request) {
  return serveNotes(request, 'create');
}
