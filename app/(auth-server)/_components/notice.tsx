import type { ReactNode } from 'react';

/** A plain message on an authorization server page: a stale request, missing cookies. */
export function Notice({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div role="alert" className="rounded-lg border-l-8 border-denied bg-white p-6 shadow-sm dark:bg-slate-900">
      <h1 className="text-4xl font-bold">{title}</h1>
      <div className="mt-4 space-y-3 text-2xl leading-relaxed">{children}</div>
    </div>
  );
}
