// `npm start`: generates the secrets it needs under .data/, builds when the
// sources changed, and serves the sandbox on http://localhost:3000 (PORT to change).
import { buildIfNeeded, ensureSecrets, startServer } from './server.mjs';

const port = Number(process.env.PORT || 3000);
ensureSecrets();
buildIfNeeded();
const server = await startServer({ port });
console.log(`\nOAuth Sandbox is running on ${server.origin}\n`);
const stop = () => server.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.child.on('exit', (code) => process.exit(code ?? 0));
