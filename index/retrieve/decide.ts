/**
 * The decide stage: "is the answer in the documents?", from the evidence stage (evidence.ts). The
 * best sentence window among the top passages must cover the question and meet its conditions — a
 * candidate of the expected answer type, the question's numbers and names in its passage, and the
 * near-miss conditions of conditions.ts. Its score (a product in [0, 1], discounted by the rank of
 * its passage) is the decision's confidence; a question whose content the corpus never uses in any
 * form may be discounted further by its unknown share (unknownWeight; 0 as shipped: it refused
 * paraphrases). The threshold is calibrated on eval/questions.jsonl (eval/calibrate.ts) and stored
 * in config/retrieval.json. The composer quotes the same windows, so /api/search and the chat
 * never disagree.
 */
import type { RetrievalConfig } from './config.js';
import type { Evidence } from './evidence.js';
import type { Question } from './question.js';
import { passageSentences } from './sentence-analysis.js';
import type { SearchEvidence } from './types.js';

export type AnswerabilityOptions = RetrievalConfig['answerability'];

export interface Decision {
  answerable: boolean;
  /** In [0, 1]: the best window's evidence, discounted by the unknown share; compared with the threshold. */
  confidence: number;
  /** Best window evidence (discounted by its passage rank), before the unknown share. */
  evidence: number;
  /** Rank (1-based) of the passage holding the best window (0 when none). */
  rank: number;
}

/** `hasHits`: the search returned passages at all (nothing retrieved is never answerable). */
export function decide(evidence: Evidence, question: Question, hasHits: boolean, options: AnswerabilityOptions): Decision {
  const best = evidence.quotes[0];
  if (!best) return { answerable: !options.enabled && hasHits, confidence: 0, evidence: 0, rank: 0 };
  const confidence = best.score * (1 - options.unknownWeight * question.unknown);
  return { answerable: (!options.enabled || confidence >= options.threshold) && hasHits, confidence, evidence: best.score, rank: best.rank };
}

/** The public reading of the evidence and the decision (SearchResult.evidence, what the composer quotes). */
export function evidenceReport(question: Question, evidence: Evidence, decision: Decision, threshold: number): SearchEvidence {
  return {
    answerable: decision.answerable,
    score: round(decision.confidence),
    threshold,
    types: [...question.types],
    unknown: round(question.unknown),
    quotes: evidence.quotes.map((r) => {
      const w = r.window;
      const { sentences } = passageSentences(w.entry);
      return {
        passage: w.entry.passage,
        start: w.start,
        end: w.end,
        text: w.entry.passage.text.slice(w.start, w.end),
        sentences: sentences.slice(w.first, w.last + 1).map((s) => ({ start: s.start, end: s.end })),
        score: round(w.score),
        rank: r.rank,
      };
    }),
  };
}

export function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
