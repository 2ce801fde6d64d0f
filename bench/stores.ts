/**
 * Store benchmark: ingest throughput (upsertDocuments with precomputed random unit vectors) and
 * search latency (k = 10) of the HNSW-files store and the Postgres + pgvector store, plus memory.
 *
 *   npx tsx bench/stores.ts                 10k passages, dims 384 and 1024, both stores
 *   npx tsx bench/stores.ts --large         adds 100k passages (several minutes, see report)
 *   options: --sizes 10000,50000 --dims 384 --stores hnsw,postgres --queries 200
 *            --database-url URL (a real Postgres; default: PGlite, see below)
 *            --pg-index-memory 1GB (maintenance_work_mem for the HNSW build; graphs larger than
 *            it are built far more slowly) --data clustered|uniform
 *
 * Each case runs in a fresh child process so its RSS is its own; without --database-url the
 * Postgres side is PGlite (WASM Postgres + real pgvector, single-threaded, in-memory) served by
 * pglite-socket in ANOTHER child process, whose peak RSS is reported as the database's. PGlite is
 * much slower than a native Postgres server: its figures are a lower bound, not a forecast.
 * Vectors are synthetic but shaped like embeddings (--data clustered, default): 64 topic
 * directions, each document near a topic (cos ≈ 0.86), its passages near the document (≈ 0.86),
 * queries near a random document (≈ 0.78). --data uniform gives independent random directions,
 * nearly orthogonal in high dimension: the worst case for any HNSW graph.
 *
 * Prints a Markdown table and writes JSON to data/bench/stores.json (--out NAME.json to change).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isEntryPoint } from '../core/cli.js';
import { createLogger, type Logger } from '../core/logger.js';
import { seeded } from '../core/random.js';
import type { DocumentRecord, Passage } from '../core/types.js';
import { newManifest, HnswStore, VectorsOnlyEmbeddings, PgStore } from '../index/index.js';
import type { ChunkingInfo, PassageStore } from '../index/index.js';
import { percentile } from '../core/stats.js';

const SELF = fileURLToPath(import.meta.url);

export type BenchStore = 'hnsw' | 'postgres';

export interface StoreBenchOptions {
  sizes: number[];
  dims: number[];
  stores: BenchStore[];
  /** Timed search queries per case (after 10 warm-up queries). */
  queries: number;
  /** Queries whose top-k is compared with an exact brute-force top-k. */
  recallQueries: number;
  k: number;
  /** Passages per upsertDocuments call (whole documents), as an ingest batch. */
  batchPassages: number;
  passagesPerDoc: number;
  /** A real Postgres; null = PGlite in a child process. */
  databaseUrl: string | null;
  data: 'clustered' | 'uniform';
  /** PgStore indexBuildMemory (maintenance_work_mem for the HNSW build); null = server default. */
  pgIndexMemory: string | null;
  outDir: string;
  logger: Logger;
}

export const DEFAULT_STORE_BENCH: StoreBenchOptions = {
  sizes: [10_000],
  dims: [384, 1024],
  stores: ['hnsw', 'postgres'],
  queries: 200,
  recallQueries: 50,
  k: 10,
  batchPassages: 500,
  passagesPerDoc: 20,
  databaseUrl: null,
  data: 'clustered',
  pgIndexMemory: null,
  outDir: path.join('data', 'bench'),
  logger: createLogger({ level: 'info' }),
};

export interface CaseSpec {
  store: BenchStore;
  passages: number;
  dim: number;
  queries: number;
  recallQueries: number;
  k: number;
  batchPassages: number;
  passagesPerDoc: number;
  databaseUrl: string | null;
  /** The database is PGlite (one backend: the store gets one connection). */
  pglite: boolean;
  data: 'clustered' | 'uniform';
  pgIndexMemory: string | null;
}

export interface CaseResult {
  store: BenchStore;
  backend: 'hnswlib-node' | 'pglite (WASM)' | 'postgres';
  passages: number;
  dim: number;
  data: 'clustered' | 'uniform';
  searchQueries: number;
  upsertSeconds: number;
  passagesPerSecond: number;
  /** HNSW: atomic save of the generation; Postgres: the deferred HNSW index build (writes
   * themselves commit in upsert). */
  flushSeconds: number;
  /** passages / (upsert + flush): the rate a full ingest or migration sees. */
  loadPassagesPerSecond: number;
  searchP50Ms: number;
  searchP95Ms: number;
  searchMeanMs: number;
  recallAtK: number;
  /** This process (client; for HNSW the whole index lives here). */
  clientRssMb: number;
  clientPeakRssMb: number;
  /** PGlite server child's peak RSS (the database's memory); null otherwise. */
  dbPeakRssMb: number | null;
  pgIndexMemory: string | null;
}

const CHUNKING: ChunkingInfo = { targetChars: 800, maxChars: 1200, overlapSentences: 1, version: 1 };
const WORDS = (
  'le la les un une des du de et à en pour sur dans par avec au aux ce cette qui que dont où ministre gouvernement ' +
  'rapport enquête police tribunal accord budget région ville été hiver marché énergie santé école données réseau'
).split(' ');

// ---------- deterministic data ----------


function unitVector(rnd: () => number, dim: number): number[] {
  const v = new Array<number>(dim);
  let norm = 0;
  for (let i = 0; i < dim; i++) {
    const x = rnd() - 0.5;
    v[i] = x;
    norm += x * x;
  }
  norm = Math.sqrt(norm);
  for (let i = 0; i < dim; i++) v[i] = (v[i] as number) / norm;
  return v;
}

/** normalise(a + s·b) */
function nudge(a: number[], b: number[], s: number): number[] {
  const v = a.map((x, i) => x + s * (b[i] as number));
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

const TOPICS = 64;
const SPREAD = 0.6;

/** Per-document generator: its own stream, so a query can regenerate one document's center. */
function documentStream(spec: CaseSpec, d: number, topics: number[][]): { center: number[]; rnd: () => number } {
  const rnd = seeded((Math.imul(d + 1, 2654435761) ^ spec.dim) >>> 0);
  const topic = topics[Math.floor(rnd() * topics.length)] as number[];
  return { center: nudge(topic, unitVector(rnd, spec.dim), SPREAD), rnd };
}

function topicsOf(spec: CaseSpec): number[][] {
  const rnd = seeded(3);
  return Array.from({ length: TOPICS }, () => unitVector(rnd, spec.dim));
}

function queryVectors(spec: CaseSpec, count: number): number[][] {
  const rnd = seeded(999);
  if (spec.data === 'uniform') return Array.from({ length: count }, () => unitVector(rnd, spec.dim));
  const topics = topicsOf(spec);
  const docs = Math.ceil(spec.passages / spec.passagesPerDoc);
  return Array.from({ length: count }, () => {
    const { center } = documentStream(spec, Math.floor(rnd() * docs), topics);
    return nudge(center, unitVector(rnd, spec.dim), 0.8);
  });
}

type UpsertDoc = { record: DocumentRecord; passages: Passage[]; vectors: number[][] };

/** The corpus as upsert batches, regenerated identically for the recall pass. */
function* corpus(spec: CaseSpec): Generator<UpsertDoc[]> {
  const rndUniform = seeded(1);
  const rndT = seeded(2);
  const topics = spec.data === 'clustered' ? topicsOf(spec) : [];
  const docs = Math.ceil(spec.passages / spec.passagesPerDoc);
  let made = 0;
  let batch: UpsertDoc[] = [];
  let batchSize = 0;
  for (let d = 0; d < docs; d++) {
    const source = `doc-${String(d).padStart(6, '0')}.txt`;
    const n = Math.min(spec.passagesPerDoc, spec.passages - made);
    const passages: Passage[] = [];
    const vectors: number[][] = [];
    const doc = spec.data === 'clustered' ? documentStream(spec, d, topics) : null;
    let offset = 0;
    for (let i = 0; i < n; i++) {
      // ~500 characters of French-looking text: text size matters for the database's write cost.
      const words: string[] = [];
      for (let w = 0; w < 80; w++) words.push(WORDS[Math.floor(rndT() * WORDS.length)] as string);
      const text = words.join(' ');
      passages.push({ id: `${d.toString(16).padStart(8, '0')}${i.toString(16).padStart(8, '0')}`, source, title: `Document ${d}`, date: '2024-05-01', text, start: offset, end: offset + text.length, ordinal: i });
      vectors.push(doc ? nudge(doc.center, unitVector(doc.rnd, spec.dim), SPREAD) : unitVector(rndUniform, spec.dim));
      offset += text.length + 1;
    }
    made += n;
    batch.push({
      record: { source, title: `Document ${d}`, date: '2024-05-01', hash: `h${d}`, format: 'txt', passages: n, chars: offset, ingestedAt: '2024-05-02T00:00:00.000Z' },
      passages,
      vectors,
    });
    batchSize += n;
    if (batchSize >= spec.batchPassages) {
      yield batch;
      batch = [];
      batchSize = 0;
    }
  }
  if (batch.length > 0) yield batch;
}

// ---------- one case (child process) ----------

async function openCaseStore(spec: CaseSpec, dir: string): Promise<PassageStore> {
  const embedder = { name: 'lexical' as const, model: 'bench-random', dimension: spec.dim, fingerprint: `bench-${spec.dim}` };
  if (spec.store === 'hnsw') {
    return HnswStore.empty(new VectorsOnlyEmbeddings(), newManifest(embedder, CHUNKING), { root: dir });
  }
  if (!spec.databaseUrl) throw new Error('postgres case without a database URL');
  // PGlite is one backend: one connection. A real server gets the default pool.
  return PgStore.open({
    connectionString: spec.databaseUrl,
    tablePrefix: `bench_${spec.dim}_`,
    embedder,
    chunking: CHUNKING,
    reset: true,
    indexBuildMemory: spec.pgIndexMemory,
    ...(spec.pglite ? { poolMax: 1 } : {}),
  });
}


export async function runCase(spec: CaseSpec, logger: Logger): Promise<Omit<CaseResult, 'dbPeakRssMb'>> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-stores-'));
  const store = await openCaseStore(spec, dir);
  try {
    let upsertMs = 0;
    let done = 0;
    let lastLog = Date.now();
    for (const batch of corpus(spec)) {
      const t = performance.now();
      await store.upsertDocuments(batch);
      upsertMs += performance.now() - t;
      done += batch.reduce((n, d) => n + d.passages.length, 0);
      if (Date.now() - lastLog > 15_000) {
        logger.info('ingesting', { store: spec.store, dim: spec.dim, done, of: spec.passages, perSecond: Math.round(done / (upsertMs / 1000)) });
        lastLog = Date.now();
      }
    }
    const tf = performance.now();
    await store.flush();
    const flushMs = performance.now() - tf;

    const queries = queryVectors(spec, spec.queries);
    for (const q of queries.slice(0, 10)) await store.searchVector(q, spec.k);
    const times: number[] = [];
    const results: string[][] = [];
    for (const q of queries) {
      const t = performance.now();
      const hits = await store.searchVector(q, spec.k);
      times.push(performance.now() - t);
      results.push(hits.map((h) => h.passage.id));
    }
    times.sort((a, b) => a - b);
    const rssAfter = process.memoryUsage().rss;

    const recallAtK = exactRecall(spec, queries.slice(0, spec.recallQueries), results);
    return {
      store: spec.store,
      backend: spec.store === 'hnsw' ? 'hnswlib-node' : spec.pglite ? 'pglite (WASM)' : 'postgres',
      passages: spec.passages,
      dim: spec.dim,
      data: spec.data,
      pgIndexMemory: spec.store === 'postgres' ? spec.pgIndexMemory : null,
      searchQueries: spec.queries,
      upsertSeconds: upsertMs / 1000,
      passagesPerSecond: spec.passages / (upsertMs / 1000),
      flushSeconds: flushMs / 1000,
      loadPassagesPerSecond: spec.passages / ((upsertMs + flushMs) / 1000),
      searchP50Ms: percentile(times, 50),
      searchP95Ms: percentile(times, 95),
      searchMeanMs: times.reduce((a, b) => a + b, 0) / times.length,
      recallAtK,
      clientRssMb: rssAfter / 2 ** 20,
      clientPeakRssMb: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    await store.close();
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** Share of the exact top-k (brute force over the regenerated corpus) that the store returned. */
function exactRecall(spec: CaseSpec, queries: number[][], got: string[][]): number {
  const k = spec.k;
  const best = queries.map(() => [] as { id: string; s: number }[]);
  for (const batch of corpus(spec)) {
    for (const doc of batch) {
      doc.vectors.forEach((v, i) => {
        const id = (doc.passages[i] as Passage).id;
        queries.forEach((q, qi) => {
          let s = 0;
          for (let j = 0; j < v.length; j++) s += (v[j] as number) * (q[j] as number);
          const top = best[qi] as { id: string; s: number }[];
          if (top.length < k || s > (top[top.length - 1] as { s: number }).s) {
            top.push({ id, s });
            top.sort((a, b) => b.s - a.s);
            if (top.length > k) top.pop();
          }
        });
      });
    }
  }
  let hit = 0;
  best.forEach((top, qi) => {
    const ids = new Set(got[qi] ?? []);
    hit += top.filter((t) => ids.has(t.id)).length;
  });
  return hit / (queries.length * k);
}

// ---------- PGlite server (child process) ----------

async function servePglite(): Promise<void> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { vector } = await import('@electric-sql/pglite-pgvector');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const db = await PGlite.create({ extensions: { vector } });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
  await server.start();
  process.stdout.write(JSON.stringify({ url: `postgres://postgres:postgres@${server.getServerConn()}/postgres` }) + '\n');
  await new Promise<void>((resolve) => {
    process.stdin.on('close', resolve);
    process.stdin.on('end', resolve);
    process.stdin.resume();
  });
  await server.stop();
  await db.close();
}

// ---------- orchestration (parent) ----------

function childArgs(args: string[]): string[] {
  return ['--import', 'tsx', SELF, ...args];
}

async function startPgliteChild(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, childArgs(['--serve-pglite']), { stdio: ['pipe', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      const line = buf.split('\n')[0];
      if (buf.includes('\n') && line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.on('exit', (code) => reject(new Error(`PGlite server exited (${code})`)));
  });
  return { url, child };
}

/** Peak resident set (VmHWM) of a live child, from /proc (Linux). */
function peakRssMb(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

async function runCaseInChild(spec: CaseSpec): Promise<Omit<CaseResult, 'dbPeakRssMb'>> {
  const child = spawn(process.execPath, childArgs(['--case', JSON.stringify(spec)]), { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const last = out.trim().split('\n').pop();
  if (code !== 0 || !last) throw new Error(`bench case ${JSON.stringify(spec)} failed (exit ${code})`);
  return JSON.parse(last) as Omit<CaseResult, 'dbPeakRssMb'>;
}

export async function runStoreBench(options: Partial<StoreBenchOptions> = {}): Promise<CaseResult[]> {
  const o: StoreBenchOptions = { ...DEFAULT_STORE_BENCH, ...options };
  const results: CaseResult[] = [];
  for (const passages of o.sizes) {
    for (const dim of o.dims) {
      for (const store of o.stores) {
        const spec: CaseSpec = {
          store,
          passages,
          dim,
          queries: o.queries,
          recallQueries: o.recallQueries,
          k: o.k,
          batchPassages: o.batchPassages,
          passagesPerDoc: o.passagesPerDoc,
          databaseUrl: o.databaseUrl,
          pglite: false,
          data: o.data,
          pgIndexMemory: o.pgIndexMemory,
        };
        o.logger.info('bench case', { store, passages, dim });
        let server: { url: string; child: ChildProcess } | null = null;
        try {
          if (store === 'postgres' && !o.databaseUrl) {
            server = await startPgliteChild();
            spec.databaseUrl = server.url;
            spec.pglite = true;
          }
          const r = await runCaseInChild(spec);
          results.push({ ...r, dbPeakRssMb: server ? peakRssMb(server.child.pid) : null });
          o.logger.info('bench case done', { store, passages, dim, perSecond: Math.round(r.passagesPerSecond), p50: r.searchP50Ms.toFixed(2) });
        } finally {
          if (server) {
            server.child.stdin?.end();
            await new Promise((resolve) => server?.child.on('close', resolve));
          }
        }
      }
    }
  }
  return results;
}

export function markdownTable(results: CaseResult[]): string {
  const f = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '–');
  const lines = [
    '| store | engine | passages | dim | upsert passages/s | upsert s | flush s | load passages/s (upsert+flush) | search p50 ms | search p95 ms | recall@10 | client RSS MB (peak) | DB RSS MB (peak) |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    lines.push(
      `| ${r.store} | ${r.backend} | ${r.passages} | ${r.dim} | ${Math.round(r.passagesPerSecond)} | ${f(r.upsertSeconds)} | ${f(r.flushSeconds, 2)} | ${Math.round(r.loadPassagesPerSecond)} | ${f(r.searchP50Ms, 2)} | ${f(r.searchP95Ms, 2)} | ${f(r.recallAtK, 3)} | ${f(r.clientRssMb, 0)} (${f(r.clientPeakRssMb, 0)}) | ${r.dbPeakRssMb === null ? '–' : f(r.dbPeakRssMb, 0)} |`,
    );
  }
  const kinds = [...new Set(results.map((r) => r.data))].join(', ');
  const mem = [...new Set(results.filter((r) => r.store === 'postgres').map((r) => r.pgIndexMemory ?? 'server default'))].join(', ');
  lines.push('', `Data: ${kinds} synthetic unit vectors (see bench/stores.ts header); k = 10; recall@10 against exact brute force; ${results[0]?.searchQueries ?? 0} timed queries per case${mem ? `; Postgres HNSW build with maintenance_work_mem = ${mem}` : ''}. Postgres "flush" = the HNSW index build after the load.`);
  if (results.some((r) => r.backend === 'pglite (WASM)')) {
    lines.push('', 'pglite (WASM): single-threaded WebAssembly Postgres with in-memory storage, reached over a local socket; a native Postgres server is much faster. Treat these figures as a floor.');
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      case: { type: 'string' },
      'serve-pglite': { type: 'boolean', default: false },
      large: { type: 'boolean', default: false },
      sizes: { type: 'string' },
      dims: { type: 'string' },
      stores: { type: 'string' },
      queries: { type: 'string' },
      'database-url': { type: 'string' },
      data: { type: 'string' },
      'pg-index-memory': { type: 'string' },
      out: { type: 'string' },
    },
  });
  const logger = createLogger({ level: 'info' }).child({ bench: 'stores' });
  if (values['serve-pglite']) return servePglite();
  if (values.case) {
    const r = await runCase(JSON.parse(values.case) as CaseSpec, logger);
    process.stdout.write(JSON.stringify(r) + '\n');
    return;
  }
  const nums = (s: string | undefined) => s?.split(',').map((x) => Number(x.trim()));
  const sizes = nums(values.sizes) ?? (values.large ? [10_000, 100_000] : DEFAULT_STORE_BENCH.sizes);
  const options: Partial<StoreBenchOptions> = {
    sizes,
    dims: nums(values.dims) ?? DEFAULT_STORE_BENCH.dims,
    stores: (values.stores?.split(',') as BenchStore[] | undefined) ?? DEFAULT_STORE_BENCH.stores,
    queries: values.queries ? Number(values.queries) : DEFAULT_STORE_BENCH.queries,
    databaseUrl: values['database-url'] ?? null,
    data: values.data === 'uniform' ? 'uniform' : 'clustered',
    pgIndexMemory: values['pg-index-memory'] ?? null,
    logger,
  };
  const startedAt = new Date().toISOString();
  const loadAvgStart = os.loadavg();
  const results = await runStoreBench(options);
  const table = markdownTable(results);
  process.stdout.write(table + '\n');
  const outDir = DEFAULT_STORE_BENCH.outDir;
  await fs.mkdir(outDir, { recursive: true });
  // Load average recorded so figures from a busy shared machine can be recognised as such.
  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '?', totalMemGb: os.totalmem() / 2 ** 30, node: process.version, loadAvgStart, loadAvgEnd: os.loadavg() };
  const file = path.join(outDir, values.out ?? 'stores.json');
  await fs.writeFile(file, JSON.stringify({ startedAt, machine, options: { ...options, logger: undefined }, results, markdown: table }, null, 2));
  logger.info('bench written', { file });
}

if (isEntryPoint(import.meta.url)) {
  await main();
}
