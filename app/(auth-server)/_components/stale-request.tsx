import type { PageContext } from './page-context';
import { Notice } from './notice';

/** What the sign-in and consent pages show instead of a form when they cannot go on; undefined when they can. */
export function staleRequestNotice(ctx: PageContext) {
  if (!ctx.pending.ok)
    return (
      <Notice title="This authorization request cannot go on">
        <p><strong>What is wrong:</strong> {ctx.pending.error.description}.</p>
        <p><strong>How to fix it:</strong> {ctx.pending.fix}</p>
      </Notice>
    );
  if (!ctx.csrfToken)
    return (
      <Notice title="Your browser did not send the authorization server's cookie">
        <p><strong>What is wrong:</strong> the forms here are protected against cross-site posts by a cookie (as_csrf, path /as) that this request did not carry.</p>
        <p><strong>How to fix it:</strong> allow cookies for this site and start again from the client app.</p>
      </Notice>
    );
  return undefined;
}
