import type { OAuthError } from '@/lib/oauth/errors';
import { NO_STORE, setCachePolicy } from '@/lib/http/cache-control';

/**
 * The authorization server's 400 page, for errors that must not be
 * redirected (RFC 6749 §4.1.2.1: a bad client_id or redirect_uri; a stale
 * or forged form). Route handlers cannot render React server components, so
 * this is plain HTML, styled like PartyFrame: the party's colour, its name
 * and URL in the header, large type for a projector.
 */

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const STYLE = `
  body{margin:0;font-family:ui-sans-serif,system-ui,"DejaVu Sans",sans-serif;background:#f5f3ff;color:#0f172a}
  header{background:#6d28d9;color:#fff}
  header div{max-width:64rem;margin:0 auto;padding:.75rem 1.5rem;display:flex;flex-wrap:wrap;justify-content:space-between;align-items:baseline;gap:.5rem}
  header p{margin:0} .party{font-size:1.125rem;font-weight:600} .url{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.875rem;opacity:.9}
  main{max-width:64rem;margin:0 auto;padding:2rem 1.5rem}
  h1{font-size:2.5rem;line-height:1.15;margin:0 0 1.25rem}
  .card{background:#fff;border-left:.5rem solid #b91c1c;border-radius:.5rem;padding:1.25rem 1.5rem;box-shadow:0 1px 3px rgba(0,0,0,.1)}
  .what{font-size:1.6rem;line-height:1.35;margin:0;overflow-wrap:anywhere}
  h2{font-size:1.4rem;margin:1.75rem 0 .5rem}
  .fix{font-size:1.35rem;line-height:1.45;margin:0;overflow-wrap:anywhere}
  .why{font-size:1.1rem;line-height:1.5;color:#334155;margin-top:1.75rem}
  code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;background:#ede9fe;border-radius:.25rem;padding:0 .3rem}
`;

function errorPageHtml(p: { url: string; error: OAuthError; fix: string; title?: string; why?: string }): string {
  const title = p.title ?? 'This authorization request cannot go on';
  const why =
    p.why ??
    'The authorization server does not send you back to the client: it only ever redirects to a redirect URI registered for the client, so that it never becomes an open redirector (RFC 6749 §4.1.2.1, RFC 9700 §4.11.2).';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Authorization server · OAuth Sandbox</title><style>${STYLE}</style></head>
<body><header data-party="auth-server"><div><p class="party">Authorization server</p><p class="url">${escapeHtml(p.url)}</p></div></header>
<main>
<h1>${escapeHtml(title)}</h1>
<div class="card" role="alert">
<p class="what"><strong>What is wrong:</strong> ${escapeHtml(p.error.description)}.</p>
<h2>How to fix it</h2>
<p class="fix">${escapeHtml(p.fix)}</p>
</div>
<p class="why">${escapeHtml(why)} Error code: <code>${escapeHtml(p.error.code)}</code>.</p>
</main></body></html>`;
}

export function errorPageResponse(p: Parameters<typeof errorPageHtml>[0], status = 400, headers: HeadersInit = {}): Response {
  const h = new Headers(headers);
  h.set('Content-Type', 'text/html; charset=utf-8');
  return new Response(errorPageHtml(p), { status, headers: setCachePolicy(h, NO_STORE) });
}
