/**
 * The measurements that need a process of their own (so peak RSS and heap are theirs alone):
 *   ingest — a full ingest of a corpus into a fresh index with one embedder;
 *   index  — load an index as the server does (store, then retriever: BM25 postings and corpus
 *            vocabulary), memory at each step, then in-process search latency.
 * Run through child.ts; the results are plain JSON.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONFIG } from '../core/config.js';
import { createLogger, type LogLevel } from '../core/logger.js';
import { incompatibilities, readRetrievalConfig, createRetriever, currentGeneration, openStore } from '../index/index.js';
import type { SearchMode } from '../index/index.js';
import { chunkingInfo, updateIndex, createProgress } from '../ingest/index.js';
import { loadQuestions } from '../eval/questions.js';
import { buildEmbedder, type EmbedderSpec } from './embedders.js';
import { dirBytes } from './machine.js';
import { percentile } from '../core/stats.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MiB = 2 ** 20;

export interface IngestTask {
  kind: 'ingest';
  embedder: EmbedderSpec;
  corpusDir: string;
  indexDir: string;
  batchSize: number;
  logLevel: LogLevel;
  /** Progress lines every 10 % (a 100k ingest is long), whatever logLevel says. */
  progress: boolean;
}

export interface IngestResult {
  embedder: EmbedderSpec;
  corpusDir: string;
  documents: number;
  passages: number;
  skipped: number;
  /** Model load (tokenizer + ONNX session); 0 for lexical. */
  modelLoadSeconds: number;
  /** updateIndex: scan, load, clean, chunk, embed, HNSW insert, atomic save. */
  ingestSeconds: number;
  /** Of which inside embedDocuments (the rest: reading, cleaning, chunking, HNSW insert, save). */
  embedSeconds: number;
  passagesPerSecond: number;
  documentsPerSecond: number;
  rssBeforeMiB: number;
  peakRssMiB: number;
  indexBytes: number;
}

export interface MemorySnapshot {
  rssMiB: number;
  heapUsedMiB: number;
  heapTotalMiB: number;
  externalMiB: number;
  arrayBuffersMiB: number;
}

export interface LatencyStats {
  mode: SearchMode;
  clients: number;
  queries: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
  queriesPerSecond: number;
}

export interface IndexTask {
  kind: 'index';
  embedder: EmbedderSpec;
  indexDir: string;
  questionsFile: string;
  k: number;
  rounds: number;
  /** Modes timed one query at a time (hybrid is the server's; the others show where time goes). */
  modes: SearchMode[];
  /** Concurrent in-process callers for one more hybrid run (0 = none). */
  clients: number;
  logLevel: LogLevel;
}

export interface IndexResult {
  indexDir: string;
  passages: number;
  dimension: number;
  /** Files of the current generation, bytes. */
  indexBytes: number;
  indexFiles: Record<string, number>;
  /** Process with modules and the embedder loaded (lexicon / model included), no index. */
  before: MemorySnapshot;
  /** After openStore (HNSW graph and docstore). */
  afterStore: MemorySnapshot;
  /** After createRetriever (BM25 postings, vocabulary): the index as the server holds it. */
  loaded: MemorySnapshot;
  afterQueries: MemorySnapshot;
  peakRssMiB: number;
  storeLoadSeconds: number;
  retrieverBuildSeconds: number;
  latency: LatencyStats[];
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function snapshot(): MemorySnapshot {
  gc();
  const m = process.memoryUsage();
  return { rssMiB: m.rss / MiB, heapUsedMiB: m.heapUsed / MiB, heapTotalMiB: m.heapTotal / MiB, externalMiB: m.external / MiB, arrayBuffersMiB: m.arrayBuffers / MiB };
}

const peakRss = () => process.resourceUsage().maxRSS / 1024;

async function generationFiles(indexDir: string): Promise<{ bytes: number; files: Record<string, number> }> {
  const dir = await currentGeneration(indexDir);
  if (!dir) return { bytes: 0, files: {} };
  const files: Record<string, number> = {};
  for (const name of await fs.readdir(dir)) files[name] = (await fs.stat(path.join(dir, name))).size;
  return { bytes: await dirBytes(dir), files };
}

export async function runIngestTask(t: IngestTask): Promise<IngestResult> {
  const logger = createLogger({ level: t.logLevel }).child({ bench: 'ingest', embedder: t.embedder.kind });
  await fs.rm(t.indexDir, { recursive: true, force: true });
  const rssBefore = process.memoryUsage().rss / MiB;
  const embedder = buildEmbedder(t.embedder, logger);
  const m0 = performance.now();
  const loadable = embedder as { load?: () => Promise<void> };
  if (typeof loadable.load === 'function') await loadable.load();
  const modelLoadSeconds = (performance.now() - m0) / 1000;
  // Time spent embedding, to split the ingest between the embedder and everything else.
  let embedMs = 0;
  const timed = new Proxy(embedder, {
    get(target, prop, receiver) {
      if (prop !== 'embedDocuments') return Reflect.get(target, prop, receiver) as unknown;
      return async (texts: string[]) => {
        const e0 = performance.now();
        try {
          return await target.embedDocuments(texts);
        } finally {
          embedMs += performance.now() - e0;
        }
      };
    },
  });
  const progress = createProgress({ logger: createLogger({ level: t.progress ? 'info' : 'silent' }).child({ bench: 'ingest', embedder: t.embedder.kind }), tty: false });
  const t0 = performance.now();
  const report = await updateIndex({ corpusDir: t.corpusDir, indexDir: t.indexDir, embedder: timed, batchSize: t.batchSize, logger, progress });
  const ingestSeconds = (performance.now() - t0) / 1000;
  const { bytes } = await generationFiles(t.indexDir);
  const documents = report.documents;
  return {
    embedder: t.embedder,
    corpusDir: t.corpusDir,
    documents,
    passages: report.passages,
    skipped: report.skipped.length,
    modelLoadSeconds,
    ingestSeconds,
    embedSeconds: embedMs / 1000,
    passagesPerSecond: report.passages / ingestSeconds,
    documentsPerSecond: documents / ingestSeconds,
    rssBeforeMiB: rssBefore,
    peakRssMiB: peakRss(),
    indexBytes: bytes,
  };
}

function stats(mode: SearchMode, clients: number, times: number[], elapsedMs: number): LatencyStats {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    mode,
    clients,
    queries: sorted.length,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    meanMs: sorted.reduce((s, x) => s + x, 0) / Math.max(1, sorted.length),
    maxMs: sorted[sorted.length - 1] ?? Number.NaN,
    queriesPerSecond: (sorted.length / elapsedMs) * 1000,
  };
}

export async function runIndexTask(t: IndexTask): Promise<IndexResult> {
  const logger = createLogger({ level: t.logLevel }).child({ bench: 'index', embedder: t.embedder.kind });
  const questions = (await loadQuestions(t.questionsFile)).map((q) => q.question);
  const embedder = buildEmbedder(t.embedder, logger);
  // Lexicon / model loaded before the baseline, so the deltas are the index alone.
  await embedder.embedQuery('warm-up');
  const before = snapshot();

  const s0 = performance.now();
  const store = await openStore({ indexDir: t.indexDir, databaseUrl: null, embedder: embedder.info, chunking: chunkingInfo(), logger });
  const storeLoadSeconds = (performance.now() - s0) / 1000;
  // An index built by another version of the embedder (code changed mid-run) is not measured.
  const mismatch = incompatibilities(store.manifest(), embedder.info, chunkingInfo());
  if (mismatch.length > 0) throw new Error(`the index at ${t.indexDir} was built with ${mismatch.join('; ')}: run the bench again.`);
  const afterStore = snapshot();

  const r0 = performance.now();
  const config = await readRetrievalConfig(path.join(ROOT, DEFAULT_CONFIG.retrievalConfigPath), logger);
  const retriever = await createRetriever(store, embedder, { logger, config });
  const retrieverBuildSeconds = (performance.now() - r0) / 1000;
  const loaded = snapshot();

  const latency: LatencyStats[] = [];
  for (const mode of t.modes) {
    // Warm-up: stemmer, n-gram and lexicon caches as a running server has them.
    for (const q of questions.slice(0, 10)) await retriever.search(q, { k: t.k, mode });
    const times: number[] = [];
    const started = performance.now();
    for (let r = 0; r < t.rounds; r++) {
      for (const q of questions) {
        const q0 = performance.now();
        await retriever.search(q, { k: t.k, mode });
        times.push(performance.now() - q0);
      }
    }
    latency.push(stats(mode, 1, times, performance.now() - started));
  }
  if (t.clients > 1) {
    const total = questions.length * t.rounds;
    const times: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: t.clients }, async () => {
        while (next < total) {
          const q = questions[next++ % questions.length] as string;
          const q0 = performance.now();
          await retriever.search(q, { k: t.k, mode: 'hybrid' });
          times.push(performance.now() - q0);
          // Yield as a network round trip would, so callers interleave.
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      }),
    );
    latency.push(stats('hybrid', t.clients, times, performance.now() - started));
  }
  const afterQueries = snapshot();
  const { bytes, files } = await generationFiles(t.indexDir);
  const result: IndexResult = {
    indexDir: t.indexDir,
    passages: store.manifest().passages,
    dimension: embedder.info.dimension,
    indexBytes: bytes,
    indexFiles: files,
    before,
    afterStore,
    loaded,
    afterQueries,
    peakRssMiB: peakRss(),
    storeLoadSeconds,
    retrieverBuildSeconds,
    latency,
  };
  await store.close();
  return result;
}
