import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Presenter } from '@/components/scenarios/presenter';
import { scenarioById } from '@/lib/scenarios/library';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Presenter · OAuth Sandbox' };

/** Presenter mode: a scenario for a room, one step at a time, from the keyboard. */
export default async function PresentPage({ params }: { params: Promise<{ id: string }> }) {
  const scenario = scenarioById((await params).id);
  if (!scenario) notFound();
  return (
    <main className="min-h-screen bg-white px-8 py-6 text-slate-900 dark:bg-slate-950 dark:text-slate-100">
      <Presenter scenario={scenario} />
    </main>
  );
}
