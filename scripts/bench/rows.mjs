// The bench's rows. Each returns { rps, p50, p95, p99, ... }: requests (or
// flows, or operations) per second and latencies in ms. Every loop is bounded
// by a count and a deadline; all traffic goes to the loopback server.
import autocannon from 'autocannon';
import { clientCredentialsRequest, codeFlow, newRun, serviceToken } from './client.mjs';
import { openStream, processCpuMs, sampleRss } from './sse.mjs';

export function percentiles(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p) => (s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN);
  return { p50: q(0.5), p95: q(0.95), p99: q(0.99) };
}

const weighted = (parts, key) => parts.reduce((sum, r) => sum + r.latency[key] * r.requests.total, 0) / Math.max(1, parts.reduce((n, r) => n + r.requests.total, 0));

/**
 * Closed-loop load with autocannon: `connections` keep-alive connections,
 * each sending the next request when the last answered. The rows are
 * measured interleaved, `rounds` slices of `seconds / rounds` each in turn
 * (after a 1 s warm-up each, not counted), so that a neighbour's build
 * slowing the machine for a while slows every row alike and the ratios hold.
 * Any non-2xx counts as an error. Latencies are the slices' percentiles,
 * weighted by their request counts. With `cpuMs` (the server's CPU time so
 * far, all its threads), each row also gets `cpuMsPerRequest`: what one
 * request costs the server whatever its neighbours do to the wall clock.
 */
export async function loadInterleaved(requests, { connections = 10, seconds = 5, rounds = 4, cpuMs } = {}) {
  const opts = (r) => ({ url: r.url, method: r.method ?? 'GET', headers: r.headers ?? {}, body: r.body, connections });
  for (const r of Object.values(requests)) await autocannon({ ...opts(r), duration: 1 });
  const parts = Object.fromEntries(Object.keys(requests).map((k) => [k, []]));
  const cpu = Object.fromEntries(Object.keys(requests).map((k) => [k, 0]));
  for (let i = 0; i < rounds; i++)
    for (const [k, r] of Object.entries(requests)) {
      const before = cpuMs?.();
      parts[k].push(await autocannon({ ...opts(r), duration: seconds / rounds }));
      if (cpuMs) cpu[k] += cpuMs() - before;
    }
  return Object.fromEntries(
    Object.entries(parts).map(([k, ps]) => {
      const total = ps.reduce((n, r) => n + r.requests.total, 0);
      const ms = ps.reduce((n, r) => n + r.duration * 1000, 0);
      const perRequest = cpuMs && total ? { cpuMsPerRequest: cpu[k] / total } : {};
      return [k, { rps: (1000 * total) / ms, p50: weighted(ps, 'p50'), p99: weighted(ps, 'p99'), requests: total, errors: ps.reduce((n, r) => n + r.errors + r.timeouts + r.non2xx, 0), ...perRequest }];
    }),
  );
}

/** `workers` concurrent whole code flows until `maxFlows` or `seconds`, whichever first. */
export async function flows(origin, { workers = 4, seconds = 8, maxFlows = 400 } = {}) {
  const run = await newRun(origin);
  await codeFlow(origin, run); // warm-up
  const samples = [];
  let errors = 0;
  let started = 0;
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < deadline && started < maxFlows) {
        started++;
        const t = performance.now();
        try {
          await codeFlow(origin, run);
          samples.push(performance.now() - t);
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  return { rps: samples.length / elapsed, ...percentiles(samples), requests: samples.length, errors, unit: 'flows/s' };
}

/**
 * From a resource server request to its event on the run's live stream
 * (opened with the run cookie, as the timeline page does): `count` requests
 * one after another, each tagged in its query so its event can be told apart.
 */
export async function timelineLatency(origin, { count = 300, seconds = 30, noteId = 'n2' } = {}) {
  const run = await newRun(origin);
  const token = await serviceToken(origin, run);
  const waiting = new Map();
  const stream = await openStream(origin, run.cookie, (event, at) => {
    const url = event?.http?.request?.url;
    const tag = typeof url === 'string' ? /[?&]bench=(\d+)/.exec(url)?.[1] : undefined;
    if (tag !== undefined) waiting.get(tag)?.(at);
  });
  const samples = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  try {
    for (let i = 0; i < count && performance.now() < deadline; i++) {
      const tag = String(i);
      const arrived = new Promise((resolve) => {
        waiting.set(tag, resolve);
        setTimeout(() => resolve(undefined), 5_000);
      });
      const sent = performance.now();
      const res = await fetch(`${origin}/rs/api/notes/${noteId}?bench=${tag}`, { headers: { authorization: `Bearer ${token}` } });
      await res.arrayBuffer();
      const at = await arrived;
      waiting.delete(tag);
      if (!res.ok || at === undefined) errors++;
      else samples.push(at - sent);
    }
  } finally {
    stream.close();
  }
  const total = samples.reduce((a, b) => a + b, 0);
  return { rps: samples.length ? (1000 * samples.length) / total : 0, ...percentiles(samples), requests: samples.length, errors };
}

/**
 * `learners` people at once, each with a run of their own: open the page's
 * run (cookie), the live stream, a client_credentials token, then five reads
 * of the Notes API. Errors, latency of every request, the server's peak RSS.
 */
export async function learners(origin, serverPid, { learners: n = 200, calls = 5, seconds = 120 } = {}) {
  const stopRss = sampleRss(serverPid);
  const cpuBefore = processCpuMs(serverPid);
  const samples = [];
  /** The same latencies by step, to see which step makes the tail. */
  const bySteps = { run: [], stream: [], token: [], read: [] };
  const streams = [];
  let errors = 0;
  let unfinished = 0;
  const deadline = performance.now() + seconds * 1000;
  class Deadline extends Error {}
  const timed = async (step, fn) => {
    if (performance.now() > deadline) throw new Deadline();
    const t = performance.now();
    const r = await fn();
    samples.push(performance.now() - t);
    bySteps[step].push(performance.now() - t);
    return r;
  };
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: n }, async () => {
      try {
        const run = await timed('run', () => newRun(origin));
        streams.push(await timed('stream', () => openStream(origin, run.cookie, () => {})));
        const cc = clientCredentialsRequest(origin, run);
        const token = await timed('token', async () => {
          const res = await fetch(cc.url, cc);
          if (!res.ok) throw new Error(`token ${res.status}`);
          return (await res.json()).access_token;
        });
        for (let i = 0; i < calls; i++) {
          await timed('read', async () => {
            const res = await fetch(`${origin}/rs/api/notes`, { headers: { authorization: `Bearer ${token}` } });
            await res.arrayBuffer();
            if (!res.ok) throw new Error(`notes ${res.status}`);
          });
        }
      } catch (e) {
        if (e instanceof Deadline) unfinished++;
        else errors++;
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  const cpuMs = processCpuMs(serverPid) - cpuBefore;
  for (const s of streams) s.close();
  // A learner cut off by the deadline failed too: counted among the errors, and said apart.
  const steps = Object.fromEntries(Object.entries(bySteps).map(([k, s]) => [k, { ...percentiles(s), count: s.length }]));
  // What the requests cost the server against how long they waited: the server's CPU time over the
  // row (all its threads) per request, and the share of the p95 that was not that work but queueing.
  const cpuMsPerRequest = samples.length ? cpuMs / samples.length : undefined;
  const queueing = cpuMsPerRequest !== undefined ? { cpuMsPerRequest, serverCpuSeconds: cpuMs / 1000, queueingShareOfP95: 1 - cpuMsPerRequest / percentiles(samples).p95 } : {};
  return { rps: samples.length / elapsed, ...percentiles(samples), requests: samples.length, errors: errors + unfinished, unfinished, peakRssMb: Math.round(stopRss()), learners: n, seconds: elapsed, ...queueing, steps };
}
