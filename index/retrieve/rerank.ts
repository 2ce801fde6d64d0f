/**
 * The second stage: a cross-feature reranker over the first stage's top candidates. No model
 * weights exist offline, so it is a transparent linear score over what first-stage rankers cannot
 * see: the passage's best evidence window (evidence.ts: a sentence or two covering the question
 * with a candidate of the expected answer type and the question's numbers and names), and lexical
 * features (features.ts: coverage, proximity window, exact numbers, title, document coverage), on
 * top of the first-stage score. Weights are round numbers, chosen on the main set and checked on
 * the held-out set (eval/RETRIEVAL.md).
 */
import type { MatchFeatures } from './features.js';

export interface RerankOptions {
  /** Candidates reranked (the rest keep their order below them). */
  depth: number;
  /** First-stage score, divided by the best candidate's. */
  retrievalWeight: number;
  coverageWeight: number;
  windowWeight: number;
  /** Coverage of the question by the passage's whole document (features.documentCoverage). */
  documentWeight: number;
  titleWeight: number;
  /** Per question number found (share of the question's numbers). */
  numberWeight: number;
  /** Per question number missing (share of the question's numbers). */
  missingNumberWeight: number;
  /** The passage's best evidence window (in [0, 1]). */
  evidenceWeight: number;
  /**
   * English questions: the passage's score on the English side (its fr→en translation searched
   * with the question, index/xling/english-side.ts), divided by the best one. 0 without Apertium.
   */
  translationWeight: number;
}

export const DEFAULT_RERANK: RerankOptions = {
  depth: 30,
  retrievalWeight: 1,
  coverageWeight: 0,
  windowWeight: 0,
  documentWeight: 0.5,
  titleWeight: 0,
  numberWeight: 0.1,
  missingNumberWeight: 0.1,
  evidenceWeight: 2,
  translationWeight: 0.5,
};

export interface RerankCandidate {
  id: string;
  /** First-stage score (fused, BM25 or cosine). */
  score: number;
  features: MatchFeatures;
  /** features.documentCoverage of the passage's document. */
  document: number;
  /** Best evidence window score of the passage (0 when not computed). */
  evidence?: number;
  /** English-side score divided by the best English-side score (0 when absent). */
  translation?: number;
}

/** Reranker score of each candidate (same order as given). */
export function rerankScores(candidates: readonly RerankCandidate[], options: Partial<RerankOptions> = {}): number[] {
  const o: RerankOptions = { ...DEFAULT_RERANK, ...options };
  const top = Math.max(...candidates.map((c) => c.score));
  return candidates.map((c) => {
    const f = c.features;
    const numbers = f.numbersFound + f.numbersMissing;
    const retrieval = top > 0 ? c.score / top : 0;
    return (
      o.retrievalWeight * retrieval +
      o.coverageWeight * f.coverage +
      o.windowWeight * f.window +
      o.documentWeight * c.document +
      o.titleWeight * f.title +
      o.evidenceWeight * (c.evidence ?? 0) +
      o.translationWeight * (c.translation ?? 0) +
      (numbers > 0 ? (o.numberWeight * f.numbersFound - o.missingNumberWeight * f.numbersMissing) / numbers : 0)
    );
  });
}
