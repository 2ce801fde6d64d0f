/**
 * `npm run loadtest` — throughput, flood and overload against a server this tool starts itself on
 * 127.0.0.1 (refuses any other host), each in bounded time:
 *
 *   1. throughput: GET /api/search and POST /api/chat at 1, 8 and 32 connections, rate limit off
 *      and the answer cap above the connection count, so the run measures speed; any non-2xx or
 *      connection error counts as a failure;
 *   2. flood: one client (all connections from 127.0.0.1) far over RATE_LIMIT_MAX → 429s, each
 *      with Retry-After and RateLimit-* headers;
 *   3. overload: 32 connections on POST /api/chat with ANSWER_CONCURRENCY=2, ANSWER_QUEUE=2 →
 *      503s with Retry-After, while accepted requests stay fast.
 *
 * `npm run loadtest -- --soak 300` instead runs steady mixed load for 300 s and samples the
 * server's RSS every --sample-ms (default 5000) to check that memory stays flat.
 *
 * Options: --duration S (per throughput run, default 10) --connections 1,8,32 --bulk N (add N
 * copies of corpus documents to the index) --soak S --sample-ms MS --soak-connections N
 * --host 127.0.0.1|localhost|::1 --out data/bench
 * Writes data/bench/loadtest.{md,json} (or soak.{md,json}); exit code 1 when a check fails.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createLogger, type Logger } from '../core/logger.js';
import { loadMarkdown, soakMarkdown, type LoadReport } from './loadtest-report.js';
import { runLoad, unintendedErrors, type LoadRequest, type LoadRunResult } from './loadtest-run.js';
import { startStubLlm } from './loadtest-llm.js';
import { assertLoopback, startBenchServer, type BenchServer } from './loadtest-server.js';
import { runSoak } from './loadtest-soak.js';

export interface LoadTestOptions {
  host: string;
  durationSec: number;
  connections: number[];
  bulk: number;
  soakSec: number | null;
  sampleMs: number;
  soakConnections: number;
  outDir: string;
  corpusDir: string;
  logger: Logger;
}

export const DEFAULT_LOAD_TEST: LoadTestOptions = {
  host: '127.0.0.1',
  durationSec: 10,
  connections: [1, 8, 32],
  bulk: 0,
  soakSec: null,
  sampleMs: 5000,
  soakConnections: 8,
  outDir: path.join('data', 'bench'),
  corpusDir: 'corpus',
  logger: createLogger({ level: 'info' }),
};

const QUESTIONS = [
  'Qui dirige INTERPOL ?',
  'Who did Jürgen Stock meet at the United Nations?',
  'Combien de profils de terroristes étrangers ?',
  'What does INTERPOL do against cybercrime?',
  'Quel est le rôle du Conseil de sécurité des Nations unies ?',
];

export const SEARCH_REQUESTS: LoadRequest[] = QUESTIONS.map((q) => ({ method: 'GET', path: `/api/search?q=${encodeURIComponent(q)}&k=5` }));
export const CHAT_REQUESTS: LoadRequest[] = QUESTIONS.map((q) => ({
  method: 'POST',
  path: '/api/chat',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ message: q }),
}));

/** Limits for a throughput run: nothing refused, nothing queued beyond the connection count. */
const THROUGHPUT_ENV = (maxConnections: number) => ({
  RATE_LIMIT_MAX: '0',
  ANSWER_CONCURRENCY: String(Math.max(4, maxConnections)),
  ANSWER_QUEUE: String(Math.max(16, maxConnections * 4)),
  REQUEST_TIMEOUT_MS: '60000',
});
const FLOOD_ENV = { RATE_LIMIT_MAX: '50', RATE_LIMIT_WINDOW_MS: '60000' };
const OVERLOAD_ENV = { RATE_LIMIT_MAX: '0', ANSWER_CONCURRENCY: '2', ANSWER_QUEUE: '2', LLM_TIMEOUT_MS: '10000' };
/** Simulated LLM latency in the overload run (see loadtest-llm.ts). */
const OVERLOAD_LLM_LATENCY_MS = 300;
/** Answerable questions: the LLM composer is only called when retrieval finds an answer. */
const OVERLOAD_REQUESTS: LoadRequest[] = ['Qui a rencontré Jürgen Stock à l’ONU ?', 'Who did Jürgen Stock meet at the United Nations?'].map((q) => ({
  method: 'POST',
  path: '/api/chat',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ message: q }),
}));

function parseOptions(argv: string[]): LoadTestOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string' },
      duration: { type: 'string' },
      connections: { type: 'string' },
      bulk: { type: 'string' },
      soak: { type: 'string' },
      'sample-ms': { type: 'string' },
      'soak-connections': { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(
      'npm run loadtest -- [--duration 10] [--connections 1,8,32] [--bulk N] [--out data/bench]\n' +
        'npm run loadtest -- --soak 300 [--sample-ms 5000] [--soak-connections 8]\n',
    );
    process.exit(0);
  }
  const int = (name: string, raw: string | undefined, fallback: number, min: number, max: number): number => {
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new Error(`--${name} must be an integer in [${min}, ${max}], got "${raw}".`);
    return Number(raw);
  };
  const host = values.host ?? DEFAULT_LOAD_TEST.host;
  assertLoopback(host);
  return {
    ...DEFAULT_LOAD_TEST,
    host,
    durationSec: int('duration', values.duration, DEFAULT_LOAD_TEST.durationSec, 1, 120),
    connections: values.connections
      ? values.connections.split(',').map((c) => int('connections', c.trim(), 1, 1, 256))
      : DEFAULT_LOAD_TEST.connections,
    bulk: int('bulk', values.bulk, 0, 0, 5000),
    soakSec: values.soak === undefined ? null : int('soak', values.soak, 300, 10, 3600),
    sampleMs: int('sample-ms', values['sample-ms'], DEFAULT_LOAD_TEST.sampleMs, 500, 60_000),
    soakConnections: int('soak-connections', values['soak-connections'], DEFAULT_LOAD_TEST.soakConnections, 1, 256),
    outDir: values.out ?? DEFAULT_LOAD_TEST.outDir,
  };
}

async function prepare(o: LoadTestOptions): Promise<{ root: string; corpusDir: string; indexDir: string }> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'loadtest-'));
  const corpusDir = path.join(root, 'corpus');
  await fs.cp(o.corpusDir, corpusDir, { recursive: true });
  if (o.bulk > 0) {
    const names = (await fs.readdir(o.corpusDir)).filter((n) => n.endsWith('.txt')).sort();
    const texts = await Promise.all(names.map((n) => fs.readFile(path.join(o.corpusDir, n), 'utf8')));
    await fs.mkdir(path.join(corpusDir, 'bulk'));
    for (let i = 0; i < o.bulk; i++) {
      await fs.writeFile(path.join(corpusDir, 'bulk', `copie-${i}.txt`), `Copie ${i}\n\n${texts[i % texts.length]}\nVariante ${i}.\n`);
    }
  }
  return { root, corpusDir, indexDir: path.join(root, 'index') };
}

async function indexInfo(server: BenchServer): Promise<{ documents: number; passages: number }> {
  const h = (await (await fetch(`${server.url}/health`)).json()) as { documents: number; passages: number };
  return { documents: h.documents, passages: h.passages };
}

async function withServer<T>(
  dirs: { corpusDir: string; indexDir: string },
  env: Record<string, string>,
  o: LoadTestOptions,
  problems: string[],
  run: (s: BenchServer) => Promise<T>,
  warmUp = true,
): Promise<T> {
  const server = await startBenchServer({ ...dirs, host: o.host, env, logger: o.logger });
  try {
    // Warm-up (JIT, lazily built answerer) outside the measured runs.
    if (warmUp) await runLoad({ url: server.url, name: 'warm-up', requests: [...SEARCH_REQUESTS, ...CHAT_REQUESTS], connections: 2, durationSec: 2 });
    return await run(server);
  } finally {
    const code = await server.stop();
    if (code !== 0) problems.push(`server exited with code ${code} after SIGTERM (expected 0)`);
  }
}

function machine() {
  const cpus = os.cpus();
  const load = os.loadavg().map((x) => Math.round(x * 10) / 10);
  return { cpus: cpus.length, cpuModel: cpus[0]?.model.trim() ?? '?', memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadAvg: load };
}

async function main(): Promise<number> {
  const o = parseOptions(process.argv.slice(2));
  const log = o.logger;
  const dirs = await prepare(o);
  await fs.mkdir(o.outDir, { recursive: true });
  const problems: string[] = [];
  const date = new Date().toISOString();
  try {
    if (o.soakSec !== null) {
      let index = { documents: 0, passages: 0 };
      const soak = await withServer(dirs, THROUGHPUT_ENV(o.soakConnections), o, problems, async (server) => {
        index = await indexInfo(server);
        log.info('soak started', { seconds: o.soakSec, sampleMs: o.sampleMs, connections: o.soakConnections });
        return runSoak(server, {
          seconds: o.soakSec!,
          sampleMs: o.sampleMs,
          connections: o.soakConnections,
          requests: [...SEARCH_REQUESTS, ...CHAT_REQUESTS],
          maxSlopeMiBPerMin: 2,
          logger: log,
        });
      });
      if (unintendedErrors(soak.load) > 0) problems.push(`soak: ${unintendedErrors(soak.load)} unintended errors (${JSON.stringify(soak.load.statuses)})`);
      if (!soak.flat) problems.push('soak: RSS is not flat');
      const meta = { date, machine: machine(), index };
      await fs.writeFile(path.join(o.outDir, 'soak.json'), JSON.stringify({ ...meta, ...soak, ok: problems.length === 0, problems }, null, 2));
      const md = soakMarkdown(soak, meta) + (problems.length ? `\nProblems:\n${problems.map((p) => `- ${p}`).join('\n')}\n` : '');
      await fs.writeFile(path.join(o.outDir, 'soak.md'), md);
      process.stdout.write(md);
      return problems.length === 0 ? 0 : 1;
    }

    const maxConn = Math.max(...o.connections);
    let index = { documents: 0, passages: 0 };
    const throughput = await withServer(dirs, THROUGHPUT_ENV(maxConn), o, problems, async (server) => {
      index = await indexInfo(server);
      const runs: LoadRunResult[] = [];
      for (const [name, requests] of [['GET /api/search', SEARCH_REQUESTS], ['POST /api/chat', CHAT_REQUESTS]] as const) {
        for (const connections of o.connections) {
          log.info('run', { name, connections, seconds: o.durationSec });
          const r = await runLoad({ url: server.url, name, requests, connections, durationSec: o.durationSec });
          log.info('result', { name, connections, rps: r.rps, p50: r.latencyMs.p50, p95: r.latencyMs.p95, p99: r.latencyMs.p99, statuses: r.statuses });
          if (unintendedErrors(r) > 0) problems.push(`${name} at ${connections} connections: ${unintendedErrors(r)} unintended errors (${JSON.stringify(r.statuses)}, ${r.errors} connection errors)`);
          runs.push(r);
        }
      }
      return runs;
    });

    log.info('flood run', FLOOD_ENV);
    // No warm-up: the whole window's budget is the flood's, so exactly RATE_LIMIT_MAX requests pass.
    const flood = await withServer(
      dirs,
      FLOOD_ENV,
      o,
      problems,
      (server) => runLoad({ url: server.url, name: 'flood GET /api/search', requests: SEARCH_REQUESTS, connections: 4, durationSec: 5 }),
      false,
    );
    const f429 = flood.statuses['429'] ?? 0;
    if (f429 === 0) problems.push('flood: no 429 responses');
    if (flood.refusedHeaders.retryAfter !== flood.refusedHeaders.count || flood.refusedHeaders.rateLimit !== flood.refusedHeaders.count) {
      problems.push('flood: some 429 responses lack Retry-After or RateLimit headers');
    }
    if ((flood.statuses['200'] ?? 0) > Number(FLOOD_ENV.RATE_LIMIT_MAX)) problems.push('flood: more 200s than the limit allows');
    if (unintendedErrors(flood) !== f429) problems.push(`flood: unexpected statuses or errors ${JSON.stringify(flood.statuses)}, ${flood.errors} errors`);

    log.info('overload run', { ...OVERLOAD_ENV, llmLatencyMs: OVERLOAD_LLM_LATENCY_MS });
    const llm = await startStubLlm({ latencyMs: OVERLOAD_LLM_LATENCY_MS });
    const overloadEnv = { ...OVERLOAD_ENV, LLM_BASE_URL: llm.baseUrl, LLM_MODEL: 'stub' };
    let overload: LoadRunResult;
    try {
      overload = await withServer(dirs, overloadEnv, o, problems, (server) =>
        runLoad({ url: server.url, name: 'overload POST /api/chat', requests: OVERLOAD_REQUESTS, connections: 32, durationSec: 5 }),
      );
    } finally {
      await llm.close();
    }
    if (llm.requests() === 0) problems.push('overload: the answer pipeline never called the (stub) LLM');
    const o503 = overload.statuses['503'] ?? 0;
    if (o503 === 0) problems.push('overload: no 503 responses');
    if (overload.refusedHeaders.retryAfter !== overload.refusedHeaders.count) problems.push('overload: some 503 responses lack Retry-After');
    if (unintendedErrors(overload) !== o503) problems.push(`overload: unexpected statuses or errors ${JSON.stringify(overload.statuses)}, ${overload.errors} errors`);

    const report: LoadReport = {
      date,
      machine: machine(),
      index,
      throughput,
      flood: { config: FLOOD_ENV, run: flood },
      overload: { config: { ...OVERLOAD_ENV, LLM: `stub, ${OVERLOAD_LLM_LATENCY_MS} ms to first token` }, run: overload },
      ok: problems.length === 0,
      problems,
    };
    await fs.writeFile(path.join(o.outDir, 'loadtest.json'), JSON.stringify(report, null, 2));
    const md = loadMarkdown(report);
    await fs.writeFile(path.join(o.outDir, 'loadtest.md'), md);
    process.stdout.write(md);
    return report.ok ? 0 : 1;
  } finally {
    await fs.rm(dirs.root, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`loadtest: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
