import type { Metadata } from 'next';
import { PartyFrame } from '@/components/party-frame';
import { TimelineApp } from '@/components/timeline/timeline-app';
import { pageOrigin } from '@/lib/http/page-origin';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Timeline · OAuth Sandbox' };

/** The full timeline of the visitor's own run: live, with run controls (and the sandbox's links, TimelineApp's first line). */
export default async function TimelinePage() {
  const origin = await pageOrigin();
  return (
    <PartyFrame party="sandbox" url={`${origin}/timeline`} wide>
      <TimelineApp />
    </PartyFrame>
  );
}
