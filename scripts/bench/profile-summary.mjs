// Sums a .cpuprofile's self time by function and by file (or package):
//   node scripts/bench/profile-summary.mjs FILE.cpuprofile [top=40] [filter]
// Self time is what a function spent itself, not in what it called; the
// shares are of the busy time (idle and garbage collection listed apart).
import fs from 'node:fs';

const [file, topArg, filter] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/bench/profile-summary.mjs FILE.cpuprofile [top] [filter]');
  process.exit(2);
}
const top = Number(topArg || 40);
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

/** Where code lives: a package under node_modules, a chunk of the build, or Node's own. */
function place(url) {
  if (!url) return '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 13).split('/');
    const pkg = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
    if (pkg === 'next') return `next/${rest.slice(1, 4).join('/')}`;
    return pkg;
  }
  if (url.startsWith('node:')) return url;
  const m = /\/(\.next[^/]*)\/(.*)$/.exec(url);
  return m ? `${m[1]}/${m[2]}` : url;
}

const fns = new Map();
const files = new Map();
let total = 0;
const special = {};
for (const [id, us] of self) {
  const { callFrame: f } = byId.get(id);
  if (['(idle)', '(program)', '(garbage collector)'].includes(f.functionName)) {
    special[f.functionName] = (special[f.functionName] ?? 0) + us;
    if (f.functionName !== '(garbage collector)') continue;
  }
  total += us;
  const key = `${f.functionName || '(anonymous)'}  ${place(f.url)}:${f.lineNumber + 1}`;
  fns.set(key, (fns.get(key) ?? 0) + us);
  const p = place(f.url);
  files.set(p, (files.get(p) ?? 0) + us);
}
const pct = (us) => ((100 * us) / total).toFixed(1).padStart(5) + '%';
const show = (title, m) => {
  console.log(`\n${title}`);
  [...m]
    .filter(([k]) => !filter || k.includes(filter))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .forEach(([k, us]) => console.log(`${pct(us)}  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`));
};
console.log(`${file}: busy ${(total / 1000).toFixed(0)} ms; ${Object.entries(special).map(([k, v]) => `${k} ${(v / 1000).toFixed(0)} ms`).join(', ')}`);
show('self time by file/package', files);
show('self time by function', fns);

// Inclusive time (a function and all it called, counted once per stack) of
// the functions whose name or place contains `filter`, and who called them.
if (filter) {
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n) => `${n.callFrame.functionName || '(anonymous)'}  ${place(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
  const inclusive = new Map();
  const callers = new Map();
  for (const [id, us] of self) {
    const seen = new Set();
    for (let cur = id, prev; cur !== undefined; prev = cur, cur = parent.get(cur)) {
      const key = label(byId.get(cur));
      if (!key.includes(filter) || seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + us);
      const up = parent.get(cur);
      if (up !== undefined) {
        const chain = [];
        for (let a = up; a !== undefined && chain.length < Number(process.env.DEPTH || 1); a = parent.get(a)) chain.push(label(byId.get(a)));
        const ck = `${key}\n      <= ${chain.join('\n      <= ')}`;
        callers.set(ck, (callers.get(ck) ?? 0) + us);
      }
    }
  }
  show(`inclusive time of functions matching "${filter}"`, inclusive);
  show('their callers', callers);
}
