import Link from 'next/link';
import { PartyFrame } from '@/components/party-frame';
import { explainAuthFailure, isAuthFailureReason } from '@/lib/client-app/auth-failure';
import { clientPageOrigin } from '@/lib/client-app/session';

export const dynamic = 'force-dynamic';

/** next-auth's error page (pages.error): why sign-in failed, in plain words, and a way to try again. */
export default async function ClientError({
  searchParams,
}: {
  searchParams: Promise<{ error?: string; reason?: string; description?: string }>;
}) {
  const { error, reason, description } = await searchParams;
  const text = explainAuthFailure(error, isAuthFailureReason(reason) ? reason : undefined, description);
  return (
    <PartyFrame party="client" url={`${await clientPageOrigin()}/client/error`}>
      <div className="text-xl">
        <h1 className="text-4xl font-bold text-client">Notes Assistant</h1>
        <section aria-label="Sign-in failed" className="mt-6 rounded-lg border-l-8 border-denied bg-red-50 p-5">
          <div role="alert">
            <p className="text-3xl font-semibold">{text.headline}</p>
            <p className="mt-3">{text.text}</p>
          </div>
        </section>
        <p className="mt-6">
          <Link href="/client" className="rounded-lg bg-client px-6 py-3 font-semibold text-white">Try again</Link>
        </p>
        <p className="mt-6 font-mono text-base text-slate-600">
          next-auth error: {error ?? '(none)'}{reason ? ` · reason: ${reason}` : ''}{description ? ` · ${description}` : ''}
        </p>
      </div>
    </PartyFrame>
  );
}
