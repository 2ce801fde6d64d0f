/**
 * The evaluation core: run every question through a Retriever and score the rankings.
 * A pure library function (no files, no console): the CLI, bench and tests all call it.
 */
import { AppError, isAppError } from '../core/errors.js';
import { silentLogger, type Logger } from '../core/logger.js';
import type { Lang } from '../core/types.js';
import type { Retriever, SearchMode } from '../index/index.js';
import { DEFAULT_METRICS, scoreRanking, summarizeByLang, summarizeByTag } from './metrics.js';
import type { GroupSummary, LangSummaries, MetricsOptions, QuestionMetrics } from './metrics.js';
import type { Question } from './questions.js';
import { DEFAULT_RELEVANCE, matchedGold, type RelevanceOptions } from './relevance.js';

export interface EvaluateOptions {
  /** Passages requested per question. */
  k: number;
  mode?: SearchMode;
  rerank?: boolean;
  /**
   * Hand the set's `lang` to the retriever. Off by default: real users do not declare their
   * language, so detection is part of what is measured.
   */
  passLang: boolean;
  /** Name of this configuration in reports (e.g. "lexical/hybrid/rerank"). */
  label: string;
  /** Free-form description copied into the result (embedder, url…). */
  config: Record<string, string | number | boolean>;
  metrics: MetricsOptions;
  relevance: RelevanceOptions;
  /** Questions in flight at once; results keep the set's order whatever the value. */
  concurrency: number;
  logger: Logger;
}

export const DEFAULT_EVALUATE: EvaluateOptions = {
  k: 10,
  passLang: false,
  label: 'run',
  config: {},
  metrics: DEFAULT_METRICS,
  relevance: DEFAULT_RELEVANCE,
  concurrency: 1,
  logger: silentLogger,
};

export interface RetrievedRef {
  rank: number;
  id: string;
  source: string;
  score: number;
  /** Indices of the gold spans this passage covers (empty = not relevant). */
  relevantGold: number[];
}

export interface QuestionResult {
  id: string;
  lang: Lang;
  question: string;
  tags: string[];
  /** Expected, from the set. */
  answerable: boolean;
  /** Returned by the retriever. */
  predictedAnswerable: boolean;
  detectedLang: Lang | undefined;
  goldCount: number;
  retrieved: RetrievedRef[];
  /** Null for unanswerable questions. */
  metrics: QuestionMetrics | null;
  diagnostics?: Record<string, number | string | boolean>;
}

/** A distinct retrieved passage, kept for pooled qrels (not written to the JSON report). */
export interface PooledPassage {
  id: string;
  source: string;
  text: string;
}

export interface EvalResult {
  label: string;
  config: Record<string, string | number | boolean>;
  metricsOptions: MetricsOptions;
  questions: QuestionResult[];
  summary: LangSummaries;
  byTag: Record<string, GroupSummary>;
  pool: PooledPassage[];
}

export async function evaluate(questions: readonly Question[], retriever: Retriever, options: Partial<EvaluateOptions> = {}): Promise<EvalResult> {
  const opts: EvaluateOptions = { ...DEFAULT_EVALUATE, ...options };
  validate(opts);
  const log = opts.logger.child({ run: opts.label });
  const pool = new Map<string, PooledPassage>();

  const results = await mapOrdered(questions, opts.concurrency, async (q) => {
    const r = await searchOne(retriever, q, opts);
    const hits = r.hits.slice(0, opts.k);
    const retrieved: RetrievedRef[] = hits.map((h, i) => {
      if (!pool.has(h.passage.id)) pool.set(h.passage.id, { id: h.passage.id, source: h.passage.source, text: h.passage.text });
      return {
        rank: i + 1,
        id: h.passage.id,
        source: h.passage.source,
        score: h.score,
        relevantGold: q.answerable ? matchedGold(h.passage, q.gold, opts.relevance) : [],
      };
    });
    const metrics = q.answerable ? scoreRanking(retrieved.map((x) => x.relevantGold), q.gold.length, opts.metrics) : null;
    log.debug('question scored', { id: q.id, firstRelevantRank: metrics?.firstRelevantRank ?? null, answerable: r.answerable });
    const result: QuestionResult = {
      id: q.id,
      lang: q.lang,
      question: q.question,
      tags: q.tags,
      answerable: q.answerable,
      predictedAnswerable: r.answerable,
      // An HTTP server may not report the language; then there is nothing to compare.
      detectedLang: 'langReported' in r && r.langReported === false ? undefined : r.lang,
      goldCount: q.gold.length,
      retrieved,
      metrics,
      ...(r.diagnostics ? { diagnostics: r.diagnostics } : {}),
    };
    return result;
  });

  const summary = summarizeByLang(results, opts.metrics);
  const r5 = summary.all.recall['5'];
  log.info('run evaluated', { questions: results.length, recallAt5: r5 ?? null, mrr: summary.all.mrr });
  return {
    label: opts.label,
    config: {
      k: opts.k,
      ...(opts.mode ? { mode: opts.mode } : {}),
      ...(opts.rerank !== undefined ? { rerank: opts.rerank } : {}),
      passLang: opts.passLang,
      ...opts.config,
    },
    metricsOptions: opts.metrics,
    questions: results,
    summary,
    byTag: summarizeByTag(results, opts.metrics),
    pool: [...pool.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
}

async function searchOne(retriever: Retriever, q: Question, opts: EvaluateOptions) {
  try {
    return await retriever.search(q.question, {
      k: opts.k,
      ...(opts.mode ? { mode: opts.mode } : {}),
      ...(opts.rerank !== undefined ? { rerank: opts.rerank } : {}),
      ...(opts.passLang ? { lang: q.lang } : {}),
    });
  } catch (err) {
    // Fail the run rather than score a broken retriever as "found nothing".
    if (isAppError(err)) throw new AppError(err.code, `question ${q.id}: ${err.message}`, { cause: err, ...(err.details ? { details: err.details } : {}) });
    throw new AppError('INTERNAL', `retriever failed on question ${q.id}: ${(err as Error).message ?? String(err)}`, { cause: err });
  }
}

function validate(opts: EvaluateOptions): void {
  const posInt = (n: number) => Number.isInteger(n) && n > 0;
  if (!posInt(opts.k)) throw new AppError('INVALID_PARAMETER', `k must be a positive integer, got ${opts.k}.`);
  if (!posInt(opts.concurrency)) throw new AppError('INVALID_PARAMETER', `concurrency must be a positive integer, got ${opts.concurrency}.`);
  if (!posInt(opts.metrics.depth)) throw new AppError('INVALID_PARAMETER', `metrics depth must be a positive integer, got ${opts.metrics.depth}.`);
  if (opts.metrics.cutoffs.length === 0 || !opts.metrics.cutoffs.every(posInt)) {
    throw new AppError('INVALID_PARAMETER', `metric cutoffs must be positive integers, got [${opts.metrics.cutoffs.join(', ')}].`);
  }
  const f = opts.relevance.minFraction;
  if (!(f > 0 && f <= 1)) throw new AppError('INVALID_PARAMETER', `relevance minFraction must be in (0, 1], got ${f}.`);
}

/** Run `fn` over items with at most `limit` in flight; output order = input order. */
async function mapOrdered<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
