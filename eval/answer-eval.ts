/**
 * `npx tsx eval/answer-eval.ts --questions FILE [--corpus DIR --index DIR] [--mode M] [--rerank on|off] [--out FILE] [--verbose]`
 *
 * Answer-level evaluation through the real answer pipeline (createAnswerer: condense → retrieve →
 * extractive composer), one fresh conversation per question:
 *   - answered: share of answerable questions that get an answer (not "the documents do not say");
 *   - supported: share of answerable questions whose quoted sentences hold a gold span, judged with
 *     the retrieval eval's own relevance rule (eval/relevance.ts) on each quote and on the quotes of
 *     one passage joined;
 *   - declined: share of unanswerable questions declined;
 *   - agreement: share of questions where the chat's answered/declined equals /api/search's
 *     `answerable` for the same question (one evidence model: it should be 1).
 * Prints a Markdown table per language; --out writes the per-question details as JSON.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { corpusViewOf, createAnswerer } from '../answer/index.js';
import type { Answer, Answerer } from '../answer/index.js';
import { isEntryPoint, runCli } from '../core/cli.js';
import { APERTIUM_INSTALL_HINT, openTranslator } from '../text/index.js';
import { configFromEnv } from '../core/config.js';
import { AppError } from '../core/errors.js';
import { createLogger } from '../core/logger.js';
import type { Lang } from '../core/types.js';
import { mergeRetrievalConfig, readRetrievalConfig, createRetriever, IndexService } from '../index/index.js';
import type { Retriever, SearchMode } from '../index/index.js';
import { openEvalIndex } from './eval-index.js';
import { loadQuestions, type Question } from './questions.js';
import { DEFAULT_RELEVANCE, matchedGold, normalizeForMatch, type RelevanceOptions } from './relevance.js';

export interface AnswerEvalOptions {
  relevance: RelevanceOptions;
  /** Passages /api/search is asked for when checking agreement (the decision does not depend on it). */
  k: number;
}

export const DEFAULT_ANSWER_EVAL: AnswerEvalOptions = { relevance: DEFAULT_RELEVANCE, k: 10 };

export interface AnswerQuestionResult {
  id: string;
  lang: Lang;
  answerable: boolean;
  answered: boolean;
  /** Answerable and a quote holds a gold span. */
  supported: boolean;
  /** /api/search's decision for the same question (null when no retriever was given). */
  searchAnswerable: boolean | null;
  quotes: { n: number; source: string; text: string; translation?: string }[];
  /** The answer's short answer (text, and the verbatim span it was lifted from). */
  short: { text: string; original: string } | null;
  /** Questions with a `short` gold: the short answer holds every gold span (see shortAnswerRight); else null. */
  shortRight: boolean | null;
  confidence: string | null;
  /** The evidence score behind the answer and its threshold (extractive answers). */
  evidence: { score: number; threshold: number } | null;
}

export interface AnswerSummary {
  answerable: number;
  unanswerable: number;
  answeredRate: number | null;
  supportedRate: number | null;
  /** Supported among the answered ones (precision of the quotes). */
  supportedWhenAnswered: number | null;
  declinedRate: number | null;
  /** Answers given to unanswerable questions. */
  wrongAnswers: number;
  agreement: number | null;
  /** Questions with a `short` gold (answerable): how many, share with a short answer, share right. */
  withShort: number;
  shortPresent: number | null;
  shortRight: number | null;
  /** English answered questions: share whose every quote carries an English rendering. */
  englishRendered: number | null;
  /** Answered with confidence "low" (answerable / unanswerable questions). */
  lowConfidence: { answerable: number; unanswerable: number };
}

export interface AnswerEvalResult {
  questions: AnswerQuestionResult[];
  summary: Record<'all' | Lang, AnswerSummary>;
}

/** Which gold spans the answer's quotes hold: each quote alone and the quotes of one passage joined. */
export function supportedGold(answer: Pick<Answer, 'quotes' | 'citations'>, q: Question, relevance: RelevanceOptions = DEFAULT_RELEVANCE): number[] {
  const found = new Set<number>();
  const byPassage = new Map<number, string[]>();
  for (const quote of answer.quotes ?? []) {
    const citation = answer.citations.find((c) => c.n === quote.n);
    if (!citation) continue;
    for (const i of matchedGold({ source: citation.source, text: quote.text }, q.gold, relevance)) found.add(i);
    byPassage.set(quote.n, [...(byPassage.get(quote.n) ?? []), quote.text]);
  }
  for (const [n, texts] of byPassage) {
    const citation = answer.citations.find((c) => c.n === n);
    if (citation && texts.length > 1) for (const i of matchedGold({ source: citation.source, text: texts.join(' ') }, q.gold, relevance)) found.add(i);
  }
  return [...found].sort((a, b) => a - b);
}

/**
 * A short answer is right when its verbatim span (or its text) holds every gold span of `short`
 * (normalised like relevance) and is not a whole sentence: at most 60 characters, or twice the
 * gold's length plus 20 for long golds.
 */
export function shortAnswerRight(short: { text: string; original: string } | null | undefined, gold: readonly string[]): boolean {
  if (!short) return false;
  const original = normalizeForMatch(short.original);
  const text = normalizeForMatch(short.text);
  const spans = gold.map((g) => normalizeForMatch(g));
  const total = spans.reduce((n, s) => n + s.length, 0);
  if (Math.min(original.length, text.length) > Math.max(60, 2 * total + 20)) return false;
  return spans.every((s) => original.includes(s) || text.includes(s));
}

export async function evaluateAnswers(questions: readonly Question[], answerer: Answerer, retriever: Retriever | null, options: Partial<AnswerEvalOptions> = {}): Promise<AnswerEvalResult> {
  const o: AnswerEvalOptions = { ...DEFAULT_ANSWER_EVAL, ...options };
  const out: AnswerQuestionResult[] = [];
  for (const q of questions) {
    // A stateless call (empty history): each question stands alone, no session is kept.
    const a = await answerer.answer({ message: q.question, history: [] });
    const search = retriever ? await retriever.search(q.question, { k: o.k }) : null;
    const quotes = (a.quotes ?? []).map((x) => ({ n: x.n, source: a.citations.find((c) => c.n === x.n)?.source ?? '', text: x.text, ...(x.translation ? { translation: x.translation } : {}) }));
    const short = a.shortAnswer ? { text: a.shortAnswer.text, original: a.shortAnswer.original } : null;
    out.push({
      id: q.id,
      lang: q.lang,
      answerable: q.answerable,
      answered: a.answered,
      supported: q.answerable && a.answered && supportedGold(a, q, o.relevance).length > 0,
      searchAnswerable: search ? search.answerable : null,
      quotes,
      short,
      shortRight: q.answerable && q.short ? a.answered && shortAnswerRight(short, q.short) : null,
      confidence: a.confidence ?? null,
      evidence: a.evidence ?? null,
    });
  }
  return { questions: out, summary: { all: summarise(out), fr: summarise(out.filter((r) => r.lang === 'fr')), en: summarise(out.filter((r) => r.lang === 'en')) } };
}

function summarise(rows: readonly AnswerQuestionResult[]): AnswerSummary {
  const ans = rows.filter((r) => r.answerable);
  const unans = rows.filter((r) => !r.answerable);
  const rate = (n: number, d: number) => (d > 0 ? n / d : null);
  const answered = ans.filter((r) => r.answered).length;
  const checked = rows.filter((r) => r.searchAnswerable !== null);
  const withShort = rows.filter((r) => r.shortRight !== null);
  const englishAnswered = rows.filter((r) => r.lang === 'en' && r.answered && r.quotes.length > 0);
  return {
    answerable: ans.length,
    unanswerable: unans.length,
    answeredRate: rate(answered, ans.length),
    supportedRate: rate(ans.filter((r) => r.supported).length, ans.length),
    supportedWhenAnswered: rate(ans.filter((r) => r.supported).length, answered),
    declinedRate: rate(unans.filter((r) => !r.answered).length, unans.length),
    wrongAnswers: unans.filter((r) => r.answered).length,
    agreement: rate(checked.filter((r) => r.searchAnswerable === r.answered).length, checked.length),
    withShort: withShort.length,
    shortPresent: rate(withShort.filter((r) => r.short !== null).length, withShort.length),
    shortRight: rate(withShort.filter((r) => r.shortRight === true).length, withShort.length),
    englishRendered: rate(englishAnswered.filter((r) => r.quotes.every((x) => x.translation)).length, englishAnswered.length),
    lowConfidence: { answerable: ans.filter((r) => r.answered && r.confidence === 'low').length, unanswerable: unans.filter((r) => r.answered && r.confidence === 'low').length },
  };
}

export function formatAnswerTable(label: string, result: AnswerEvalResult): string {
  const f = (x: number | null) => (x === null ? '-' : x.toFixed(3));
  const lines = [
    '| set | lang | answerable | answered | quote holds gold | (of answered) | unanswerable | declined | agreement with /api/search | short answer right (n) | English rendered | low confidence (ans / unans) |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const lang of ['fr', 'en', 'all'] as const) {
    const s = result.summary[lang];
    lines.push(
      `| ${label} | ${lang} | ${s.answerable} | ${f(s.answeredRate)} | ${f(s.supportedRate)} | ${f(s.supportedWhenAnswered)} | ${s.unanswerable} | ${f(s.declinedRate)} | ${f(s.agreement)} | ${f(s.shortRight)} (${s.withShort}) | ${f(s.englishRendered)} | ${s.lowConfidence.answerable} / ${s.lowConfidence.unanswerable} |`,
    );
  }
  return lines.join('\n') + '\n';
}

// The CLI runs only when this file is executed, not when its helpers are imported.
if (isEntryPoint(import.meta.url)) await runCli('answer-eval', async () => {
  const { values } = parseArgs({
    options: {
      questions: { type: 'string', multiple: true },
      corpus: { type: 'string' },
      index: { type: 'string' },
      mode: { type: 'string' },
      rerank: { type: 'string' },
      out: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      translate: { type: 'string', default: 'auto' },
    },
  });
  if (!['auto', 'on', 'off'].includes(values.translate)) throw new AppError('INVALID_PARAMETER', `--translate must be auto, on or off, got "${values.translate}".`);
  const files = values.questions ?? [];
  if (files.length === 0) throw new AppError('INVALID_PARAMETER', '--questions FILE is required (repeat it for several sets).');
  if (values.mode !== undefined && !['dense', 'bm25', 'hybrid'].includes(values.mode)) throw new AppError('INVALID_PARAMETER', `--mode must be dense, bm25 or hybrid, got "${values.mode}".`);
  if (values.rerank !== undefined && !['on', 'off'].includes(values.rerank)) throw new AppError('INVALID_PARAMETER', `--rerank must be on or off, got "${values.rerank}".`);
  const app = configFromEnv();
  const logger = createLogger({ level: app.logLevel === 'info' ? 'warn' : app.logLevel });
  const base = await readRetrievalConfig(app.retrievalConfigPath, logger);
  const config = mergeRetrievalConfig(base, {
    ...(values.mode ? { mode: values.mode as SearchMode } : {}),
    ...(values.rerank ? { rerank: values.rerank === 'on' } : {}),
  });
  const { store, embedder } = await openEvalIndex({
    corpusDir: values.corpus ?? app.corpusDir,
    indexDir: values.index ?? path.join(app.indexDir, 'eval-lexical'),
    logger,
  });
  const retriever = await createRetriever(store, embedder, { logger, config });
  const service = new IndexService(store, embedder, retriever);
  await service.refresh();
  const translator = values.translate === 'off' ? null : openTranslator('fr-en', { logger });
  if (values.translate === 'on' && !translator) throw new AppError('INVALID_PARAMETER', `--translate on needs Apertium: ${APERTIUM_INSTALL_HINT}`);
  const answerer = createAnswerer({ retriever, logger, corpus: corpusViewOf(service), translator });
  const details: Record<string, AnswerEvalResult> = {};
  process.stdout.write(`mode ${config.mode}, rerank ${config.rerank ? 'on' : 'off'}, threshold ${config.answerability.threshold}, English renderings ${translator ? translator.engine : 'off'}\n`);
  for (const file of files) {
    const result = await evaluateAnswers(await loadQuestions(file), answerer, retriever);
    details[file] = result;
    process.stdout.write(formatAnswerTable(path.basename(file), result));
    if (values.verbose) {
      for (const r of result.questions) {
        const verdict = r.answerable ? (r.answered ? (r.supported ? 'ok' : 'UNSUPPORTED') : 'FALSE-REFUSAL') : r.answered ? 'WRONG-ANSWER' : 'declined';
        const short = r.short ? ` short=«${r.short.text}»${r.shortRight === false ? ' SHORT-WRONG' : ''}` : r.shortRight === false ? ' SHORT-MISSING' : '';
        process.stdout.write(`  ${r.id} ${verdict}${r.confidence === 'low' ? ' (low)' : ''}${short}${r.quotes.length ? ` — ${r.quotes.map((x) => `[${x.n}] ${(x.translation ?? x.text).slice(0, 90)}`).join(' ')}` : ''}\n`);
      }
    }
  }
  if (values.out) await writeFile(values.out, JSON.stringify(details, null, 2) + '\n');
  await translator?.close();
  await store.close();
  return 0;
});
