import { serveNotes } from '@/lib/resource-server/serve';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

/** One note (needs notes:read and the policy's leave to read it). */
export async function GET(request: Request, { params }: Context) {
  return serveNotes(request, 'read', (await params).id);
}

/** Edits a note (needs notes:write and the policy's leave to edit it). */
export async function PATCH(request: Request, { params }: Context) {
  return serveNotes(request, 'update', (await params).id);
}

/** Deletes a note (needs notes:write and the policy's leave to delete it). */
export async function DELETE(request: Request, { params }: Context) {
  return serveNotes(request, 'delete', (await params).id);
}
