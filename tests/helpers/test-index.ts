/**
 * A real index over the committed corpus/ for tests that need retrieval: the lexical embedder (no
 * model files), a real HNSW index built by the real indexer in a temp folder, the production
 * retriever and IndexService. Build it once per file in a beforeAll and close it in afterAll:
 *
 *   let index: TestIndex;
 *   beforeAll(async () => { index = await buildTestIndex(); });
 *   afterAll(() => index.close());
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { silentLogger, type Logger } from '../../core/logger.js';
import { createEmbedder } from '../../index/embedders/auto.js';
import type { AssistantEmbeddings } from '../../index/embedders/types.js';
import { createRetriever } from '../../index/retrieve/factory.js';
import type { Retriever } from '../../index/retrieve/types.js';
import { IndexService } from '../../index/service.js';
import { openStore } from '../../index/store/open.js';
import type { PassageStore } from '../../index/store/types.js';
import { chunkingInfo } from '../../ingest/chunk.js';
import { updateIndex } from '../../ingest/indexer.js';

export const TEST_CORPUS_DIR = path.resolve(import.meta.dirname, '../../corpus');

export interface TestIndexOptions {
  corpusDir: string;
  logger: Logger;
}

export const DEFAULT_TEST_INDEX: TestIndexOptions = { corpusDir: TEST_CORPUS_DIR, logger: silentLogger };

export interface TestIndex {
  /** Temp folder holding the index (removed by close()). */
  dir: string;
  indexDir: string;
  corpusDir: string;
  embedder: AssistantEmbeddings;
  store: PassageStore;
  retriever: Retriever;
  service: IndexService;
  close(): Promise<void>;
}

export async function buildTestIndex(options: Partial<TestIndexOptions> = {}): Promise<TestIndex> {
  const o: TestIndexOptions = { ...DEFAULT_TEST_INDEX, ...options };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'test-index-'));
  const indexDir = path.join(dir, 'index');
  const embedder = createEmbedder('lexical', {}, o.logger);
  const where = { corpusDir: o.corpusDir, indexDir, databaseUrl: null };
  await updateIndex({ ...where, embedder, logger: o.logger });
  const store = await openStore({ ...where, embedder: embedder.info, chunking: chunkingInfo(), logger: o.logger });
  const retriever = await createRetriever(store, embedder, { logger: o.logger });
  const service = new IndexService(store, embedder, retriever);
  await service.refresh();
  return {
    dir,
    indexDir,
    corpusDir: o.corpusDir,
    embedder,
    store,
    retriever,
    service,
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The raw text of every corpus document by file name (to check that citations quote them verbatim). */
export function corpusTexts(corpusDir: string = TEST_CORPUS_DIR): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(corpusDir).sort()) out.set(name, readFileSync(path.join(corpusDir, name), 'utf8'));
  return out;
}
