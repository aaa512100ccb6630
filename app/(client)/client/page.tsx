import Link from 'next/link';
import { PartyFrame } from '@/components/party-frame';
import { clientPageOrigin, currentClientSession } from '@/lib/client-app/session';
import { secretsProblem } from '@/lib/store/secrets';
import { SignInForm } from './_components/sign-in-form';
import { SignInAsSomeoneElseButton, SignOutButton } from './_components/auth-buttons';

export const dynamic = 'force-dynamic';

/** Notes Assistant's landing page: what the app is, what it wants, and the choice of what to ask for. */
export default async function ClientHome({ searchParams }: { searchParams: Promise<{ signed_out?: string }> }) {
  const [session, { signed_out }] = await Promise.all([currentClientSession(), searchParams]);
  const origin = await clientPageOrigin();
  const setupProblem = secretsProblem();
  return (
    <PartyFrame party="client" url={`${origin}/client`}>
      <div className="text-xl">
        <h1 className="text-4xl font-bold text-client">Notes Assistant</h1>
        <p className="mt-3 max-w-3xl">
          Notes Assistant is a web app that helps you with your notes. It keeps no notes of its own: your notes live at the{' '}
          <strong>Notes API</strong>. To reach them, it needs your permission, which you give at the{' '}
          <strong>authorization server</strong>. Notes Assistant never sees your password.
        </p>

        {setupProblem ? (
          <p role="alert" className="mt-6 rounded-lg border-l-8 border-denied bg-red-50 p-4">
            Signing in cannot work: Notes Assistant has no secret for its session cookie. {setupProblem}
          </p>
        ) : null}

        {signed_out ? (
          <p role="status" className="mt-6 rounded-lg border-l-8 border-ok bg-green-50 p-4">
            You are signed out of Notes Assistant: it revoked its refresh token at the authorization server and forgot your tokens.
            The authorization server still remembers who signed in there: to be someone else, press{' '}
            <strong>Sign in as someone else</strong> below.
          </p>
        ) : null}

        <section aria-labelledby="wants" className="mt-8">
          <h2 id="wants" className="text-2xl font-semibold">What it wants</h2>
          <ul className="mt-2 list-disc space-y-1 pl-8">
            <li>
              To <strong>read your notes</strong> <code className="font-mono text-lg">notes:read</code>.
            </li>
            <li>
              If you allow it, to <strong>write them</strong> too: create, edit, delete{' '}
              <code className="font-mono text-lg">notes:write</code>.
            </li>
            <li>
              To know who you are and stay connected while you are away{' '}
              <code className="font-mono text-lg">openid profile offline_access</code>.
            </li>
          </ul>
          <p className="mt-2 text-lg text-slate-700">
            At the authorization server you may still grant less than Notes Assistant asks for.
          </p>
        </section>

        {session ? (
          <section aria-labelledby="signed-in" className="mt-8">
            <h2 id="signed-in" className="text-2xl font-semibold">You are signed in as {session.sub}</h2>
            <div className="mt-3 flex flex-wrap items-center gap-4">
              <Link href="/client/notes" className="rounded-lg bg-client px-6 py-3 font-semibold text-white">
                Go to your notes
              </Link>
              <SignInAsSomeoneElseButton scope={session.scopeRequested} />
              <SignOutButton />
            </div>
          </section>
        ) : (
          <section aria-labelledby="sign-in" className="mt-8">
            <h2 id="sign-in" className="sr-only">Sign in</h2>
            <SignInForm />
          </section>
        )}
      </div>
    </PartyFrame>
  );
}
