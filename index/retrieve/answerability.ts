/**
 * "Is the answer in the documents?", decided from the evidence model (evidence.ts): the best
 * sentence window among the top passages must cover the question and meet its conditions — a
 * candidate of the expected answer type, the question's numbers and names in its passage, and the
 * near-miss conditions of evidence-conditions.ts. The window score is a product in [0, 1]; a
 * question whose content the corpus never uses in any form ("budget", "succeeded") may be
 * discounted by its unknown share (unknownWeight, off: it refused paraphrases). The threshold is
 * calibrated on eval/questions.jsonl (eval/calibrate.ts) and stored in config/retrieval.json. The
 * composer quotes the same windows, so /api/search and the chat never disagree.
 */

export interface AnswerabilityOptions {
  /** Off: every question with at least one hit is answerable. */
  enabled: boolean;
  /** Passages (final ranking, independent of k) whose windows compete. */
  top: number;
  /** Decision score = best window evidence × (1 − unknownWeight · unknown share). */
  unknownWeight: number;
  /** Answerable when the decision score reaches this. */
  threshold: number;
}

export const DEFAULT_ANSWERABILITY: AnswerabilityOptions = {
  enabled: true,
  top: 5,
  unknownWeight: 0,
  // Calibrated on eval/questions.jsonl by eval/calibrate.ts (config/retrieval.json carries the
  // exact fitted value; this rounded copy serves callers that pass no configuration).
  threshold: 0.1,
};

export interface AnswerabilityDecision {
  answerable: boolean;
  /** Decision score (best window evidence, discounted by the unknown share). */
  score: number;
  /** Best window evidence (discounted by its passage rank), before the unknown share. */
  evidence: number;
  /** Rank (1-based) of the passage holding the best window (0 when none). */
  rank: number;
}

/** `best`: the best window's evidence and its passage's rank, null when no window; `unknown`: EvidenceQuestion.unknown. */
export function decideAnswerable(best: { score: number; rank: number } | null, unknown: number, options: Partial<AnswerabilityOptions> = {}): AnswerabilityDecision {
  const o: AnswerabilityOptions = { ...DEFAULT_ANSWERABILITY, ...options };
  if (!best) return { answerable: !o.enabled, score: 0, evidence: 0, rank: 0 };
  const score = best.score * (1 - o.unknownWeight * unknown);
  return { answerable: !o.enabled || score >= o.threshold, score, evidence: best.score, rank: best.rank };
}
