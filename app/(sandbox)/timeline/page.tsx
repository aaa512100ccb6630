import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { PartyFrame } from '@/components/party-frame';
import { TimelineApp } from '@/components/timeline/timeline-app';
import { sandboxOrigin } from '@/lib/http/origin';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Timeline · OAuth Sandbox' };

/** The full timeline of the visitor's own run: live, with run controls. */
export default async function TimelinePage() {
  const h = await headers();
  const origin = sandboxOrigin(new Request(`http://${h.get('host') ?? 'localhost:3000'}/`, { headers: h }));
  return (
    <PartyFrame party="sandbox" url={`${origin}/timeline`} wide>
      <TimelineApp />
    </PartyFrame>
  );
}
