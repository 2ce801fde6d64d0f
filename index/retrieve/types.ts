import type { Hit, Lang, Passage } from '../../core/types.js';

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

/** A sentence window quoted as evidence: passage.text.slice(start, end) === text. */
export interface EvidenceQuote {
  passage: Passage;
  start: number;
  end: number;
  text: string;
  /** The window's sentences as offsets into passage.text (a window is 1–2 sentences). */
  sentences: { start: number; end: number }[];
  /** Window evidence in [0, 1] (evidence.ts windowEvidence). */
  score: number;
  /** 1-based rank of the passage in the final ranking (it may lie beyond the k hits returned). */
  rank: number;
}

/** The evidence behind the answerability decision, shared with the answer composer. */
export interface SearchEvidence {
  /** Same as SearchResult.answerable. */
  answerable: boolean;
  /** Decision score and the calibrated threshold it is compared with. */
  score: number;
  threshold: number;
  /** Expected answer types read from the question (who, when, count, where). */
  types: string[];
  /** Share of the question's content the corpus never uses. */
  unknown: number;
  /** What to quote, best first: 1–3 sentences, possibly from two passages (empty when nothing matches). */
  quotes: EvidenceQuote[];
}

export interface SearchResult {
  /** False when the retrieved passages do not hold an answer ("not in the documents"). */
  answerable: boolean;
  lang: Lang;
  hits: Hit[];
  /** Scores behind the answerability decision, for eval, calibration and debugging. */
  diagnostics?: Diagnostics;
  /** With `explain`: one entry per hit, same order (first-stage ranks and scores, match features). */
  hitDiagnostics?: Diagnostics[];
  /** The evidence model's reading (the production retriever always sets it). */
  evidence?: SearchEvidence;
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
