/**
 * Stores: the store colleague's runStoreBench (HNSW files vs Postgres + pgvector on PGlite, synthetic
 * vectors), plus what it cannot show: the memory of the real server process with each store.
 *
 * Server runs: each (embedder, store, corpus) gets a fresh index; a first start ingests it (its
 * time to ready is reported), then a second start serves the existing index and is the one
 * measured (RSS when ready, after a search run, peak), so the ingest's own peak does not count.
 * The load is ONE connection: PGlite is a single backend multiplexing its sockets, and concurrent
 * statements from a pool of connections are not safe on it (tests/helpers/pglite.ts), so latency
 * under concurrency with Postgres needs a real server (DATABASE_URL) and is not claimed here.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../core/logger.js';
import { serverEnv, type EmbedderSpec } from './embedders.js';
import { throughputEnv, toRow, withServer, type HttpRow, type ServerMemory } from './http.js';
import { runLoad } from './loadtest-run.js';
import { startPgliteChild, type PgliteChild } from './pglite.js';
import { searchRequests, type QuestionMix } from './questions.js';
import { runStoreBench, type CaseResult } from './stores.js';

export interface BenchCorpus {
  /** "shipped" or the synthetic corpus' name. */
  name: string;
  dir: string;
  passages: number;
  documents: number;
}

export interface StoreServerRow {
  store: 'hnsw' | 'postgres';
  embedder: string;
  corpus: string;
  passages: number;
  /** First start on an empty index: ingest included. */
  firstStartSeconds: number | null;
  serving: ServerMemory | null;
  /** The PGlite process' peak RSS (the database's memory), null for HNSW. */
  dbPeakRssMiB: number | null;
  load: HttpRow | null;
  /** Why this combination could not run (the server's own message). */
  error: string | null;
}

export interface StoresSectionOptions {
  sizes: number[];
  dims: number[];
  queries: number;
  /** Corpora for the server runs (shipped + some synthetic). */
  corpora: BenchCorpus[];
  /** Embedders for the server runs; each is tried with both stores. */
  embedders: EmbedderSpec[];
  mix: QuestionMix;
  k: number;
  durationSec: number;
  warmupSec: number;
  logger: Logger;
}

export interface StoresSection {
  bench: CaseResult[];
  servers: StoreServerRow[];
}

/** The server's own explanation from a failed start: the line naming the error, else the last one. */
function startError(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const named = lines.find((l) => /^start: /.test(l)) ?? lines.find((l) => /error|invalid|not supported/i.test(l));
  return (named ?? lines[lines.length - 1] ?? text).slice(0, 400);
}

async function oneServer(corpus: BenchCorpus, embedder: EmbedderSpec, store: 'hnsw' | 'postgres', o: StoresSectionOptions): Promise<StoreServerRow> {
  const row: StoreServerRow = { store, embedder: embedder.label, corpus: corpus.name, passages: corpus.passages, firstStartSeconds: null, serving: null, dbPeakRssMiB: null, load: null, error: null };
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-store-server-'));
  let db: PgliteChild | null = null;
  try {
    if (store === 'postgres') db = await startPgliteChild();
    const spec = {
      corpusDir: corpus.dir,
      indexDir: path.join(root, 'index'),
      // DATABASE_URL always set: '' means "none", so an inherited one never redirects the HNSW runs.
      env: { ...throughputEnv(1), ...serverEnv(embedder), DATABASE_URL: db?.url ?? '', LOG_LEVEL: 'error' },
      logger: o.logger,
      startTimeoutMs: 3_600_000,
    };
    const first = await withServer(spec, async () => undefined);
    row.firstStartSeconds = first.memory.startSeconds;
    const served = await withServer(spec, async (server) => {
      const health = (await (await fetch(`${server.url}/health`)).json()) as { passages?: number };
      if (typeof health.passages === 'number') row.passages = health.passages;
      const requests = searchRequests(o.mix, o.k);
      await runLoad({ url: server.url, name: 'warm-up', requests, connections: 1, durationSec: o.warmupSec });
      return toRow(o.k, await runLoad({ url: server.url, name: `store ${store}`, requests, connections: 1, durationSec: o.durationSec }));
    });
    row.serving = served.memory;
    row.load = served.result;
  } catch (err) {
    row.error = startError(err);
    o.logger.warn('store server run failed', { store, embedder: embedder.kind, corpus: corpus.name, error: row.error });
  } finally {
    if (db) {
      await db.stop();
      // A refused start never used the database: its idle footprint would only mislead.
      row.dbPeakRssMiB = row.error ? null : db.peakRssMiB();
    }
    await fs.rm(root, { recursive: true, force: true });
  }
  return row;
}

export async function runStoresSection(o: StoresSectionOptions): Promise<StoresSection> {
  o.logger.info('store bench (bench/stores.ts runStoreBench)', { sizes: o.sizes, dims: o.dims });
  const bench = await runStoreBench({ sizes: o.sizes, dims: o.dims, queries: o.queries, logger: o.logger.child({ bench: 'stores' }) });
  const servers: StoreServerRow[] = [];
  for (const corpus of o.corpora) {
    for (const embedder of o.embedders) {
      for (const store of ['hnsw', 'postgres'] as const) {
        o.logger.info('server memory per store', { corpus: corpus.name, embedder: embedder.kind, store });
        servers.push(await oneServer(corpus, embedder, store, o));
      }
    }
  }
  return { bench, servers };
}
