import type { Hit, Lang } from '../../core/types.js';

export type SearchMode = 'dense' | 'bm25' | 'hybrid';

export interface SearchOptions {
  k: number;
  /** Ranking strategy; the retriever's configured default when absent. */
  mode?: SearchMode;
  /** Second-stage lexical reranker on/off; the configured default when absent. */
  rerank?: boolean;
  /** Language of the query when known; detected otherwise. */
  lang?: Lang;
  /** Also return per-hit diagnostics (ranks, scores, match features) in `hitDiagnostics`. */
  explain?: boolean;
}

export type Diagnostics = Record<string, number | string | boolean>;

export interface SearchResult {
  /** False when the retrieved passages do not hold an answer ("not in the documents"). */
  answerable: boolean;
  lang: Lang;
  hits: Hit[];
  /** Scores behind the answerability decision, for eval, calibration and debugging. */
  diagnostics?: Diagnostics;
  /** With `explain`: one entry per hit, same order (first-stage ranks and scores, match features). */
  hitDiagnostics?: Diagnostics[];
}

/** Anything that turns a question into ranked passages: used by the server, the answer pipeline and eval. */
export interface Retriever {
  search(query: string, options: SearchOptions): Promise<SearchResult>;
  /**
   * Optional: bring derived structures (BM25 index, corpus vocabulary) up to date with the store
   * after it changed (ingest, upload, delete). IndexService.refresh() calls it.
   */
  refresh?(): Promise<void>;
}
