import type { Metadata } from 'next';
import { PartyFrame } from '@/components/party-frame';
import { ClientBanner } from '../../../_components/client-banner';
import { pageContext } from '../../../_components/page-context';
import { SignInForm } from '../../../_components/sign-in-form';
import { staleRequestNotice } from '../../../_components/stale-request';
import { SIGN_IN_PAGE } from '../../../_components/authorize-http';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign in · Authorization server · OAuth Sandbox' };

/** The authorization server's sign-in page for a pending authorization request. */
export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await pageContext(searchParams);
  const notice = staleRequestNotice(ctx);
  return (
    <PartyFrame party="auth-server" url={`${ctx.origin}${SIGN_IN_PAGE}`}>
      {notice ??
        (ctx.pending.ok && ctx.csrfToken && (
          <div className="space-y-10 pb-20">
            <div>
              <h1 className="text-5xl font-bold">Sign in</h1>
              <p className="mt-3 text-2xl">You are at the authorization server. Sign in here, not at the client: the client never sees who you are or any password.</p>
            </div>
            <ClientBanner client={ctx.pending.request.client} redirectUri={ctx.pending.request.redirectUri} lead="Signing in for" />
            <SignInForm requestId={ctx.pending.row.id} csrfToken={ctx.csrfToken} />
          </div>
        ))}
    </PartyFrame>
  );
}
