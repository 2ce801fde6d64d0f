/**
 * The retrieval ablations eval/ablate.ts runs: each row changes one thing relative to the shipped
 * configuration (config/retrieval.json: hybrid + evidence reranker), so the table shows what each
 * mechanism contributes. Declined / false refusals use the shipped (calibrated) threshold, not a
 * threshold refitted per variant.
 */
import type { RetrievalConfigInput, SearchMode } from '../index/index.js';

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
  { name: 'hybrid, no rerank', mode: 'hybrid', rerank: false },
  { name: 'hybrid+rerank (shipped)', mode: 'hybrid', rerank: true },
  // The reranker: evidence against the round-1 lexical features.
  { name: 'round-1 lexical reranker (no evidence)', mode: 'hybrid', rerank: true, config: { reranker: { evidenceWeight: 0, windowWeight: 0.5 } } },
  { name: 'reranker evidence weight 1', mode: 'hybrid', rerank: true, config: { reranker: { evidenceWeight: 1 } } },
  { name: 'reranker evidence weight 4', mode: 'hybrid', rerank: true, config: { reranker: { evidenceWeight: 4 } } },
  // The evidence model, one part at a time (ranking through the reranker, decisions, quotes):
  { name: 'evidence: answer types ignored', mode: 'hybrid', rerank: true, config: { evidence: { typeFloor: 1 } } },
  { name: 'evidence: numbers not required', mode: 'hybrid', rerank: true, config: { evidence: { numberPenalty: 0 } } },
  { name: 'evidence: names not required', mode: 'hybrid', rerank: true, config: { evidence: { entityExponent: 0 } } },
  { name: 'evidence: names factor linear', mode: 'hybrid', rerank: true, config: { evidence: { entityExponent: 1 } } },
  { name: 'evidence: content coverage only', mode: 'hybrid', rerank: true, config: { evidence: { allMix: 0 } } },
  { name: 'evidence: names+content coverage only', mode: 'hybrid', rerank: true, config: { evidence: { allMix: 1 } } },
  { name: 'evidence: one-sentence windows', mode: 'hybrid', rerank: true, config: { evidence: { maxSentences: 1 } } },
  { name: 'evidence: no rank discount', mode: 'hybrid', rerank: true, config: { evidence: { rankDiscount: 0 } } },
  { name: 'evidence: heading-like lines never windows', mode: 'hybrid', rerank: true, config: { evidence: { headingWindow: 0 } } },
  { name: 'evidence: no prefix relatives', mode: 'hybrid', rerank: true, config: { evidence: { prefixCredit: 0 } } },
  { name: 'evidence: names in passage count fully', mode: 'hybrid', rerank: true, config: { evidence: { contextCredit: 1 } } },
  { name: 'answerability: unknown share ×0.5', mode: 'hybrid', rerank: true, config: { answerability: { unknownWeight: 0.5 } } },
  { name: 'answerability: top 3 passages', mode: 'hybrid', rerank: true, config: { answerability: { top: 3 } } },
  { name: 'answerability: top 10 passages', mode: 'hybrid', rerank: true, config: { answerability: { top: 10 } } },
  // Round 3: the near-miss conditions (evidence-conditions.ts), all off, then one at a time.
  {
    name: 'r3: none of the round-3 conditions (round-2 evidence)',
    mode: 'hybrid',
    rerank: true,
    config: { evidence: { acronymWho: 1, bodyWho: 1, personPlaces: true, acronymPlaces: true, nowFactor: 1, substitutionFactor: 1, attributionFactor: 1 } },
  },
  { name: 'r3: any name answers who (no person preference)', mode: 'hybrid', rerank: true, config: { evidence: { acronymWho: 1, bodyWho: 1 } } },
  { name: 'r3: persons and acronyms answer which-country', mode: 'hybrid', rerank: true, config: { evidence: { personPlaces: true, acronymPlaces: true } } },
  { name: 'r3: no present-tense condition', mode: 'hybrid', rerank: true, config: { evidence: { nowFactor: 1 } } },
  { name: 'r3: no place/person substitution', mode: 'hybrid', rerank: true, config: { evidence: { substitutionFactor: 1 } } },
  { name: 'r3: no speaker attribution', mode: 'hybrid', rerank: true, config: { evidence: { attributionFactor: 1 } } },
  // Round 3, explored and left off:
  { name: 'r3: relation coverage all, floor 0.5 (decision only)', mode: 'hybrid', rerank: true, config: { evidence: { relationMode: 'all', relationFloor: 0.5 } } },
  { name: 'r3: relation coverage all, floor 0.25 (decision only)', mode: 'hybrid', rerank: true, config: { evidence: { relationMode: 'all', relationFloor: 0.25 } } },
  { name: 'r3: relation coverage max, floor 0.5 (decision only)', mode: 'hybrid', rerank: true, config: { evidence: { relationMode: 'max', relationFloor: 0.5 } } },
  { name: 'r3: relation coverage all 0.5, also in ranking', mode: 'hybrid', rerank: true, config: { evidence: { relationMode: 'all', relationFloor: 0.5, relationInRanking: true } } },
  {
    name: 'r3: relation all 0.5 + related words (0.75, ≥ 0.25)',
    mode: 'hybrid',
    rerank: true,
    config: { evidence: { relationMode: 'all', relationFloor: 0.5, relatedCredit: 0.75, relatedMin: 0.25 } },
  },
  {
    name: 'r3: relation all 0.5 + related words (1, ≥ 0.1)',
    mode: 'hybrid',
    rerank: true,
    config: { evidence: { relationMode: 'all', relationFloor: 0.5, relatedCredit: 1, relatedMin: 0.1 } },
  },
  { name: 'r3: derivations credit 0.5', mode: 'hybrid', rerank: true, config: { evidence: { derivationCredit: 0.5 } } },
  { name: 'r3: derivations credit 0', mode: 'hybrid', rerank: true, config: { evidence: { derivationCredit: 0 } } },
  { name: 'r3: names factor to the 5th power', mode: 'hybrid', rerank: true, config: { evidence: { entityExponent: 5 } } },
  // Query side and first stage, one change at a time from the shipped configuration:
  { name: 'no long-form suffixes (ONU ↔ Nations Unies)', mode: 'hybrid', rerank: true, config: { question: { expand: { longFormSuffixes: 0 } } } },
  { name: 'PRF (RM3, 3 docs, 10 terms, 0.3)', mode: 'hybrid', rerank: true, config: { feedback: { docs: 3, terms: 10, weight: 0.3 } } },
  { name: 'RRF (k = 60) instead of weighted fusion', mode: 'hybrid', rerank: true, config: { fusion: { method: 'rrf', rrfK: 60, weights: { bm25: 1, dense: 1 } } } },
  { name: 'weighted fusion 1:1', mode: 'hybrid', rerank: true, config: { fusion: { weights: { bm25: 1, dense: 1 } } } },
  { name: 'no MMR/dedup', mode: 'hybrid', rerank: true, config: { dedup: { lambda: 1, duplicate: 2 } } },
  { name: 'no expansions', mode: 'hybrid', rerank: true, config: { question: { expand: { numberWords: false, acronyms: false, mergeNames: false } } } },
  { name: 'BM25 sums alternatives', mode: 'hybrid', rerank: true, config: { bm25: { groupCombine: 'sum' } } },
  { name: 'cognates off', mode: 'hybrid', rerank: true, config: { question: { analysis: { cognates: 'off' } } } },
  { name: 'BM25 without lexicon', mode: 'hybrid', rerank: true, noLexicon: true },
];
