import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { PartyFrame } from '@/components/party-frame';
import { findUser } from '@/lib/auth-server/users';
import { parseScope } from '@/lib/oauth/scopes';
import { getDb } from '@/lib/store/db';
import { findConsent } from '@/lib/store/consents';
import { ClientBanner } from '../../../_components/client-banner';
import { ConsentForm } from '../../../_components/consent-form';
import { pageContext } from '../../../_components/page-context';
import { staleRequestNotice } from '../../../_components/stale-request';
import { CONSENT_PAGE, SIGN_IN_PAGE } from '../../../_components/authorize-http';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Consent · Authorization server · OAuth Sandbox' };

/** The consent page: the client by name, each requested scope with its meaning, Allow and Deny. */
export default async function ConsentPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await pageContext(searchParams);
  const notice = staleRequestNotice(ctx);
  if (!notice && ctx.pending.ok && !ctx.session) redirect(`${SIGN_IN_PAGE}?request=${encodeURIComponent(ctx.pending.row.id)}`);
  const user = ctx.session && findUser(ctx.session.userId);
  // What this user granted this client before, if anything: the scopes asked for beyond it are marked new.
  const before =
    ctx.pending.ok && ctx.session ? findConsent(getDb(), ctx.pending.row.runId, ctx.session.userId, ctx.pending.request.client.client_id) : undefined;
  return (
    <PartyFrame party="auth-server" url={`${ctx.origin}${CONSENT_PAGE}`}>
      {notice ??
        (ctx.pending.ok && ctx.csrfToken && (
          <div className={`${before ? 'space-y-5' : 'space-y-10'} pb-20`}>
            <div className="flex flex-wrap items-baseline justify-between gap-4">
              <h1 className="text-5xl font-bold">Allow access?</h1>
              {user && (
                <p className="text-2xl">
                  Signed in as <strong className="font-mono">{user.sub}</strong> ({user.role}).{' '}
                  <a className="text-xl text-auth-server underline dark:text-violet-300" href={`${SIGN_IN_PAGE}?request=${encodeURIComponent(ctx.pending.row.id)}`}>
                    Sign in as someone else
                  </a>
                </p>
              )}
            </div>
            <ClientBanner client={ctx.pending.request.client} redirectUri={ctx.pending.request.redirectUri} lead={before ? 'This client asks again to act on your behalf' : 'This client wants to act on your behalf'} compact={before !== undefined} />
            <ConsentForm
              requestId={ctx.pending.row.id} csrfToken={ctx.csrfToken} scopes={ctx.pending.request.scope} meanings={ctx.meanings}
              {...(before ? { grantedBefore: parseScope(before.scope) ?? [] } : {})}
            />
          </div>
        ))}
    </PartyFrame>
  );
}
