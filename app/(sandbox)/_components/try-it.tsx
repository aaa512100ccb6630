import Link from 'next/link';

/** The three questions, as steps a teacher can follow in front of a room. */
export function TryIt() {
  return (
    <section className="mt-8" aria-labelledby="try-it">
      <h2 id="try-it" className="text-xl font-semibold">Try it: three questions, answered by showing</h2>
      <ol className="mt-2 list-decimal space-y-2 pl-6 text-lg">
        <li>
          <strong>How does the resource server refuse what was not granted?</strong> Open{' '}
          <Link href="/client" className="underline">Notes Assistant</Link>, ask for <em>Read and write</em>, sign in as{' '}
          <code className="font-mono">alice</code>, uncheck <code className="font-mono">notes:write</code> and Allow. Create a
          note: 403 <code className="font-mono">insufficient_scope</code>. Then <em>Ask for write access</em>.
        </li>
        <li>
          <strong>How do scopes map to permissions?</strong> Sign in as <code className="font-mono">bob</code> (a viewer) and grant
          write: the scope is there, yet the Notes API&apos;s policy refuses, naming its rule.
        </li>
        <li>
          <strong>How does it know a token is valid?</strong> On the <Link href="/timeline" className="underline">timeline</Link>,
          open a verification step; switch the resource server between local JWT checks and introspection, revoke a token,
          and see which of the two notices.
        </li>
      </ol>
    </section>
  );
}
