/**
 * Brings an index in line with a corpus folder: new and changed documents are loaded, split and
 * embedded; unchanged ones keep their stored vectors (never re-embedded); removed ones disappear;
 * unreadable ones are skipped with a warning. Runs under the ingest lock and ends with one atomic
 * flush, so a killed run leaves the previous index in service.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { AppError, isAppError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { silentLogger } from '../core/logger.js';
import type { DocumentRecord, Passage, SourceDocument } from '../core/types.js';
import type { AssistantEmbeddings, IndexManifest, PassageStore } from '../index/index.js';
import { acquireIndexLock, incompatibilities, DEFAULT_OPEN_STORE, openStore } from '../index/index.js';
import { chunkingInfo, type ChunkOptions } from './chunk.js';
import { loadDocument, passagesOf, scanCorpus, type CorpusFile, type PipelineOptions } from './pipeline.js';
import { createProgress, type ProgressReporter } from './progress.js';

export interface IndexerOptions {
  corpusDir: string;
  /** HNSW folder; also where the ingest lock lives (for Postgres too: one ingest per machine). */
  indexDir: string;
  databaseUrl: string | null;
  /** Postgres only: schema and table prefix (see AppConfig). */
  pgSchema: string;
  pgTablePrefix: string;
  embedder: AssistantEmbeddings;
  chunking: Partial<ChunkOptions>;
  /** Start from empty instead of refusing an index built with another embedder or chunking. */
  rebuild: boolean;
  /** Passages per embedDocuments call. */
  batchSize: number;
  pipeline: Partial<PipelineOptions>;
  /** Corpus folders left out (relative, "/" separators): documents already indexed from them are removed. */
  exclude: readonly string[];
  logger: Logger;
  progress: ProgressReporter | null;
}

export const DEFAULT_INDEXER: Omit<IndexerOptions, 'embedder'> = {
  corpusDir: 'corpus',
  indexDir: 'data/index',
  databaseUrl: null,
  pgSchema: DEFAULT_OPEN_STORE.pgSchema,
  pgTablePrefix: DEFAULT_OPEN_STORE.pgTablePrefix,
  chunking: {},
  rebuild: false,
  batchSize: 64,
  pipeline: {},
  exclude: [],
  logger: silentLogger,
  progress: null,
};

export interface IndexReport {
  added: string[];
  updated: string[];
  removed: string[];
  unchanged: string[];
  skipped: { source: string; reason: string }[];
  documents: number;
  passages: number;
  embedded: number;
  rebuilt: boolean;
  durationMs: number;
}

export type IndexState = 'missing' | 'incompatible' | 'corrupt' | 'stale' | 'fresh';

export interface IndexStatus {
  state: IndexState;
  reasons: string[];
}

/** Compare the corpus folder with the stored index without changing anything. */
export async function indexStatus(options: Partial<IndexerOptions> & Pick<IndexerOptions, 'embedder'>): Promise<IndexStatus> {
  const o: IndexerOptions = { ...DEFAULT_INDEXER, ...options };
  let store: PassageStore;
  try {
    store = await openStore({ databaseUrl: o.databaseUrl, pgSchema: o.pgSchema, pgTablePrefix: o.pgTablePrefix, indexDir: o.indexDir, embedder: o.embedder.info, chunking: chunkingInfo(o.chunking), logger: o.logger });
  } catch (err) {
    if (isAppError(err) && err.code === 'INDEX_CORRUPT') return { state: 'corrupt', reasons: [err.message] };
    throw err;
  }
  try {
    const manifest = store.manifest();
    if ((await store.count()) === 0 && Object.keys(manifest.documents).length === 0 && !(await hasSavedIndex(store))) {
      return { state: 'missing', reasons: ['no index yet'] };
    }
    const reasons = incompatibilities(manifest, o.embedder.info, chunkingInfo(o.chunking));
    if (reasons.length > 0) return { state: 'incompatible', reasons };
    const diff = await diffCorpus(o, manifest);
    const changes = [
      ...diff.added.map((f) => `new: ${f.source}`),
      ...diff.changed.map((f) => `changed: ${f.source}`),
      ...diff.removed.map((s) => `removed: ${s}`),
    ];
    return changes.length > 0 ? { state: 'stale', reasons: changes } : { state: 'fresh', reasons: [] };
  } finally {
    await store.close();
  }
}

/** Ingest the corpus into the index (incrementally unless it must be rebuilt). */
export async function updateIndex(options: Partial<IndexerOptions> & Pick<IndexerOptions, 'embedder'>): Promise<IndexReport> {
  const o: IndexerOptions = { ...DEFAULT_INDEXER, ...options };
  const started = Date.now();
  const log = o.logger;
  const chunking = chunkingInfo(o.chunking);
  const lock = await acquireIndexLock(o.indexDir, log);
  let store: PassageStore | null = null;
  try {
    let rebuilt = o.rebuild;
    store = await openStore({ databaseUrl: o.databaseUrl, pgSchema: o.pgSchema, pgTablePrefix: o.pgTablePrefix, indexDir: o.indexDir, embedder: o.embedder.info, chunking, rebuild: o.rebuild, logger: log });
    const reasons = incompatibilities(store.manifest(), o.embedder.info, chunking);
    if (reasons.length > 0) {
      // Refuse silently mixing vectors of two embedders; the caller asks for a rebuild explicitly.
      throw new AppError('INDEX_MISMATCH', `The index at ${o.databaseUrl ? 'DATABASE_URL' : o.indexDir} was built with ${reasons.join('; ')}.`, {
        details: { reasons },
      });
    }
    const manifest = store.manifest();
    const diff = await diffCorpus(o, manifest);
    const report: IndexReport = {
      added: [],
      updated: [],
      removed: diff.removed,
      unchanged: diff.unchanged.map((f) => f.source),
      skipped: [...diff.scanSkipped],
      documents: 0,
      passages: 0,
      embedded: 0,
      rebuilt,
      durationMs: 0,
    };
    const skippedRecord: Record<string, { hash: string; reason: string }> = { ...diff.knownBroken };
    for (const [source, s] of Object.entries(diff.knownBroken)) report.skipped.push({ source, reason: s.reason });

    // Load and split what is new or changed; a bad file is skipped, the rest goes on.
    const toEmbed: { doc: SourceDocument; passages: Passage[]; isNew: boolean }[] = [];
    for (const { file, hash, isNew } of [...diff.added.map((f) => ({ ...f, isNew: true })), ...diff.changed.map((f) => ({ ...f, isNew: false }))]) {
      try {
        const doc = await loadDocument(file.path, o.corpusDir, { ...o.pipeline, logger: log });
        const passages = passagesOf(doc, o.chunking);
        if (passages.length === 0) throw new AppError('DOCUMENT_UNREADABLE', `${file.source} has no text to index.`);
        toEmbed.push({ doc, passages, isNew });
      } catch (err) {
        const reason = isAppError(err) ? err.message : `unexpected error: ${(err as Error).message}`;
        log.warn('skipping file', { source: file.source, reason });
        report.skipped.push({ source: file.source, reason });
        skippedRecord[file.source] = { hash, reason };
        if (!isNew) diff.removed.push(file.source); // a changed file that no longer loads: drop its stale passages
      }
    }

    if (diff.removed.length > 0) await store.removeDocuments(diff.removed);

    const total = toEmbed.reduce((n, d) => n + d.passages.length, 0);
    const progress = o.progress ?? createProgress({ logger: log });
    if (total > 0) progress.start(total, 'embedding passages');
    try {
      for (const item of toEmbed) {
        const vectors: number[][] = [];
        for (let i = 0; i < item.passages.length; i += o.batchSize) {
          const batch = item.passages.slice(i, i + o.batchSize);
          vectors.push(...(await embedBatch(o.embedder, batch)));
          progress.increment(batch.length, item.doc.source);
        }
        const record: DocumentRecord = {
          source: item.doc.source,
          title: item.doc.title,
          date: item.doc.date,
          hash: item.doc.hash,
          format: item.doc.format,
          passages: item.passages.length,
          chars: item.doc.text.length,
          ingestedAt: new Date().toISOString(),
        };
        await store.upsertDocuments([{ record, passages: item.passages, vectors }]);
        (item.isNew ? report.added : report.updated).push(item.doc.source);
        report.embedded += item.passages.length;
        delete skippedRecord[item.doc.source];
      }
    } finally {
      if (total > 0) progress.stop();
    }
    await store.setSkipped(skippedRecord);
    // Fencing: if a stale-lock takeover raced with us, the other writer wins and we write nothing.
    await lock.assertHeld();
    await store.flush();
    const final = store.manifest();
    report.documents = Object.keys(final.documents).length;
    report.passages = final.passages;
    report.rebuilt = rebuilt;
    report.durationMs = Date.now() - started;
    log.info('index updated', {
      added: report.added.length,
      updated: report.updated.length,
      removed: report.removed.length,
      unchanged: report.unchanged.length,
      skipped: report.skipped.length,
      passages: report.passages,
      embedded: report.embedded,
      ms: report.durationMs,
    });
    rebuilt = false;
    return report;
  } finally {
    await store?.close();
    await lock.release();
  }
}

/** Embed passages, turning a library failure into EMBEDDING_FAILED (shared with ingest/live.ts). */
export async function embedBatch(embedder: AssistantEmbeddings, passages: Passage[]): Promise<number[][]> {
  try {
    return await embedder.embedDocuments(passages.map((p) => p.text));
  } catch (err) {
    if (isAppError(err)) throw err;
    throw new AppError('EMBEDDING_FAILED', `Embedding failed: ${(err as Error).message}`, { cause: err });
  }
}

interface HashedFile {
  file: CorpusFile;
  source: string;
  hash: string;
}

interface CorpusDiff {
  added: HashedFile[];
  changed: HashedFile[];
  unchanged: HashedFile[];
  removed: string[];
  scanSkipped: { source: string; reason: string }[];
  /** Files that failed before and have not changed since: not retried. */
  knownBroken: Record<string, { hash: string; reason: string }>;
}

async function diffCorpus(o: IndexerOptions, manifest: IndexManifest): Promise<CorpusDiff> {
  // The pipeline's size limit applies at the scan too: a file over it is skipped before it is read
  // into memory to be hashed.
  const scan = await scanCorpus(o.corpusDir, { logger: o.logger, exclude: o.exclude, ...(o.pipeline.maxFileBytes !== undefined ? { maxFileBytes: o.pipeline.maxFileBytes } : {}) });
  for (const s of scan.skipped) o.logger.warn('skipping file', { source: s.source, reason: s.reason });
  const diff: CorpusDiff = {
    added: [],
    changed: [],
    unchanged: [],
    removed: [],
    scanSkipped: scan.skipped.map((s) => ({ source: s.source, reason: s.reason })),
    knownBroken: {},
  };
  const seen = new Set<string>();
  for (const file of scan.files) {
    seen.add(file.source);
    let hash: string;
    try {
      hash = createHash('sha256').update(await fs.readFile(file.path)).digest('hex');
    } catch (err) {
      const reason = `unreadable (${(err as NodeJS.ErrnoException).code ?? 'error'})`;
      o.logger.warn('skipping file', { source: file.source, reason });
      diff.scanSkipped.push({ source: file.source, reason });
      continue;
    }
    const entry: HashedFile = { file, source: file.source, hash };
    const known = manifest.documents[file.source];
    const broken = manifest.skipped?.[file.source];
    if (known && known.hash === hash) diff.unchanged.push(entry);
    else if (!known && broken && broken.hash === hash) diff.knownBroken[file.source] = broken;
    else if (known) diff.changed.push(entry);
    else diff.added.push(entry);
  }
  for (const source of Object.keys(manifest.documents)) if (!seen.has(source)) diff.removed.push(source);
  return diff;
}

async function hasSavedIndex(store: PassageStore): Promise<boolean> {
  return store.savedManifest ? (await store.savedManifest()) !== null : true;
}
