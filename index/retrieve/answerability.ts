/**
 * "Is the answer in the documents?" A retrieval score alone cannot tell: "Who succeeded Jürgen
 * Stock?" scores high because the name matches. What separates answerable from unanswerable
 * questions is how much of the question *beyond its named entities* the best passages cover:
 * the IDF-weighted coverage of the non-entity query groups (contentCoverage, and the same inside
 * one sentence-sized window). Two penalties catch questions about specifics the documents lack:
 * the question's numbers (a year, an edition) absent from the passage, and named entities the
 * whole corpus never mentions. The threshold is calibrated (eval/calibrate.ts) and stored in
 * config/retrieval.json.
 */
import type { MatchFeatures } from './features.js';

export interface AnswerabilityOptions {
  /** Off: every question with at least one hit is answerable. */
  enabled: boolean;
  /** Passages (best first) whose best support decides. */
  top: number;
  /** Support = mix · contentCoverage + (1 − mix) · contentWindow − penalty · missing-number share. */
  windowMix: number;
  missingNumberPenalty: number;
  /** Times the share of the question's entity groups absent from the whole corpus. */
  absentEntityPenalty: number;
  /** Answerable when the best support reaches this. */
  threshold: number;
  /**
   * And when the best passage matches at least this IDF-weighted share of the whole question
   * (entities included): an off-topic question ("recette de la tarte tatin") matches nothing.
   */
  minCoverage: number;
}

export const DEFAULT_ANSWERABILITY: AnswerabilityOptions = {
  enabled: true,
  top: 3,
  windowMix: 0.5,
  missingNumberPenalty: 1,
  absentEntityPenalty: 1,
  // Calibrated on eval/questions.jsonl by eval/calibrate.ts (config/retrieval.json carries the
  // exact fitted values; these rounded copies serve callers that pass no configuration).
  threshold: -0.09,
  minCoverage: 0.06,
};

export interface AnswerabilityDecision {
  answerable: boolean;
  /** Best support among the top passages. */
  support: number;
  /** Rank (1-based) of the passage giving it (0 when none). */
  supportRank: number;
  /** Best whole-question coverage among the top passages. */
  coverage: number;
}

export function support(f: MatchFeatures, o: AnswerabilityOptions): number {
  const numbers = f.numbersFound + f.numbersMissing;
  const missing = numbers > 0 ? f.numbersMissing / numbers : 0;
  return o.windowMix * f.contentCoverage + (1 - o.windowMix) * f.contentWindow - o.missingNumberPenalty * missing;
}

/** `absentEntities`: share of the question's entity groups that no indexed passage mentions. */
export function decideAnswerable(top: readonly MatchFeatures[], absentEntities: number, options: Partial<AnswerabilityOptions> = {}): AnswerabilityDecision {
  const o: AnswerabilityOptions = { ...DEFAULT_ANSWERABILITY, ...options };
  let best = -Infinity;
  let rank = 0;
  let coverage = 0;
  top.slice(0, o.top).forEach((f, i) => {
    coverage = Math.max(coverage, f.coverage);
    const s = support(f, o) - o.absentEntityPenalty * absentEntities;
    if (s > best) {
      best = s;
      rank = i + 1;
    }
  });
  if (rank === 0) return { answerable: false, support: 0, supportRank: 0, coverage: 0 };
  return { answerable: !o.enabled || (best >= o.threshold && coverage >= o.minCoverage), support: best, supportRank: rank, coverage };
}
