/** Beside each action: the scope it needs and whether the granted scopes include it. */
export function ScopeNeed({ what = 'needs', needed, granted }: { what?: string; needed: string; granted: boolean }) {
  return granted ? (
    <span className="text-base text-ok">
      {what} <code className="font-mono">{needed}</code>: granted ✓
    </span>
  ) : (
    <span className="text-base text-denied">
      {what} <code className="font-mono">{needed}</code>: not granted ✗ (the Notes API will refuse)
    </span>
  );
}
