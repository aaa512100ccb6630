import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { RootDocument } from '@/components/root-document';
import { TimelinePanel } from '@/components/timeline/timeline-panel';
import '../globals.css';

export const metadata: Metadata = { title: 'Notes Assistant · OAuth Sandbox' };

/** Root layout of this party: moving to another party is a full page load, as a real cross-site redirect is. */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <RootDocument timelinePanel>
      {children}
      <TimelinePanel />
    </RootDocument>
  );
}
