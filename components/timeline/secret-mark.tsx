/** Marks a demo secret: shown, not hidden (they are demo values), and named as a secret for screen readers too. */
export function SecretMark() {
  return (
    <span className="ml-1 rounded bg-amber-200 px-1 text-xs font-semibold text-amber-950 dark:bg-amber-300" title="A secret: a demo value, shown so you can follow it">
      secret
    </span>
  );
}
