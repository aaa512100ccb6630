import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import Link from 'next/link';
import { PartyFrame } from '@/components/party-frame';
import { pageOrigin } from '@/lib/http/page-origin';
import { getDb } from '@/lib/store/db';
import { runIdOfKeyCookie } from '@/lib/runs/run-owner';
import { readRunPolicy } from '@/lib/runs/run-policy';
import { PolicyEditor } from '../../_components/policy-editor';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Scopes and rules · OAuth Sandbox' };

/**
 * The "Scopes and rules" panel (question 3): the run's scopes at the
 * authorization server, what the Notes API makes of them, and the table
 * that results. Saved through PUT /api/runs/current/policy.
 */
export default async function ScopesPage() {
  const origin = await pageOrigin();
  const runId = runIdOfKeyCookie(await cookies());
  const doc = readRunPolicy(getDb(), runId ?? '-');
  return (
    <PartyFrame party="sandbox" url={`${origin}/timeline/scopes`}>
      <h1 className="text-3xl font-bold">Scopes and rules</h1>
      <p className="mt-2 max-w-3xl text-lg">
        A scope is a string the authorization server lets a user grant to a client; what it allows is for the resource
        server to say. Define your own scopes here, say what each Notes API action needs, and add rules on the user’s
        role, the note and the run’s clock. This run only; <strong>Reset run</strong> on the timeline brings back the defaults.
      </p>
      <p className="mt-2">
        <Link href="/timeline" className="underline">Back to the timeline</Link>
      </p>
      <PolicyEditor initial={doc} />
    </PartyFrame>
  );
}
