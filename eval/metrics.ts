/**
 * Retrieval metrics over gold spans (not passages: chunking changes passage ids, the gold spans stay).
 *
 * - Recall@k: a question counts as recalled at k if ANY gold span is covered in the top k.
 * - Full recall@k (multi-gold questions only): every gold span is covered in the top k.
 * - MRR@depth: 1 / rank of the first relevant passage.
 * - nDCG@depth, binary gains over gold spans: a passage gains 1 when it covers a gold span no
 *   higher-ranked passage covered (duplicates and overlapping chunks earn nothing twice); the
 *   ideal ranking covers one new span per rank. Two spans inside ONE passage therefore cap
 *   nDCG below 1; the shipped sets keep the gold spans of a question in different passages.
 * - Answerability: share of unanswerable questions correctly declined, and share of answerable
 *   questions wrongly refused (false refusals). Ratios over an empty group are null, never NaN.
 */
import type { Lang } from '../core/types.js';

export interface MetricsOptions {
  /** Cutoffs for Recall@k and full recall@k. */
  cutoffs: number[];
  /** Depth for MRR and nDCG. */
  depth: number;
}

export const DEFAULT_METRICS: MetricsOptions = { cutoffs: [1, 5, 10], depth: 10 };

export interface QuestionMetrics {
  /** 1-based rank of the first relevant passage, null when none was retrieved. */
  firstRelevantRank: number | null;
  /** Per gold span, the 1-based rank of the first passage covering it (null = not retrieved). */
  goldRanks: (number | null)[];
  /** Keyed by cutoff ("1", "5", "10"): 1 when recalled, else 0. */
  recall: Record<string, number>;
  fullRecall: Record<string, number>;
  reciprocalRank: number;
  ndcg: number;
}

/**
 * Score one ranking. `matches[i]` lists the gold indices covered by the passage at rank i + 1
 * (empty when it is not relevant).
 */
export function scoreRanking(matches: readonly (readonly number[])[], goldCount: number, options: MetricsOptions = DEFAULT_METRICS): QuestionMetrics {
  const goldRanks: (number | null)[] = Array.from({ length: goldCount }, () => null);
  let firstRelevantRank: number | null = null;
  let dcg = 0;
  matches.forEach((covered, i) => {
    const rank = i + 1;
    if (covered.length > 0 && firstRelevantRank === null) firstRelevantRank = rank;
    let fresh = false;
    for (const g of covered) {
      if (g < 0 || g >= goldCount) continue;
      if (goldRanks[g] === null) {
        goldRanks[g] = rank;
        fresh = true;
      }
    }
    if (fresh && rank <= options.depth) dcg += 1 / Math.log2(rank + 1);
  });

  let idcg = 0;
  for (let r = 1; r <= Math.min(goldCount, options.depth); r++) idcg += 1 / Math.log2(r + 1);

  const recall: Record<string, number> = {};
  const fullRecall: Record<string, number> = {};
  for (const k of options.cutoffs) {
    recall[String(k)] = firstRelevantRank !== null && firstRelevantRank <= k ? 1 : 0;
    fullRecall[String(k)] = goldCount > 0 && goldRanks.every((r) => r !== null && r <= k) ? 1 : 0;
  }
  const rr = firstRelevantRank !== null && firstRelevantRank <= options.depth ? 1 / firstRelevantRank : 0;
  return { firstRelevantRank, goldRanks, recall, fullRecall, reciprocalRank: rr, ndcg: idcg > 0 ? dcg / idcg : 0 };
}

/** What aggregation needs from one evaluated question. */
export interface ScoredQuestion {
  lang: Lang;
  /** Expected (from the question set). */
  answerable: boolean;
  /** What the retriever said. */
  predictedAnswerable: boolean;
  goldCount: number;
  /** Null for unanswerable questions (no gold, no retrieval metrics). */
  metrics: QuestionMetrics | null;
  /** Language the retriever detected, when it reported one. */
  detectedLang?: Lang | undefined;
  tags?: string[];
}

export interface GroupSummary {
  questions: number;
  answerable: number;
  unanswerable: number;
  /** Answerable questions with two or more gold spans (the denominator of fullRecall). */
  multiGold: number;
  recall: Record<string, number | null>;
  fullRecall: Record<string, number | null>;
  mrr: number | null;
  ndcg: number | null;
  /** Unanswerable questions the retriever declined (answerable=false). */
  declined: number;
  declinedRate: number | null;
  /** Answerable questions the retriever declined. */
  falseRefusals: number;
  falseRefusalRate: number | null;
  /** Share of questions whose detected language matches the set's `lang` (null when none reported). */
  langAgreement: number | null;
}

export function summarize(items: readonly ScoredQuestion[], options: MetricsOptions = DEFAULT_METRICS): GroupSummary {
  const answerable = items.filter((q) => q.answerable && q.metrics !== null);
  const unanswerable = items.filter((q) => !q.answerable);
  const multi = answerable.filter((q) => q.goldCount > 1);
  const metricsOf = (q: ScoredQuestion): QuestionMetrics => q.metrics as QuestionMetrics;

  const recall: Record<string, number | null> = {};
  const fullRecall: Record<string, number | null> = {};
  for (const k of options.cutoffs) {
    const key = String(k);
    recall[key] = mean(answerable.map((q) => metricsOf(q).recall[key] ?? 0));
    fullRecall[key] = mean(multi.map((q) => metricsOf(q).fullRecall[key] ?? 0));
  }
  const declined = unanswerable.filter((q) => !q.predictedAnswerable).length;
  const falseRefusals = items.filter((q) => q.answerable && !q.predictedAnswerable).length;
  const answerableCount = items.filter((q) => q.answerable).length;
  const withLang = items.filter((q) => q.detectedLang !== undefined);

  return {
    questions: items.length,
    answerable: answerableCount,
    unanswerable: unanswerable.length,
    multiGold: multi.length,
    recall,
    fullRecall,
    mrr: mean(answerable.map((q) => metricsOf(q).reciprocalRank)),
    ndcg: mean(answerable.map((q) => metricsOf(q).ndcg)),
    declined,
    declinedRate: ratio(declined, unanswerable.length),
    falseRefusals,
    falseRefusalRate: ratio(falseRefusals, answerableCount),
    langAgreement: ratio(withLang.filter((q) => q.detectedLang === q.lang).length, withLang.length),
  };
}

export interface LangSummaries {
  all: GroupSummary;
  fr: GroupSummary;
  en: GroupSummary;
}

export function summarizeByLang(items: readonly ScoredQuestion[], options: MetricsOptions = DEFAULT_METRICS): LangSummaries {
  return {
    all: summarize(items, options),
    fr: summarize(items.filter((q) => q.lang === 'fr'), options),
    en: summarize(items.filter((q) => q.lang === 'en'), options),
  };
}

/** One summary per tag (questions without tags are not grouped). */
export function summarizeByTag(items: readonly ScoredQuestion[], options: MetricsOptions = DEFAULT_METRICS): Record<string, GroupSummary> {
  const tags = [...new Set(items.flatMap((q) => q.tags ?? []))].sort();
  return Object.fromEntries(tags.map((t) => [t, summarize(items.filter((q) => (q.tags ?? []).includes(t)), options)]));
}

function mean(values: number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

function ratio(n: number, d: number): number | null {
  return d === 0 ? null : n / d;
}
