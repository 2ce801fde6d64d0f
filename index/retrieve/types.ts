import type { Hit, Lang } from '../../core/types.js';

export type SearchMode = 'dense' | 'bm25' | 'hybrid';

export interface SearchOptions {
  k: number;
  mode?: SearchMode;
  rerank?: boolean;
  /** Language of the query when known; detected otherwise. */
  lang?: Lang;
}

export interface SearchResult {
  /** False when the retrieved passages do not hold an answer ("not in the documents"). */
  answerable: boolean;
  lang: Lang;
  hits: Hit[];
  /** Scores behind the answerability decision, for eval, calibration and debugging. */
  diagnostics?: Record<string, number | string | boolean>;
}

/** Anything that turns a question into ranked passages: used by the server, the answer pipeline and eval. */
export interface Retriever {
  search(query: string, options: SearchOptions): Promise<SearchResult>;
}
