import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A native app's redirect endpoint (RFC 8252 §7.3): a tiny HTTP server on
 * 127.0.0.1 on a free port that records the authorization response.
 */
export class LoopbackCallback {
  private server?: http.Server;
  private waiting: ((url: URL) => void)[] = [];
  readonly received: URL[] = [];
  port = 0;

  get redirectUri(): string {
    return `http://127.0.0.1:${this.port}/callback`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', this.redirectUri);
      if (url.pathname === '/callback') {
        this.received.push(url);
        for (const w of this.waiting.splice(0)) w(url);
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!DOCTYPE html><title>Callback</title><h1>Authorization response received</h1><p>You can close this window.</p>');
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** The next (or already received) authorization response. */
  next(): Promise<URL> {
    const got = this.received.shift();
    return got ? Promise.resolve(got) : new Promise((resolve) => this.waiting.push(resolve));
  }

  async stop(): Promise<void> {
    // A browser keeps its connection alive: close it too, or close() waits for the browser to let go.
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
