import { serveNotes } from '@/lib/resource-server/serve';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

/** One note (needs notes:read and the policy's leave to read it). */
export function GET(request: Request, { params }: Context) {
  return serveNotes(request, 'read', params);
}

/** Edits a note (needs notes:write and the policy's leave to edit it). */
export function PATCH(request: Request, { params }: Context) {
  return serveNotes(request, 'update', params);
}

/** Deletes a note (needs notes:write and the policy's leave to delete it). */
export function DELETE(request: Request, { params }: Context) {
  return serveNotes(request, 'delete', params);
}
