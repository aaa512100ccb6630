// Where a .cpuprofile's time went in the app's own sources: frames in the
// build's chunks are mapped back through their source maps to lib/, app/
// (or a package the chunk bundled), and time is summed by source file and by
// function, inclusive (a function and all it called, counted once per sample).
//   node scripts/bench/profile-sources.mjs FILE.cpuprofile [top=30] [only=REGEX]
// `only` keeps the samples whose stack passes through a source matching it
// (e.g. "as/token/route" for the token endpoint's requests alone).
import fs from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

const [file, topArg, only] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/bench/profile-sources.mjs FILE.cpuprofile [top] [only]');
  process.exit(2);
}
const top = Number(topArg || 30);
const onlyRe = only ? new RegExp(only) : undefined;
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const maps = new Map();
function mapFor(url) {
  if (!maps.has(url)) {
    let m;
    try {
      const path = url.startsWith('file://') ? fileURLToPath(url) : url;
      if (/\/\.next[^/]*\/server\//.test(path) && fs.existsSync(`${path}.map`)) m = new SourceMap(JSON.parse(fs.readFileSync(`${path}.map`, 'utf8')));
    } catch {
      m = undefined;
    }
    maps.set(url, m);
  }
  return maps.get(url);
}
/** A frame as `source:line` in the original code, or undefined when it is not in a mapped chunk. */
const where = new Map();
function original(node) {
  if (where.has(node.id)) return where.get(node.id);
  const f = node.callFrame;
  const m = f.url && mapFor(f.url);
  let w;
  if (m) {
    const e = m.findEntry(f.lineNumber, f.columnNumber);
    if (e?.originalSource) {
      const src = e.originalSource.replace(/^(\.\.\/)+/, '').replace(/^\[project\]\//, '');
      w = { file: src, fn: `${e.name ?? f.functionName ?? ''}  ${src}:${e.originalLine + 1}` };
    }
  }
  where.set(node.id, w);
  return w;
}

const self = new Map();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const byFile = new Map();
const byFn = new Map();
let kept = 0;
for (const [id, us] of self) {
  const stack = [];
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) stack.push(original(byId.get(cur)));
  if (onlyRe && !stack.some((w) => w && onlyRe.test(w.file))) continue;
  const name = byId.get(id).callFrame.functionName;
  if (name === '(idle)' || name === '(program)') continue;
  kept += us;
  const files = new Set(stack.filter(Boolean).map((w) => w.file));
  const fns = new Set(stack.filter(Boolean).map((w) => w.fn));
  for (const f of files) byFile.set(f, (byFile.get(f) ?? 0) + us);
  for (const f of fns) byFn.set(f, (byFn.get(f) ?? 0) + us);
}
const show = (title, m) => {
  console.log(`\n${title}`);
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .forEach(([k, us]) => console.log(`${((100 * us) / kept).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`));
};
console.log(`${file}: ${(kept / 1000).toFixed(0)} ms busy${onlyRe ? ` in samples through ${only}` : ''} (shares below are of that)`);
show('inclusive time by source file', byFile);
show('inclusive time by function (source line)', byFn);
