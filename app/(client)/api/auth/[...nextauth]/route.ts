import type { NextRequest } from 'next/server';
import { handleAuthRoute, type AuthRouteContext } from '@/lib/client-app/auth-route';

export const dynamic = 'force-dynamic';

/** next-auth v4 for Notes Assistant: sign-in, the callback at /api/auth/callback/sandbox, sign-out. */
function handler(request: NextRequest, context: AuthRouteContext) {
  return handleAuthRoute(request, context);
}

export { handler as GET, handler as POST };
