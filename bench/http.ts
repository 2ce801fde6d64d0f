/**
 * Search latency over HTTP: the real server (server/main.ts in its own process, started by the
 * load-test colleague's startBenchServer on 127.0.0.1) driven by autocannon through their runLoad,
 * with the server's memory read from /proc around the runs.
 */
import type { Logger } from '../core/logger.js';
import { silentLogger } from '../core/logger.js';
import { indexStatus } from '../ingest/index.js';
import { buildEmbedder, type EmbedderSpec } from './embedders.js';
import { runLoad, unintendedErrors, type LoadRunResult } from './loadtest-run.js';
import { startBenchServer, type BenchServer } from './loadtest-server.js';
import { procMemory } from './machine.js';
import { searchRequests, type QuestionMix } from './questions.js';

/** Limits for a speed run: no rate limit, and the search gate above the connection count so
 * nothing is refused or shed (same settings as the load test's throughput runs). */
export function throughputEnv(maxConnections: number): Record<string, string> {
  return {
    RATE_LIMIT_MAX: '0',
    ANSWER_CONCURRENCY: String(Math.max(4, maxConnections)),
    ANSWER_QUEUE: String(Math.max(16, maxConnections * 4)),
    REQUEST_TIMEOUT_MS: '60000',
  };
}

export interface ServerSpec {
  corpusDir: string;
  indexDir: string;
  env: Record<string, string>;
  logger: Logger;
  /** First start may ingest: allow for it. */
  startTimeoutMs: number;
}

export interface ServerMemory {
  /** Seconds from spawn to "Assistant ready" (includes ingest when the index was missing). */
  startSeconds: number;
  readyRssMiB: number | null;
  afterLoadRssMiB: number | null;
  peakRssMiB: number | null;
}

export interface HttpRow {
  k: number;
  connections: number;
  requests: number;
  rps: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  /** Non-2xx responses plus connection errors (must be 0). */
  failures: number;
  statuses: Record<string, number>;
}

export interface HttpRunOptions {
  ks: number[];
  connections: number[];
  durationSec: number;
  warmupSec: number;
  logger: Logger;
}

export function toRow(k: number, r: LoadRunResult): HttpRow {
  return {
    k,
    connections: r.connections,
    requests: r.requests,
    rps: r.rps,
    p50Ms: r.latencyMs.p50,
    p95Ms: r.latencyMs.p95,
    p99Ms: r.latencyMs.p99,
    maxMs: r.latencyMs.max,
    meanMs: r.latencyMs.mean,
    failures: unintendedErrors(r),
    statuses: r.statuses,
  };
}

/**
 * Refuse to measure a server on an index that no longer matches the code: the server would
 * rebuild it at start (minutes at 100k, silently inside "start time") and the section would
 * compare an index built by one version with queries embedded by another. Happens when the
 * embedder changes while a long bench runs.
 */
export async function assertFreshIndex(corpusDir: string, indexDir: string, embedder: EmbedderSpec): Promise<void> {
  const status = await indexStatus({ corpusDir, indexDir, databaseUrl: null, embedder: buildEmbedder(embedder, silentLogger), logger: silentLogger });
  if (status.state !== 'fresh') {
    throw new Error(
      `the index at ${indexDir} is ${status.state} for the current code (${status.reasons.slice(0, 3).join('; ')}): ` +
        'the embedder or the corpus changed since this run built it; run the bench again.',
    );
  }
}

/** Start a server, hand it to `run`, stop it; memory is sampled when ready, after `run`, and at peak. */
export async function withServer<T>(spec: ServerSpec, run: (server: BenchServer) => Promise<T>): Promise<{ result: T; memory: ServerMemory }> {
  const start = () => startBenchServer({ corpusDir: spec.corpusDir, indexDir: spec.indexDir, env: spec.env, logger: spec.logger, startTimeoutMs: spec.startTimeoutMs });
  let t0 = performance.now();
  let server: BenchServer;
  try {
    server = await start();
  } catch (err) {
    // Killed by a signal before it was ready, with nothing on stderr: seen once on the shared
    // machine and not reproducible (a dozen starts in a row fine). One retry, said out loud; an exit
    // with a code (a real start failure) is never retried.
    if (!(err instanceof Error) || !/exited \(null\) before it was ready/.test(err.message)) throw err;
    spec.logger.warn('server killed by a signal before it was ready; retrying once', { corpusDir: spec.corpusDir });
    t0 = performance.now();
    server = await start();
  }
  const startSeconds = (performance.now() - t0) / 1000;
  try {
    const ready = procMemory(server.pid);
    const result = await run(server);
    const after = procMemory(server.pid);
    return { result, memory: { startSeconds, readyRssMiB: ready?.rssMiB ?? null, afterLoadRssMiB: after?.rssMiB ?? null, peakRssMiB: after?.peakMiB ?? null } };
  } finally {
    const code = await server.stop();
    if (code !== 0) spec.logger.warn('server exited with a non-zero code after SIGTERM', { code });
  }
}

/** Every (k, connections) pair, after a short warm-up (JIT, caches) outside the measured runs. */
export async function measureSearch(server: BenchServer, mix: QuestionMix, o: HttpRunOptions): Promise<HttpRow[]> {
  const firstK = o.ks[0] ?? 10;
  await runLoad({ url: server.url, name: 'warm-up', requests: searchRequests(mix, firstK), connections: 2, durationSec: o.warmupSec });
  const rows: HttpRow[] = [];
  for (const k of o.ks) {
    const requests = searchRequests(mix, k);
    for (const connections of o.connections) {
      const r = await runLoad({ url: server.url, name: `GET /api/search k=${k}`, requests, connections, durationSec: o.durationSec });
      const row = toRow(k, r);
      o.logger.info('http run', { k, connections, rps: row.rps, p50: row.p50Ms, p95: row.p95Ms, p99: row.p99Ms, failures: row.failures });
      rows.push(row);
    }
  }
  return rows;
}
