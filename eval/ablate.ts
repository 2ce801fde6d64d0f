/**
 * `npx tsx eval/ablate.ts --questions FILE [--corpus DIR --index DIR] [--only REGEX] [--variant NAME=JSON] [--refit [--check FILE]]`
 *
 * Retrieval ablations: one lexical index, many retriever configurations (eval/ablations.ts) scored
 * side by side with the eval's own metrics. Prints one compact row per variant × language and,
 * with --out FILE, writes the rows as JSON. Each variant is a subset of RetrievalConfig merged
 * over config/retrieval.json (or the defaults), plus mode/rerank and an optional `noLexicon`.
 *
 * Declined / false refusals use the shipped threshold. With --refit, each variant also gets its own
 * threshold fitted on --questions (eval/calibrate.ts: ≤ 5 % false refusals) with its 5-fold × 20
 * cross-validated rates, and --check FILE (a held-out set, never fitted on) is scored at that
 * threshold: a decision change is then judged at its own best operating point, on both sets.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isEntryPoint, runCli } from '../core/cli.js';
import { configFromEnv } from '../core/config.js';
import { AppError } from '../core/errors.js';
import { createLogger } from '../core/logger.js';
import { mergeRetrievalConfig, readRetrievalConfig, type RetrievalConfigInput, createRetriever } from '../index/index.js';
import { ABLATIONS, type Ablation } from './ablations.js';
import { auc, crossValidate, fitThreshold } from './calibrate.js';
import { evaluate, type EvalResult } from './evaluate.js';
import { openEvalIndex } from './eval-index.js';
import { loadQuestions } from './questions.js';

export interface AblationRow {
  variant: string;
  lang: string;
  n: number;
  r1: number | null;
  r5: number | null;
  r10: number | null;
  mrr: number | null;
  ndcg: number | null;
  declined: number | null;
  falseRefusals: number | null;
}

export function rowsOf(name: string, r: EvalResult): AblationRow[] {
  return (['all', 'fr', 'en'] as const).map((lang) => {
    const s = r.summary[lang];
    return {
      variant: name,
      lang,
      n: s.answerable,
      r1: s.recall['1'] ?? null,
      r5: s.recall['5'] ?? null,
      r10: s.recall['10'] ?? null,
      mrr: s.mrr,
      ndcg: s.ndcg,
      declined: s.declinedRate,
      falseRefusals: s.falseRefusalRate,
    };
  });
}

/** One variant's decisions at its own fitted threshold (--refit). */
export interface RefitRow {
  variant: string;
  threshold: number;
  auc: number;
  declined: number;
  falseRefusals: number;
  cvDeclined: number;
  cvFalseRefusals: number;
  /** The --check set at the same threshold (null without --check). */
  check: { mrr: number | null; r5: number | null; auc: number; declined: number; falseRefusals: number } | null;
}

const supports = (r: EvalResult) => {
  const a: number[] = [];
  const u: number[] = [];
  for (const q of r.questions) (q.answerable ? a : u).push(Number(q.diagnostics?.support ?? 0));
  return { a, u };
};

/** Fits the variant's threshold on `main`, cross-validates it, and scores `check` (if any) at it. */
export function refitRow(name: string, main: EvalResult, check: EvalResult | null, maxFalseRefusals = 0.05): RefitRow {
  const m = supports(main);
  const fit = fitThreshold(m.a, m.u, maxFalseRefusals);
  const cv = crossValidate(m.a, m.u, maxFalseRefusals);
  let checked: RefitRow['check'] = null;
  if (check) {
    const c = supports(check);
    checked = {
      mrr: check.summary.all.mrr,
      r5: check.summary.all.recall['5'] ?? null,
      auc: auc(c.a, c.u),
      declined: c.u.filter((s) => s < fit.threshold).length / Math.max(1, c.u.length),
      falseRefusals: c.a.filter((s) => s < fit.threshold).length / Math.max(1, c.a.length),
    };
  }
  return { variant: name, threshold: fit.threshold, auc: fit.auc, declined: fit.declined, falseRefusals: fit.falseRefusals, cvDeclined: cv.declined, cvFalseRefusals: cv.falseRefusals, check: checked };
}

export function formatRefitRows(rows: readonly RefitRow[]): string {
  const f = (x: number | null | undefined) => (x === null || x === undefined || Number.isNaN(x) ? '-' : x.toFixed(3));
  const lines = [
    '| variant | threshold | AUC | declined / FR (in sample) | declined / FR (CV) | check MRR | check R@5 | check AUC | check declined / FR |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.variant} | ${r.threshold} | ${f(r.auc)} | ${f(r.declined)} / ${f(r.falseRefusals)} | ${f(r.cvDeclined)} / ${f(r.cvFalseRefusals)} | ${f(r.check?.mrr)} | ${f(r.check?.r5)} | ${f(r.check?.auc)} | ${f(r.check?.declined)} / ${f(r.check?.falseRefusals)} |`,
    );
  }
  return lines.join('\n') + '\n';
}

export function formatRows(rows: readonly AblationRow[]): string {
  const f = (x: number | null) => (x === null ? '  -  ' : x.toFixed(3));
  const lines = ['| variant | lang | n | R@1 | R@5 | R@10 | MRR@10 | nDCG@10 | declined | false ref. |', '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|'];
  for (const r of rows) {
    lines.push(`| ${r.variant} | ${r.lang} | ${r.n} | ${f(r.r1)} | ${f(r.r5)} | ${f(r.r10)} | ${f(r.mrr)} | ${f(r.ndcg)} | ${f(r.declined)} | ${f(r.falseRefusals)} |`);
  }
  return lines.join('\n') + '\n';
}

// The CLI runs only when this file is executed, not when its helpers are imported.
if (isEntryPoint(import.meta.url)) await runCli('ablate', async () => {
  const { values } = parseArgs({
    options: {
      questions: { type: 'string' },
      corpus: { type: 'string' },
      index: { type: 'string' },
      only: { type: 'string' },
      variant: { type: 'string', multiple: true },
      lang: { type: 'string' },
      out: { type: 'string' },
      k: { type: 'string' },
      refit: { type: 'boolean', default: false },
      check: { type: 'string' },
    },
  });
  if (!values.questions) throw new AppError('INVALID_PARAMETER', '--questions FILE is required.');
  const app = configFromEnv();
  const logger = createLogger({ level: app.logLevel === 'info' ? 'warn' : app.logLevel });
  const corpusDir = values.corpus ?? app.corpusDir;
  const indexDir = values.index ?? path.join(app.indexDir, 'eval-lexical');
  const questions = await loadQuestions(values.questions);
  if (values.refit && /heldout|held-out|blind/i.test(values.questions)) throw new AppError('INVALID_PARAMETER', '--refit fits thresholds on --questions: never on a held-out or blind set (pass it as --check).');
  const checkSet = values.check ? await loadQuestions(values.check) : null;
  const base = await readRetrievalConfig(app.retrievalConfigPath, logger);
  const { store, embedder } = await openEvalIndex({ corpusDir, indexDir, logger });

  let variants: Ablation[] = ABLATIONS;
  for (const v of values.variant ?? []) {
    const eq = v.indexOf('=');
    if (eq <= 0) throw new AppError('INVALID_PARAMETER', `--variant must be NAME=JSON, got "${v}".`);
    variants = [...variants, { name: v.slice(0, eq), ...(JSON.parse(v.slice(eq + 1)) as Omit<Ablation, 'name'>) }];
  }
  if (values.only) {
    const re = new RegExp(values.only);
    variants = variants.filter((v) => re.test(v.name));
  }
  const rows: AblationRow[] = [];
  const refits: RefitRow[] = [];
  const k = values.k ? Number(values.k) : 10;
  for (const v of variants) {
    const config = mergeRetrievalConfig(base, (v.config ?? {}) as RetrievalConfigInput);
    const retriever = await createRetriever(store, embedder, { logger, config, ...(v.noLexicon ? { lexicon: null } : {}) });
    const result = await evaluate(questions, retriever, { k, label: v.name, mode: v.mode ?? config.mode, rerank: v.rerank ?? config.rerank });
    const mine = rowsOf(v.name, result).filter((r) => !values.lang || r.lang === values.lang);
    rows.push(...mine);
    process.stdout.write(formatRows(mine).split('\n').slice(2).join('\n'));
    if (values.refit) {
      const checked = checkSet ? await evaluate(checkSet, retriever, { k, label: v.name, mode: v.mode ?? config.mode, rerank: v.rerank ?? config.rerank }) : null;
      const row = refitRow(v.name, result, checked);
      refits.push(row);
      process.stdout.write(formatRefitRows([row]).split('\n').slice(2).join('\n'));
    }
  }
  if (values.refit) process.stdout.write('\n' + formatRefitRows(refits));
  if (values.out) await writeFile(values.out, JSON.stringify(values.refit ? { rows, refits } : rows, null, 2) + '\n');
  await store.close();
  return 0;
});

