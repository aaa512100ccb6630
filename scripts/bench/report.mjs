// The bench's table and its JSON (bench/results/*.json), and two runs side by side.

/** Goals from issue 11, as ratios from one run (or absolute, for latency and learners). */
export const GOALS = {
  rs_local: { ratio: 0.8 },
  rs_introspection: { ratio: 0.4 },
  token_client_credentials: { ratio: 0.6 },
  introspection: { ratio: 0.7 },
  verify_in_process: { ratio: 0.8 },
  timeline_latency: { p95: 200 },
  learners: { errors: 0, p95: 500, peakRssMb: 400 },
};

const num = (v, digits = 0) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(digits) : '—');

/** Whether a row meets its goal: true, false, or undefined (no goal). */
export function meetsGoal(name, row) {
  const g = GOALS[name];
  if (!g || !row) return undefined;
  if (g.ratio !== undefined && !(row.ratio >= g.ratio)) return false;
  if (g.p95 !== undefined && !(row.p95 < g.p95)) return false;
  if (g.errors !== undefined && row.errors !== g.errors) return false;
  if (g.peakRssMb !== undefined && !(row.peakRssMb < g.peakRssMb)) return false;
  return true;
}

function goalText(name) {
  const g = GOALS[name];
  if (!g) return '';
  const parts = [];
  if (g.ratio !== undefined) parts.push(`≥ ${g.ratio}`);
  if (g.p95 !== undefined) parts.push(`p95 < ${g.p95} ms`);
  if (g.errors !== undefined) parts.push('0 errors');
  if (g.peakRssMb !== undefined) parts.push(`RSS < ${g.peakRssMb} MB`);
  return parts.join(', ');
}

export function printTable(result) {
  const head = ['row', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'ratio', 'errors', 'goal', ''];
  const lines = [head];
  for (const [name, r] of Object.entries(result.rows)) {
    const met = meetsGoal(name, r);
    const extra = r.peakRssMb !== undefined ? ` peak RSS ${r.peakRssMb} MB${r.unfinished ? `, ${r.unfinished} cut off by the deadline` : ''}` : r.unit ? ` (${r.unit})` : '';
    lines.push([name, num(r.rps), num(r.p50, 1), num(r.p95, 1), num(r.p99, 1), r.ratio === undefined ? '' : `${num(r.ratio, 2)}${r.ratioTo && r.ratioTo !== 'floor' ? ` of ${r.ratioTo}` : ''}`, num(r.errors), goalText(name), (met === undefined ? '' : met ? 'ok' : 'MISSED') + extra]);
  }
  const widths = head.map((_, i) => Math.max(...lines.map((l) => String(l[i]).length)));
  for (const [i, l] of lines.entries()) {
    console.log(l.map((c, j) => (j === 0 || j >= 7 ? String(c).padEnd(widths[j]) : String(c).padStart(widths[j]))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

export function printCompare(a, b, labelA, labelB) {
  console.log(`\n${'row'.padEnd(26)}${`req/s ${labelA}`.padStart(18)}${`req/s ${labelB}`.padStart(18)}${'ratio A'.padStart(10)}${'ratio B'.padStart(10)}${'p99 A'.padStart(10)}${'p99 B'.padStart(10)}`);
  for (const name of new Set([...Object.keys(a.rows), ...Object.keys(b.rows)])) {
    const x = a.rows[name] ?? {};
    const y = b.rows[name] ?? {};
    console.log(`${name.padEnd(26)}${num(x.rps).padStart(18)}${num(y.rps).padStart(18)}${num(x.ratio, 2).padStart(10)}${num(y.ratio, 2).padStart(10)}${num(x.p99, 1).padStart(10)}${num(y.p99, 1).padStart(10)}`);
  }
}
