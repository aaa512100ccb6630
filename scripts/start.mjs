// `npm start`: generates the secrets it needs under .data/, builds when the
// sources changed, and serves the sandbox on http://localhost:3000 (PORT to
// change; loopback only unless HOST, e.g. HOST=0.0.0.0). The server prints
// the one "ready" line. It stops with its parent: SIGTERM to npm's process,
// which does not pass the signal on, stops the sandbox too.
import { buildIfNeeded, ensureSecrets, portIsFree, startServer } from './server.mjs';

// Our parent, noted first: it may die while we build or wait for the server.
const parent = process.ppid;
const port = Number(process.env.PORT || 3000);
// Checked before the build, so a busy port costs no build time and prints one line.
if (!(await portIsFree(port))) {
  console.error(`✗ Port ${port} is already in use: stop the server that holds it, or choose another port (PORT=4000 npm start).`);
  process.exit(1);
}
let server;
try {
  ensureSecrets();
  const distDir = process.env.NEXT_DIST_DIR || '.next';
  buildIfNeeded(distDir);
  server = await startServer({ port, distDir });
} catch (e) {
  console.error(`✗ ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
// The server process closes its streams and exits within 2 s of the signal; we follow it.
let stopping;
const stop = () => (stopping ??= server.stop().then(() => process.exit(0)));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
// npm (and `sh -c`) die of a SIGTERM without passing it on, and we are left
// to init: a new parent id means ours is gone, so stop as if signalled.
setInterval(() => {
  if (process.ppid !== parent) stop();
}, 500);
server.child.on('exit', (code) => process.exit(code ?? 0));
