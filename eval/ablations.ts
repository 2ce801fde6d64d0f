/**
 * The retrieval ablations eval/ablate.ts runs: each row changes one thing relative to the shipped
 * configuration (config/retrieval.json), so the table shows what each mechanism contributes.
 */
import type { RetrievalConfigInput } from '../index/retrieve/config.js';
import type { SearchMode } from '../index/retrieve/types.js';

export interface Ablation {
  name: string;
  mode?: SearchMode;
  rerank?: boolean;
  /** BM25 query analysis without the bilingual lexicon (English surface forms only). */
  noLexicon?: boolean;
  config?: RetrievalConfigInput;
}

/** "Plain" BM25: no lexicon, no cognates, no expansions, alternatives summed, no phrases. */
const PLAIN_BM25: RetrievalConfigInput = {
  question: { analysis: { cognates: 'off' }, expand: { numberWords: false, acronyms: false, mergeNames: false } },
  bm25: { groupCombine: 'sum', phraseFallback: 1, phraseSlack: 0 },
  dedup: { lambda: 1, duplicate: 2 },
};

export const ABLATIONS: Ablation[] = [
  { name: 'plain BM25 (no lexicon)', mode: 'bm25', rerank: false, noLexicon: true, config: PLAIN_BM25 },
  { name: 'dense', mode: 'dense', rerank: false },
  { name: 'dense+rerank', mode: 'dense', rerank: true },
  { name: 'bm25', mode: 'bm25', rerank: false },
  { name: 'bm25+rerank', mode: 'bm25', rerank: true },
  { name: 'hybrid (shipped)', mode: 'hybrid', rerank: false },
  { name: 'hybrid+rerank', mode: 'hybrid', rerank: true },
  // One change at a time from the shipped hybrid:
  { name: 'hybrid, RRF k=60', mode: 'hybrid', rerank: false, config: { fusion: { method: 'rrf', rrfK: 60, weights: { bm25: 1, dense: 1 } } } },
  { name: 'hybrid, weighted 1:1', mode: 'hybrid', rerank: false, config: { fusion: { weights: { bm25: 1, dense: 1 } } } },
  { name: 'hybrid, no MMR/dedup', mode: 'hybrid', rerank: false, config: { dedup: { lambda: 1, duplicate: 2 } } },
  { name: 'hybrid, no expansions', mode: 'hybrid', rerank: false, config: { question: { expand: { numberWords: false, acronyms: false, mergeNames: false } } } },
  { name: 'hybrid, BM25 sums alternatives', mode: 'hybrid', rerank: false, config: { bm25: { groupCombine: 'sum' } } },
  { name: 'hybrid, no phrase fallback', mode: 'hybrid', rerank: false, config: { bm25: { phraseFallback: 0 } } },
  { name: 'hybrid, cognates off', mode: 'hybrid', rerank: false, config: { question: { analysis: { cognates: 'off' } } } },
  { name: 'hybrid, BM25 without lexicon', mode: 'hybrid', rerank: false, noLexicon: true },
];
