/**
 * Opens (building or updating first) a lexical-embedder index over a corpus folder, for the
 * retrieval scripts (ablations, calibration, latency, the generality runs). The same incremental
 * indexer as `npm run ingest`, so repeated runs do not re-embed.
 */
import type { Logger } from '../core/logger.js';
import { createEmbedder, openStore } from '../index/index.js';
import type { AssistantEmbeddings, PassageStore } from '../index/index.js';
import { chunkingInfo, DEFAULT_LIVE_INDEX, updateIndex } from '../ingest/index.js';

export interface EvalIndexOptions {
  corpusDir: string;
  indexDir: string;
  logger: Logger;
  /** Corpus folders left out; default: the uploads folder (documents people added are not part of the shipped sets' corpus). */
  exclude?: readonly string[];
}

export async function openEvalIndex(o: EvalIndexOptions): Promise<{ store: PassageStore; embedder: AssistantEmbeddings }> {
  const embedder = createEmbedder('lexical', {}, o.logger);
  const where = { corpusDir: o.corpusDir, indexDir: o.indexDir, databaseUrl: null, exclude: o.exclude ?? [DEFAULT_LIVE_INDEX.uploadsDir] };
  await updateIndex({ ...where, embedder, rebuild: false, logger: o.logger }).catch(async (err: unknown) => {
    if ((err as { code?: string }).code !== 'INDEX_MISMATCH') throw err;
    await updateIndex({ ...where, embedder, rebuild: true, logger: o.logger });
  });
  const store = await openStore({ ...where, embedder: embedder.info, chunking: chunkingInfo(), logger: o.logger });
  return { store, embedder };
}
