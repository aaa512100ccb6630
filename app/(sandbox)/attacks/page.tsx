import type { Metadata } from 'next';
import Link from 'next/link';
import { PartyFrame } from '@/components/party-frame';
import { AttackPanel } from '@/components/scenarios/attack-panel';
import { pageOrigin } from '@/lib/http/page-origin';
import { ATTACKS } from '@/lib/scenarios/attacks';
import type { AttackId } from '@/lib/scenarios/types';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Attack panel · OAuth Sandbox' };

const isAttack = (id: string | undefined): id is AttackId => typeof id === 'string' && Object.hasOwn(ATTACKS, id);

/**
 * The attack panel: requests no honest user could make by clicking, each
 * shown raw before it is sent and recorded in the Attacker lane, never in a
 * party's name.
 */
export default async function AttacksPage({ searchParams }: { searchParams: Promise<{ attack?: string }> }) {
  const origin = await pageOrigin();
  const { attack } = await searchParams;
  return (
    <PartyFrame party="sandbox" url={`${origin}/attacks`} wide>
      <h1 className="text-3xl font-bold">Attack panel</h1>
      <p className="mt-2 max-w-4xl text-lg">
        Each attack is built from what an attacker could have seen on your <Link href="/timeline" className="underline">timeline</Link> (a token, a
        code, a request), shown before it is sent, and recorded in the <strong>Attacker</strong> lane. Scenarios that use it are under{' '}
        <Link href="/scenarios" className="underline">Scenarios</Link>.
      </p>
      <div className="mt-6 grid gap-6 lg:grid-cols-[18rem_minmax(0,1fr)]">
        <nav aria-label="Attacks">
          <ul className="space-y-1">
            {Object.values(ATTACKS).map((a) => (
              <li key={a.id}>
                <Link href={`/attacks?attack=${a.id}`} aria-current={a.id === attack ? 'page' : undefined} className="block rounded px-2 py-1 underline aria-[current=page]:bg-red-100 aria-[current=page]:font-semibold dark:aria-[current=page]:bg-red-950">
                  {a.title}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="min-w-0">{isAttack(attack) ? <AttackPanel key={attack} attack={ATTACKS[attack]} /> : <p className="text-lg">Choose an attack.</p>}</div>
      </div>
    </PartyFrame>
  );
}
