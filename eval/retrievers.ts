/**
 * Where the eval gets its retrievers. The CLI asks a `RetrieverFactory` for one retriever per
 * configuration (embedder × mode × rerank); the binding to the real index lives in ONE place,
 * `defaultRetrieverFactory` below, so the eval never reaches into retrieval internals.
 */
import type { AppConfig } from '../core/config.js';
import { AppError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { Passage } from '../core/types.js';
import { chooseEmbedder } from '../index/index.js';
import type { EmbedderName, Retriever, SearchMode } from '../index/index.js';

export interface RetrieverConfig {
  embedder: EmbedderName;
  mode: SearchMode;
  rerank: boolean;
  corpusDir: string;
  indexDir: string;
  /** Corpus folders left out of the eval index (uploads, unless --include-uploads). */
  exclude?: readonly string[];
  /** The rest of the configuration read at the edge (model folder, DATABASE_URL …). */
  app: AppConfig;
  logger: Logger;
  /** A reference configuration instead of the product's: `bm25-plain` = BM25 over French
   * analysis with nothing cross-lingual (no lexicon, no expansions, no reranker). */
  baseline?: 'bm25-plain';
}

export type RetrieverFactory = (cfg: RetrieverConfig) => Promise<Retriever>;

/** Optional: a retriever that can list every indexed passage (qrels are then judged over the whole index). */
export interface PassageLister {
  listPassages(): Promise<Passage[]>;
}

/** Optional: a retriever holding resources (store handles, workers) released after its run. */
export interface Closable {
  close(): Promise<void>;
}

export function canListPassages(r: Retriever): r is Retriever & PassageLister {
  return typeof (r as Partial<PassageLister>).listPassages === 'function';
}

export function canClose(r: Retriever): r is Retriever & Closable {
  return typeof (r as Partial<Closable>).close === 'function';
}

// ============================================================================================
// WIRING POINT — to be bound by the lead / retrieval owner.
// Build (or load) the index for `cfg.embedder` from cfg.corpusDir / cfg.indexDir and return a
// Retriever whose search() honours cfg.mode and cfg.rerank (the eval also passes them per call).
// Throw AppError('MODEL_MISSING', …) when the embedder's model files are absent: the CLI then
// skips that embedder when it was not explicitly requested. Implementing listPassages() and
// close() (see above) is optional but gives exhaustive qrels and clean shutdown.
// ============================================================================================
export const defaultRetrieverFactory: RetrieverFactory = async (cfg) => {
  const { localRetriever } = await import('./local-retriever.js');
  return localRetriever(cfg, { plain: cfg.baseline === 'bm25-plain' });
};

/** Embedders that can run here: lexical always; transformers when its model files are present locally. */
export function availableEmbedders(app: AppConfig): EmbedderName[] {
  const decision = chooseEmbedder('auto', { modelDir: app.modelDir, model: app.modelName });
  return decision.name === 'transformers' ? ['lexical', 'transformers'] : ['lexical'];
}

export interface RunPlan {
  label: string;
  baseline?: RetrieverConfig['baseline'];
  embedder?: EmbedderName;
  mode?: SearchMode;
  rerank?: boolean;
}

/** Every embedder × mode × rerank combination, in a stable order (embedder, then mode, then rerank off/on). */
export function planRuns(embedders: readonly EmbedderName[], modes: readonly SearchMode[], reranks: readonly boolean[]): RunPlan[] {
  const plans: RunPlan[] = [];
  for (const embedder of embedders) {
    for (const mode of modes) {
      for (const rerank of reranks) plans.push({ label: runLabel(embedder, mode, rerank), embedder, mode, rerank });
    }
  }
  return plans;
}

/** Runs against a server (--url with --mode/--rerank): the server owns the embedder. */
export function planServerRuns(modes: readonly SearchMode[], reranks: readonly boolean[]): RunPlan[] {
  return modes.flatMap((mode) => reranks.map((rerank) => ({ label: runLabel('server', mode, rerank), mode, rerank })));
}

export function runLabel(prefix: string, mode: SearchMode, rerank: boolean): string {
  return `${prefix}/${mode}/${rerank ? 'rerank' : 'no-rerank'}`;
}
