/**
 * `npm run eval -- --questions FILE …`: score retrieval for every configuration side by side
 * (embedder × mode × rerank, or a running server with --url) and write the reports.
 * stdout carries the Markdown table and where the reports went; logs go to stderr.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { isEntryPoint } from '../core/cli.js';
import { configFromEnv, type AppConfig } from '../core/config.js';
import { AppError, isAppError, toAppError } from '../core/errors.js';
import { createLogger, type Logger } from '../core/logger.js';
import type { Retriever } from '../index/index.js';
import { DEFAULT_LIVE_INDEX } from '../ingest/index.js';
import pg from 'pg';
import { FileFeedbackStore, PgConversationStore, pgConversationNames, type FeedbackRecord } from '../answer/index.js';
import { parseCliArgs, USAGE, type CliOptions } from './cli-args.js';
import { conversationMain } from './conversation-cli.js';
import { feedbackDraft, writeFeedbackDraft } from './feedback-draft.js';
import { evaluate, type EvalResult, type PooledPassage } from './evaluate.js';
import { assertGoldSpans } from './gold-check.js';
import { HttpRetriever, type HttpRetrieverOptions } from './http-retriever.js';
import { loadQuestions, type Question } from './questions.js';
import { writeReports, type ReportFiles } from './report.js';
import { availableEmbedders, canClose, canListPassages, defaultRetrieverFactory, planRuns, planServerRuns, type RetrieverFactory, type RunPlan } from './retrievers.js';

export interface CliDeps {
  env: Record<string, string | undefined>;
  factory: RetrieverFactory;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  now: () => Date;
  /** Defaults to a stderr logger at LOG_LEVEL. */
  logger?: Logger;
  /** Passed to the HTTP retriever (tests inject nothing; kept for proxies / custom agents). */
  http?: Partial<Omit<HttpRetrieverOptions, 'baseUrl'>>;
}

export const DEFAULT_CLI_DEPS: CliDeps = {
  env: process.env,
  factory: defaultRetrieverFactory,
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  now: () => new Date(),
};

export interface EvalRunOutput {
  runs: EvalResult[];
  files: ReportFiles;
  skipped: { label: string; reason: string }[];
}

/** Parse flags, run, report; returns the process exit code (0 ok, AppError exit codes otherwise). */
export async function main(argv: readonly string[], deps: Partial<CliDeps> = {}): Promise<number> {
  const d: CliDeps = { ...DEFAULT_CLI_DEPS, ...deps };
  try {
    // Conversation sets have their own scorer (eval/conversation-cli.ts).
    if (argv.some((a) => a === '--conversations' || a.startsWith('--conversations='))) return await conversationMain(argv, { stdout: d.stdout });
    const config = configFromEnv(d.env);
    const options = parseCliArgs(argv, config);
    if (options.help) {
      d.stdout(USAGE);
      return 0;
    }
    const logger = d.logger ?? createLogger({ level: config.logLevel });
    if (options.feedbackDraft) {
      const draft = feedbackDraft(await readFeedback(options, config));
      const files = await writeFeedbackDraft(options.feedbackDraft, draft);
      const approved = draft.questions.filter((q) => q.answerable).length;
      d.stdout(
        `${draft.rated} rated answer(s) → ${draft.questions.length} draft question(s) (${approved} answerable, ${draft.questions.length - approved} answerable: false) in ${files.questions}\n` +
          `${draft.review.length} to review by hand: ${files.review}\n` +
          (draft.questions.length ? `Score them: npm run eval -- --questions ${files.questions}\n` : ''),
      );
      return 0;
    }
    const out = await runEval(options, config, { ...d, logger });
    d.stdout(out.files.table);
    const n = out.runs.length;
    d.stdout(`\nReports written to ${out.files.dir}${path.sep} (report.md, report.json, chart.svg, qrels.txt, ${n} run file${n === 1 ? '' : 's'})\n`);
    return 0;
  } catch (err) {
    const e = toAppError(err);
    const cause = !isAppError(err) && err instanceof Error ? ` (${err.message})` : '';
    d.stderr(`eval: ${e.message}${cause}\n`);
    const list = e.details?.errors;
    if (Array.isArray(list) && list.length > 1) for (const line of list) d.stderr(`  - ${String(line)}\n`);
    d.stderr(`hint: ${e.hint}\n`);
    return e.exitCode;
  }
}

export async function runEval(options: CliOptions, config: AppConfig, deps: CliDeps & { logger: Logger }): Promise<EvalRunOutput> {
  const log = deps.logger.child({ component: 'eval' });
  const questions = await loadQuestions(options.questions);
  await checkGold(questions, options, log);

  const runs: EvalResult[] = [];
  const skipped: { label: string; reason: string }[] = [];
  const listed: PooledPassage[] = [];
  const evalOpts = { k: options.k, passLang: options.passLang, concurrency: options.concurrency, logger: deps.logger };

  if (options.url) {
    const retriever = new HttpRetriever({ ...deps.http, baseUrl: options.url, apiKey: options.apiKey });
    const plans: RunPlan[] =
      options.modeExplicit || options.rerankExplicit
        ? planServerRuns(options.modes, options.reranks)
        : [{ label: 'server' }];
    for (const plan of plans) {
      log.info('evaluating', { run: plan.label, url: retriever.url, questions: questions.length });
      runs.push(
        await evaluate(questions, retriever, {
          ...evalOpts,
          label: plan.label,
          ...(plan.mode ? { mode: plan.mode } : {}),
          ...(plan.rerank !== undefined ? { rerank: plan.rerank } : {}),
          config: { url: options.url },
        }),
      );
    }
  } else {
    const auto = options.embedders === 'auto';
    const embedders = auto ? availableEmbedders(config) : (options.embedders as Exclude<CliOptions['embedders'], 'auto'>);
    const unavailable = new Map<string, string>();
    const plans = planRuns(embedders, options.modes, options.reranks);
    // The reference point: plain BM25 (French analysis only), so the report shows what the
    // cross-lingual machinery adds on English questions.
    if (options.baseline && options.modes.includes('bm25')) {
      const first = embedders[0];
      if (first) plans.unshift({ label: 'baseline/bm25-plain', embedder: first, mode: 'bm25', rerank: false, baseline: 'bm25-plain' });
    }
    for (const plan of plans) {
      const embedder = plan.embedder as NonNullable<RunPlan['embedder']>;
      const known = unavailable.get(embedder);
      if (known) {
        skipped.push({ label: plan.label, reason: known });
        continue;
      }
      let retriever: Retriever;
      try {
        retriever = await deps.factory({
          embedder,
          mode: plan.mode as NonNullable<RunPlan['mode']>,
          rerank: plan.rerank === true,
          ...(plan.baseline ? { baseline: plan.baseline } : {}),
          corpusDir: options.corpusDir,
          indexDir: options.indexDir,
          exclude: options.includeUploads ? [] : [DEFAULT_LIVE_INDEX.uploadsDir],
          app: config,
          logger: deps.logger,
        });
      } catch (err) {
        // An embedder the user did not name explicitly may simply not be installed here.
        if (auto && isAppError(err) && err.code === 'MODEL_MISSING') {
          log.warn('embedder unavailable, skipped', { embedder, reason: err.message });
          unavailable.set(embedder, err.message);
          skipped.push({ label: plan.label, reason: err.message });
          continue;
        }
        throw err;
      }
      try {
        log.info('evaluating', { run: plan.label, questions: questions.length });
        runs.push(
          await evaluate(questions, retriever, {
            ...evalOpts,
            label: plan.label,
            mode: plan.mode as NonNullable<RunPlan['mode']>,
            rerank: plan.rerank === true,
            config: { embedder, ...(plan.baseline ? { baseline: plan.baseline } : {}) },
          }),
        );
        if (canListPassages(retriever)) {
          for (const p of await retriever.listPassages()) listed.push({ id: p.id, source: p.source, text: p.text });
        }
      } finally {
        if (canClose(retriever)) await retriever.close();
      }
    }
  }
  if (runs.length === 0) {
    throw new AppError('INVALID_PARAMETER', `no configuration could be evaluated (${skipped.map((s) => `${s.label}: ${s.reason}`).join('; ')}).`);
  }

  const dir = options.out ?? path.join(config.dataDir, 'eval', stamp(deps.now()));
  const files = await writeReports(dir, runs, {
    questions,
    passages: listed,
    meta: {
      generatedAt: deps.now().toISOString(),
      questionsFile: options.questions,
      questionCount: questions.length,
      k: options.k,
      url: options.url,
      corpusDir: options.url && !options.corpusExplicit ? null : options.corpusDir,
      indexDir: options.url ? null : options.indexDir,
      skipped: skipped.length ? skipped.map((s) => s.label).join(', ') : null,
      qrelsPool: listed.length > 0 ? 'index' : 'retrieved',
    },
  });
  return { runs, files, skipped };
}

/** Stored feedback: the file asked for, else where the server keeps it (Postgres or <DATA_DIR>/feedback.jsonl). */
async function readFeedback(options: CliOptions, config: AppConfig): Promise<FeedbackRecord[]> {
  if (options.feedbackFile || !config.databaseUrl) return new FileFeedbackStore(options.feedbackFile ?? path.join(config.dataDir, 'feedback.jsonl')).all();
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 1 });
  try {
    return await new PgConversationStore(pool, pgConversationNames(config.pgSchema, config.pgTablePrefix)).all();
  } finally {
    await pool.end();
  }
}

/** Gold spans are checked against the corpus when we have one: always locally, with --url only if --corpus is given. */
async function checkGold(questions: readonly Question[], options: CliOptions, log: Logger): Promise<void> {
  if (!options.goldCheck) return;
  if (options.url && !options.corpusExplicit) return;
  if (!existsSync(options.corpusDir) || !statSync(options.corpusDir).isDirectory()) {
    throw new AppError('CORPUS_NOT_FOUND', `corpus folder "${options.corpusDir}" does not exist (pass --corpus DIR, or --skip-gold-check).`);
  }
  const result = await assertGoldSpans(questions, options.corpusDir);
  log.debug('gold spans verified', { checked: result.checked, skipped: result.skipped.length });
}

/** A folder-safe, sortable timestamp: 2024-05-01T12-30-00-000Z. */
function stamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

if (isEntryPoint(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
