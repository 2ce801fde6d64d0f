/**
 * The rerank stage: a cross-feature reranker over the first stage's top candidates. No model
 * weights exist offline, so it is a transparent linear score over what first-stage rankers cannot
 * see: the passage's best evidence window (evidence.ts: a sentence or two covering the question
 * with a candidate of the expected answer type and the question's numbers and names), lexical
 * features (features.ts: exact numbers, document coverage) and, for English questions, the
 * passage's score on its English translation (translation.ts), on top of the first-stage score.
 * Weights are round numbers, chosen on the main set and checked on the held-out set (eval/RETRIEVAL.md).
 */
import type { Candidate, CandidateReader } from './candidates.js';
import type { RetrievalConfig } from './config.js';
import { documentCoverage, type MatchFeatures } from './features.js';
import type { Question } from './question.js';

export type RerankOptions = RetrievalConfig['reranker'];

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
export function rerankScores(candidates: readonly RerankCandidate[], o: RerankOptions): number[] {
  const top = Math.max(...candidates.map((c) => c.score));
  return candidates.map((c) => {
    const f = c.features;
    const numbers = f.numbersFound + f.numbersMissing;
    const retrieval = top > 0 ? c.score / top : 0;
    return (
      o.retrievalWeight * retrieval +
      o.documentWeight * c.document +
      o.evidenceWeight * (c.evidence ?? 0) +
      o.translationWeight * (c.translation ?? 0) +
      (numbers > 0 ? (o.numberWeight * f.numbersFound - o.missingNumberWeight * f.numbersMissing) / numbers : 0)
    );
  });
}

/** The candidates the reranker re-scores: the first min(reranker depth, evidence depth). */
export function rerankHead<T>(candidates: readonly T[], options: { depth: number; evidenceDepth: number }): T[] {
  return candidates.slice(0, Math.min(options.depth, options.evidenceDepth));
}

/**
 * Reranks the head of the candidates (the first min(reranker depth, evidence depth)); below it the
 * first-stage order is kept, with scores placed strictly under the head's (the diversify stage
 * normalises relevance over the whole list, so the tail needs scores on the head's scale).
 */
export function rerank(
  candidates: readonly Candidate[],
  question: Question,
  reader: CandidateReader,
  termsOfSource: (source: string) => ReadonlySet<string>,
  options: RerankOptions & { evidenceDepth: number },
  /** English-side scores in [0, 1] by passage id (translation.ts); empty for French questions. */
  translation: ReadonlyMap<string, number> = new Map(),
): Candidate[] {
  if (candidates.length <= 1) return [...candidates];
  const head = rerankHead(candidates, options);
  const docs = options.documentWeight > 0 ? documentCoverage(question, head.map((c) => c.passage.source), termsOfSource) : new Map<string, number>();
  const scores = rerankScores(
    head.map((c) => ({
      id: c.id,
      score: c.score,
      features: reader.featuresOf(c),
      document: docs.get(c.passage.source) ?? 0,
      ...(options.evidenceWeight > 0 ? { evidence: reader.evidenceOf(c) } : {}),
      translation: translation.get(c.id) ?? 0,
    })),
    options,
  );
  head.forEach((c, i) => (c.final = scores[i] ?? c.final));
  head.sort((a, b) => b.final - a.final);
  const floor = Math.min(...head.map((c) => c.final));
  const tail = candidates.slice(head.length).map((c, i) => ({ ...c, final: floor - 1 - i }));
  return [...head, ...tail];
}
