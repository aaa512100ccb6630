import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { RootDocument } from '@/components/root-document';
import { TimelinePanel } from '@/components/timeline/timeline-panel';
import '../globals.css';

export const metadata: Metadata = { title: 'Notes API · OAuth Sandbox' };

/** Root layout of this party (its human page /rs; the API routes answer JSON and use no layout). */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <RootDocument timelinePanel>
      {children}
      <TimelinePanel />
    </RootDocument>
  );
}
