/**
 * The eval's binding to the real retrieval stack: one index per embedder under
 * <indexDir>/eval-<embedder> (kept up to date incrementally, so repeated runs do not re-embed),
 * opened once and shared by every mode/rerank run of that embedder.
 */
import path from 'node:path';
import { createEmbedder, mergeRetrievalConfig, readRetrievalConfig, createRetriever, openStore } from '../index/index.js';
import type { EmbedderName, Retriever, SearchOptions, PassageStore } from '../index/index.js';
import { chunkingInfo, updateIndex } from '../ingest/index.js';
import type { RetrieverConfig } from './retrievers.js';

interface Opened {
  store: PassageStore;
  retriever: Retriever;
  /** The reference point of the issue: BM25 over French-analysed passages with nothing
   * cross-lingual (no lexicon, no acronym/number expansion, no cognates, no reranker). */
  plain: Retriever;
  users: number;
}

const opened = new Map<string, Promise<Opened>>();

async function open(cfg: RetrieverConfig): Promise<Opened> {
  const indexDir = path.join(cfg.indexDir, `eval-${cfg.embedder}`);
  const exclude = cfg.exclude ?? [];
  const key = `${cfg.corpusDir}|${indexDir}|${cfg.embedder}|${exclude.join(',')}`;
  let entry = opened.get(key);
  if (!entry) {
    entry = (async () => {
      const embedder = createEmbedder(cfg.embedder as EmbedderName, { modelDir: cfg.app.modelDir, model: cfg.app.modelName }, cfg.logger);
      // Eval indexes never touch Postgres: the comparison is about retrieval, on local files.
      const where = { corpusDir: cfg.corpusDir, indexDir, databaseUrl: null, exclude, embedder, logger: cfg.logger };
      await updateIndex({ ...where, rebuild: false }).catch(async (err: unknown) => {
        if ((err as { code?: string }).code !== 'INDEX_MISMATCH') throw err;
        await updateIndex({ ...where, rebuild: true });
      });
      const store = await openStore({ databaseUrl: null, indexDir, embedder: embedder.info, chunking: chunkingInfo(), logger: cfg.logger });
      // The calibrated settings the server uses (config/retrieval.json); mode/rerank are set per run.
      const config = await readRetrievalConfig(cfg.app.retrievalConfigPath, cfg.logger);
      const retriever = await createRetriever(store, embedder, { logger: cfg.logger, config, englishSide: { cacheFile: path.join(indexDir, 'translations-fr-en.jsonl') } });
      const plainConfig = mergeRetrievalConfig(config, {
        mode: 'bm25',
        rerank: false,
        question: {
          analysis: { cognates: 'off' },
          expand: { numberWords: false, acronyms: false, mergeNames: false },
        },
      });
      const plain = await createRetriever(store, embedder, { logger: cfg.logger, config: plainConfig, lexicon: null });
      return { store, retriever, plain, users: 0 };
    })();
    opened.set(key, entry);
  }
  return entry;
}

/**
 * A retriever fixed to one mode/rerank setting, listing passages for complete qrels.
 * `plain: true` gives the plain-BM25 baseline (see Opened.plain) instead.
 */
export async function localRetriever(
  cfg: RetrieverConfig,
  variant: { plain?: boolean } = {},
): Promise<Retriever & { listPassages(): Promise<import('../core/types.js').Passage[]>; close(): Promise<void> }> {
  const o = await open(cfg);
  o.users++;
  return {
    search: (query: string, options: SearchOptions) =>
      variant.plain ? o.plain.search(query, { ...options, mode: 'bm25', rerank: false }) : o.retriever.search(query, { ...options, mode: cfg.mode, rerank: cfg.rerank }),
    listPassages: () => o.store.listPassages(),
    close: async () => {
      o.users--;
      if (o.users === 0) await o.store.close();
    },
  };
}
