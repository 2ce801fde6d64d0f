/** Options and query shape of the BM25 index (index/bm25). */
import { DEFAULT_RETRIEVAL_CONFIG, type RetrievalConfig } from '../retrieve/config.js';

/** BM25 settings: declared once, in the retrieval configuration schema (index/retrieve/config.ts). */
export type Bm25Options = RetrievalConfig['bm25'];

export const DEFAULT_BM25: Bm25Options = DEFAULT_RETRIEVAL_CONFIG.bm25;

/** One way of matching a query group: a stem, or several stems scored as a phrase. */
export interface Bm25Alternative {
  stems: readonly string[];
  weight: number;
}

/** A query word or phrase with its alternatives. */
export interface Bm25Group {
  alternatives: readonly Bm25Alternative[];
}

export interface Bm25Query {
  groups: readonly Bm25Group[];
}

export interface Bm25Hit {
  id: string;
  score: number;
}
