import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PartyFrame } from '@/components/party-frame';
import { ScenarioGuide } from '@/components/scenarios/scenario-guide';
import { pageOrigin } from '@/lib/http/page-origin';
import { QUESTIONS, scenarioById } from '@/lib/scenarios/library';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const s = scenarioById((await params).id);
  return { title: `${s?.title ?? 'Scenario'} · OAuth Sandbox` };
}

/** A guided scenario: its steps as a checklist beside the live diagram, with Play and Step. */
export default async function ScenarioPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const scenario = scenarioById(id);
  if (!scenario) notFound();
  const origin = await pageOrigin();
  const question = QUESTIONS.find((q) => q.id === scenario.question);
  return (
    <PartyFrame party="sandbox" url={`${origin}/scenarios/${scenario.id}`} wide>
      <p className="text-sm">
        <Link href="/scenarios" className="underline">Scenarios</Link> · {question?.title}
      </p>
      <h1 className="mt-1 text-3xl font-bold">{scenario.title}</h1>
      <p className="mt-1 max-w-4xl text-lg">{scenario.summary}</p>
      {scenario.settings ? (
        <p className="mt-1 text-sm">
          Run settings: <code className="font-mono">{JSON.stringify(scenario.settings)}</code> (applied when it starts).
        </p>
      ) : null}
      <div className="mt-4">
        <ScenarioGuide scenario={scenario} />
      </div>
    </PartyFrame>
  );
}
