import type { Metadata } from 'next';
import { PartyFrame } from '@/components/party-frame';
import { TimelineApp } from '@/components/timeline/timeline-app';
import { pageOrigin } from '@/lib/http/page-origin';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Timeline · OAuth Sandbox' };

/** The full timeline of the visitor's own run: live, with run controls. */
export default async function TimelinePage() {
  const origin = await pageOrigin();
  return (
    <PartyFrame party="sandbox" url={`${origin}/timeline`} wide>
      <nav aria-label="Sandbox" className="mb-3 flex gap-4 text-sm">
        <a href="/" className="underline">Home</a>
        <a href="/scenarios" className="underline">Scenarios</a>
        <a href="/attacks" className="underline">Attack panel</a>
      </nav>
      <TimelineApp />
    </PartyFrame>
  );
}
