'use client';
import { useEffect, useRef, type ReactNode } from 'react';

/** Brings a fresh result into view: after a server action the page keeps its scroll position, and the answer must not be missed. */
export function ScrollHere({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'center', behavior: 'instant' });
  }, []);
  return <div ref={ref}>{children}</div>;
}
