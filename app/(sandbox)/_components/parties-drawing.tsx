/**
 * The three parties and the messages between them, drawn: the browser
 * carries the front channel between Notes Assistant and the authorization
 * server; the back channels are the token request, the bearer call, and the
 * resource server's JWKS / introspection.
 */
export function PartiesDrawing({ origin }: { origin: string }) {
  const box = 'fill-white stroke-2 dark:fill-slate-900';
  const label = 'fill-current text-[15px] font-semibold';
  const url = 'fill-current font-mono text-[13px]';
  const msg = 'fill-current text-[13px]';
  return (
    <figure className="mt-6">
      <svg viewBox="0 0 900 290" role="img" aria-labelledby="parties-title parties-desc" className="w-full max-w-4xl text-slate-900 dark:text-slate-100">
        <title id="parties-title">The three parties of OAuth 2.0</title>
        <desc id="parties-desc">
          Notes Assistant (the client, {origin}/client) sends your browser to the authorization server ({origin}/as), which sends it back with a code;
          Notes Assistant exchanges the code for tokens at the token endpoint and calls the Notes API ({origin}/rs) with the access token; the Notes API
          checks the token with the authorization server&apos;s keys (JWKS) or by introspection.
        </desc>
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" className="fill-current" />
          </marker>
        </defs>
        <g>
          <rect x="10" y="105" width="250" height="80" rx="10" className={`${box} stroke-client`} />
          <text x="135" y="138" textAnchor="middle" className={`${label} text-client dark:text-teal-300`}>Client: Notes Assistant</text>
          <text x="135" y="162" textAnchor="middle" className={url}>{`${origin}/client`}</text>
        </g>
        <g>
          <rect x="620" y="10" width="270" height="80" rx="10" className={`${box} stroke-auth-server`} />
          <text x="755" y="43" textAnchor="middle" className={`${label} text-auth-server dark:text-violet-300`}>Authorization server</text>
          <text x="755" y="67" textAnchor="middle" className={url}>{`${origin}/as`}</text>
        </g>
        <g>
          <rect x="620" y="200" width="270" height="80" rx="10" className={`${box} stroke-resource-server`} />
          <text x="755" y="233" textAnchor="middle" className={`${label} text-resource-server dark:text-amber-300`}>Resource server: Notes API</text>
          <text x="755" y="257" textAnchor="middle" className={url}>{`${origin}/rs`}</text>
        </g>
        <line x1="262" y1="118" x2="618" y2="40" markerEnd="url(#arrow)" markerStart="url(#arrow)" className="stroke-current stroke-2 [stroke-dasharray:6_4]" />
        <text x="330" y="62" className={msg}>via your browser: sign in, consent, a code</text>
        <line x1="262" y1="140" x2="618" y2="62" markerEnd="url(#arrow)" className="stroke-current stroke-2" />
        <text x="420" y="118" className={msg}>code → tokens (back channel)</text>
        <line x1="262" y1="172" x2="618" y2="240" markerEnd="url(#arrow)" className="stroke-current stroke-2" />
        <text x="330" y="228" className={msg}>Authorization: Bearer access token</text>
        <line x1="755" y1="198" x2="755" y2="92" markerEnd="url(#arrow)" className="stroke-current stroke-2" />
        <text x="745" y="150" textAnchor="end" className={msg}>JWKS or introspection</text>
      </svg>
    </figure>
  );
}
