// `npm start`: generates the secrets it needs under .data/, builds when the
// sources changed, and serves the sandbox on http://localhost:3000 (PORT to change).
import { buildIfNeeded, ensureSecrets, portIsFree, startServer } from './server.mjs';

const port = Number(process.env.PORT || 3000);
// Checked before the build, so a busy port costs no build time and prints one line.
if (!(await portIsFree(port))) {
  console.error(`✗ Port ${port} is already in use: stop the server that holds it, or choose another port (PORT=4000 npm start).`);
  process.exit(1);
}
let server;
try {
  ensureSecrets();
  buildIfNeeded();
  server = await startServer({ port });
} catch (e) {
  console.error(`✗ ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
console.log(`\nOAuth Sandbox is running on ${server.origin}\n`);
// The server process closes its streams and exits within 2 s of the signal; we follow it.
const stop = () => server.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.child.on('exit', (code) => process.exit(code ?? 0));
