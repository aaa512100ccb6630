type Line = readonly [x1: number, y1: number, x2: number, y2: number];

/** The messages drawn between the boxes; each label sits beside its line, on the side where no other line runs. */
export const ARROWS: readonly { line: Line; label: string; side: 'above' | 'below'; dashed?: boolean; both?: boolean }[] = [
  { line: [262, 118, 618, 40], label: 'via your browser: sign in, consent, a code', side: 'above', dashed: true, both: true },
  { line: [262, 140, 618, 62], label: 'code → tokens (back channel)', side: 'below' },
  { line: [262, 172, 618, 240], label: 'Authorization: Bearer access token', side: 'above' },
];

/** The labels' font size (px): 13px text reaches about 10px above its baseline and 3px below. */
export const MESSAGE_FONT = 13;
const GAP = 4;

/**
 * Where a line's label goes: at the line's middle, turned to run along it,
 * and moved off it (perpendicular) far enough that no glyph touches the line:
 * above, the baseline clears it by the descent and a gap; below, the top of
 * the letters does.
 */
export function labelAlong([x1, y1, x2, y2]: Line, side: 'above' | 'below') {
  const angle = (Math.atan2(y2 - y1, x2 - x1) * 180) / Math.PI;
  const offset = side === 'above' ? -(0.25 * MESSAGE_FONT + GAP) : 0.8 * MESSAGE_FONT + GAP;
  // The unit normal pointing "down" the page for a left-to-right line.
  const len = Math.hypot(x2 - x1, y2 - y1);
  const [nx, ny] = [-(y2 - y1) / len, (x2 - x1) / len];
  const round = (n: number) => Math.round(n * 100) / 100;
  return { x: round((x1 + x2) / 2 + nx * offset), y: round((y1 + y2) / 2 + ny * offset), angle: round(angle) };
}

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
        {ARROWS.map((a) => {
          const at = labelAlong(a.line, a.side);
          return (
            <g key={a.label}>
              <line x1={a.line[0]} y1={a.line[1]} x2={a.line[2]} y2={a.line[3]} markerEnd="url(#arrow)" markerStart={a.both ? 'url(#arrow)' : undefined} className={`stroke-current stroke-2${a.dashed ? ' [stroke-dasharray:6_4]' : ''}`} />
              <text x={at.x} y={at.y} textAnchor="middle" transform={`rotate(${at.angle} ${at.x} ${at.y})`} className={msg}>
                {a.label}
              </text>
            </g>
          );
        })}
        <line x1="755" y1="198" x2="755" y2="92" markerEnd="url(#arrow)" className="stroke-current stroke-2" />
        <text x="745" y="150" textAnchor="end" className={msg}>JWKS or introspection</text>
      </svg>
    </figure>
  );
}
