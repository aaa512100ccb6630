import type { ReactNode } from 'react';

/**
 * The <html> of every party's root layout: applies the display preferences
 * (dark mode, large type) before the first paint, and offers skip links
 * first in the Tab order (WCAG 2.4.1 Bypass Blocks). `timelinePanel` adds a
 * link to the timeline panel at the foot of the page.
 */
export function RootDocument({ children, timelinePanel = false }: { children: ReactNode; timelinePanel?: boolean }) {
  return (
    // The classes on <html> are set by public/display-prefs.js before React hydrates.
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* eslint-disable-next-line @next/next/no-sync-scripts -- must run before the first paint */}
        <script src="/display-prefs.js" />
      </head>
      <body>
        <nav aria-label="Skip links" className="skip-links">
          <a href="#main">Skip to main content</a>
          {timelinePanel ? <a href="#timeline-panel">Skip to the timeline panel</a> : null}
        </nav>
        {children}
      </body>
    </html>
  );
}
