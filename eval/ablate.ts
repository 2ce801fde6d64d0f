/**
 * `npx tsx eval/ablate.ts --questions FILE [--corpus DIR --index DIR] [--only REGEX] [--variant NAME=JSON]`
 *
 * Retrieval ablations: one lexical index, many retriever configurations (eval/ablations.ts) scored
 * side by side with the eval's own metrics. Prints one compact row per variant × language and,
 * with --out FILE, writes the rows as JSON. Each variant is a subset of RetrievalConfig merged
 * over config/retrieval.json (or the defaults), plus mode/rerank and an optional `noLexicon`.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runCli } from '../core/cli.js';
import { configFromEnv } from '../core/config.js';
import { AppError } from '../core/errors.js';
import { createLogger } from '../core/logger.js';
import { mergeRetrievalConfig, readRetrievalConfig, type RetrievalConfigInput } from '../index/retrieve/config.js';
import { createRetriever } from '../index/retrieve/factory.js';
import { ABLATIONS, type Ablation } from './ablations.js';
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

export function formatRows(rows: readonly AblationRow[]): string {
  const f = (x: number | null) => (x === null ? '  -  ' : x.toFixed(3));
  const lines = ['| variant | lang | n | R@1 | R@5 | R@10 | MRR@10 | nDCG@10 | declined | false ref. |', '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|'];
  for (const r of rows) {
    lines.push(`| ${r.variant} | ${r.lang} | ${r.n} | ${f(r.r1)} | ${f(r.r5)} | ${f(r.r10)} | ${f(r.mrr)} | ${f(r.ndcg)} | ${f(r.declined)} | ${f(r.falseRefusals)} |`);
  }
  return lines.join('\n') + '\n';
}

/** The CLI runs only when this file is executed, not when its helpers are imported. */
const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename);

if (invokedDirectly) await runCli('ablate', async () => {
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
    },
  });
  if (!values.questions) throw new AppError('INVALID_PARAMETER', '--questions FILE is required.');
  const app = configFromEnv();
  const logger = createLogger({ level: app.logLevel === 'info' ? 'warn' : app.logLevel });
  const corpusDir = values.corpus ?? app.corpusDir;
  const indexDir = values.index ?? path.join(app.indexDir, 'eval-lexical');
  const questions = await loadQuestions(values.questions);
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
  const k = values.k ? Number(values.k) : 10;
  for (const v of variants) {
    const config = mergeRetrievalConfig(base, (v.config ?? {}) as RetrievalConfigInput);
    const retriever = await createRetriever(store, embedder, { logger, config, ...(v.noLexicon ? { lexicon: null } : {}) });
    const result = await evaluate(questions, retriever, { k, label: v.name, mode: v.mode ?? config.mode, rerank: v.rerank ?? config.rerank });
    const mine = rowsOf(v.name, result).filter((r) => !values.lang || r.lang === values.lang);
    rows.push(...mine);
    process.stdout.write(formatRows(mine).split('\n').slice(2).join('\n'));
  }
  if (values.out) await writeFile(values.out, JSON.stringify(rows, null, 2) + '\n');
  await store.close();
  return 0;
});

