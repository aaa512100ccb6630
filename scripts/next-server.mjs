// The sandbox's server process: the built Next app behind Node's own HTTP
// server, one process. Used by `npm start`, the test servers and the bench.
//
//   node scripts/next-server.mjs [-p PORT]      (PORT env also works; default 3000)
//
// Why not `next start`:
// - `joinDuplicateHeaders`: Node otherwise keeps only the first of two
//   `Authorization` headers, so the resource server could never see that a
//   request sent two (RFC 6750 §3.1 wants that refused). With it, repeated
//   headers reach the app joined with ", ".
// - Ctrl-C / SIGTERM closes every connection, live timeline streams included,
//   and the process exits within 2 s (next start waited for open streams).
// - A busy port is one clear line, not a stack trace.
// NEXT_DIST_DIR still chooses the build folder: next.config.ts reads it.
import http from 'node:http';
import path from 'node:path';
import next from 'next';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const SHUTDOWN_GRACE_MS = 1500;

function portFromArgs(argv) {
  const i = argv.findIndex((a) => a === '-p' || a === '--port');
  const value = i >= 0 ? argv[i + 1] : process.env.PORT;
  const port = Number(value ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`✗ "${value}" is not a port number (0-65535)`);
    process.exit(2);
  }
  return port;
}

const port = portFromArgs(process.argv.slice(2));
const server = http.createServer({ joinDuplicateHeaders: true });
server.on('error', (e) => {
  if (e.code === 'EADDRINUSE') console.error(`✗ Port ${port} is already in use: stop the server that holds it, or choose another port (PORT=4000 npm start).`);
  else if (e.code === 'EACCES') console.error(`✗ Port ${port} needs privileges this user does not have: choose a port above 1024.`);
  else console.error(`✗ The server could not listen on port ${port}: ${e.message}`);
  process.exit(1);
});

// A request Node's parser refuses (a header block over maxHeaderSize, a broken
// request line): answer it and close, but keep reading what the client still
// sends for a moment. Node's default destroys the socket at once, and closing
// a socket with unread data sends a TCP reset, which a client still writing
// its 100 KB header sees as ECONNRESET instead of the 431 (RFC 6585 §5).
const CLIENT_ERROR_STATUS = { HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large'], ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout'] };
const DRAIN_MS = 2_000;
const answered = new WeakSet(); // the parser reports every later chunk of a refused request again
server.on('clientError', (err, socket) => {
  if (answered.has(socket)) return;
  answered.add(socket);
  if (err.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
  const [status, reason] = CLIENT_ERROR_STATUS[err.code] ?? [400, 'Bad Request'];
  socket.on('data', () => {}); // drain, so the close is a FIN, not a reset
  socket.on('error', () => {});
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  setTimeout(() => socket.destroy(), DRAIN_MS).unref();
});

// Loopback only unless HOST says otherwise: the sandbox has open registration
// and demo secrets anyone may read, which a classroom's LAN should not reach
// by accident. HOST=0.0.0.0 (every interface) shares it on purpose.
const host = process.env.HOST || '127.0.0.1';
// Listen first, so a busy port is reported before Next spends seconds loading.
await new Promise((resolve) => server.listen(port, host, resolve));
const actualPort = server.address().port;

const app = next({ dev: false, dir: root, hostname: 'localhost', port: actualPort });
const ready = app.prepare();
const handle = app.getRequestHandler();
server.on('request', (req, res) => {
  ready.then(() => handle(req, res)).catch((e) => {
    console.error(e);
    if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
    res.end('Server error');
  });
});
await ready;
console.log(`> OAuth Sandbox ready on http://localhost:${actualPort}${host === '127.0.0.1' ? '' : ` (listening on ${host})`}`);

let stopping = false;
function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`> ${signal}: closing connections and stopping`);
  // Nothing new is accepted; idle keep-alive sockets and live SSE streams are cut now.
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  server.closeAllConnections();
  // Whatever still holds the event loop (a timer, a pending fetch) does not hold the process.
  setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
  app.close?.().catch(() => {});
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
