// A Server-Sent Events reader over node:http (one socket per stream, as each
// browser tab holds one), and the server's memory read from /proc.
import fs from 'node:fs';
import http from 'node:http';

/**
 * Opens `{origin}/api/runs/current/stream` with the run cookie and calls
 * `onEvent(data, receivedAtMs)` for each `data:` event (parsed JSON).
 * Resolves once the response headers arrive; `close()` ends it.
 */
export function openStream(origin, cookie, onEvent) {
  return new Promise((resolve, reject) => {
    const req = http.get(`${origin}/api/runs/current/stream`, { agent: false, headers: { cookie, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`stream: HTTP ${res.statusCode}`));
        return;
      }
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk) => {
        const at = performance.now();
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data:'))
            .map((l) => l.slice(5).trimStart())
            .join('\n');
          if (!data) continue;
          try {
            onEvent(JSON.parse(data), at);
          } catch {
            /* not JSON: a control event */
          }
        }
      });
      res.on('error', () => {});
      resolve({ close: () => req.destroy() });
    });
    req.on('error', reject);
    req.setTimeout(120_000, () => req.destroy());
  });
}

function processTree(rootPid) {
  const children = new Map();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(name));
    } catch {
      /* gone */
    }
  }
  const pids = [rootPid];
  for (let i = 0; i < pids.length; i++) pids.push(...(children.get(pids[i]) ?? []));
  return pids;
}

function statusKb(pid, field) {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Resident memory of the server process and its children, in MB (Linux /proc; 0 elsewhere). */
/** CPU time (user + system, ms) the process has used so far, all its threads: from /proc, in clock ticks of 10 ms. */
export function processCpuMs(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export function serverRssMb(rootPid) {
  if (!fs.existsSync('/proc')) return 0;
  return processTree(rootPid).reduce((sum, pid) => sum + statusKb(pid, 'VmRSS'), 0) / 1024;
}

/** Samples serverRssMb every `everyMs` until stopped; `stop()` returns the peak seen. */
export function sampleRss(rootPid, everyMs = 100) {
  let peak = serverRssMb(rootPid);
  const timer = setInterval(() => (peak = Math.max(peak, serverRssMb(rootPid))), everyMs);
  return () => {
    clearInterval(timer);
    return Math.max(peak, serverRssMb(rootPid));
  };
}
