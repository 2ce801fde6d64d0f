/**
 * `npx tsx eval/calibrate.ts [--questions eval/questions.jsonl] [--max-false-refusals 0.05] [--write]`
 *
 * Fits the answerability threshold on a question set and (with --write) stores it in the retrieval
 * config file (config.retrievalConfigPath, default config/retrieval.json), keeping every other
 * setting in that file. The retriever reports its support score for every question (diagnostics),
 * so one pass gives the whole ROC curve; the threshold is the one that declines the most
 * unanswerable questions while refusing at most --max-false-refusals of the answerable ones,
 * placed midway between the two support values it separates.
 *
 * Never run it on eval/questions-heldout.jsonl: that set is the honest check of the result.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runCli } from '../core/cli.js';
import { configFromEnv } from '../core/config.js';
import { AppError } from '../core/errors.js';
import { createLogger } from '../core/logger.js';
import { readRetrievalConfig } from '../index/retrieve/config.js';
import { createRetriever } from '../index/retrieve/factory.js';
import { openEvalIndex } from './eval-index.js';
import { loadQuestions } from './questions.js';

export interface CalibrationPoint {
  threshold: number;
  declined: number;
  falseRefusals: number;
}

/** One question's answerability evidence, as the retriever reports it in its diagnostics. */
export interface Evidence {
  support: number;
  coverage: number;
}

export interface JointCalibration {
  threshold: number;
  minCoverage: number;
  declined: number;
  falseRefusals: number;
}

/**
 * Fits the support threshold and the whole-question coverage floor together (declined iff
 * support < threshold or coverage < minCoverage): the most unanswerable questions declined with
 * at most `maxFalseRefusals` of the answerable refused; ties go to fewer refusals, then to the
 * lower (more permissive) cut-offs.
 */
export function fitJoint(answerable: readonly Evidence[], unanswerable: readonly Evidence[], maxFalseRefusals: number): JointCalibration {
  const cuts = (values: number[]) => {
    const v = [...new Set(values)].sort((a, b) => a - b);
    return [v[0]! - 1e-6, ...v.slice(1).map((x, i) => (x + v[i]!) / 2)];
  };
  const all = [...answerable, ...unanswerable];
  let best: JointCalibration | null = null;
  for (const minCoverage of cuts(all.map((e) => e.coverage))) {
    for (const threshold of cuts(all.map((e) => e.support))) {
      const refused = (e: Evidence) => e.support < threshold || e.coverage < minCoverage;
      const falseRefusals = answerable.filter(refused).length / answerable.length;
      if (falseRefusals > maxFalseRefusals) continue;
      const declined = unanswerable.filter(refused).length / unanswerable.length;
      if (!best || declined > best.declined || (declined === best.declined && falseRefusals < best.falseRefusals)) {
        best = { threshold: round(threshold), minCoverage: round(minCoverage), declined, falseRefusals };
      }
    }
  }
  return best ?? { threshold: -Infinity, minCoverage: 0, declined: 0, falseRefusals: 0 };
}

export interface Calibration {
  threshold: number;
  declined: number;
  falseRefusals: number;
  /** Probability that an answerable question has more support than an unanswerable one. */
  auc: number;
  answerable: number;
  unanswerable: number;
  curve: CalibrationPoint[];
}

/** Chooses the threshold from support values (answerable iff support ≥ threshold). */
export function fitThreshold(answerable: readonly number[], unanswerable: readonly number[], maxFalseRefusals: number): Calibration {
  if (answerable.length === 0 || unanswerable.length === 0) {
    throw new AppError('INVALID_PARAMETER', 'calibration needs both answerable and unanswerable questions.');
  }
  const values = [...new Set([...answerable, ...unanswerable])].sort((a, b) => a - b);
  // Candidate thresholds: below everything, between consecutive values, above everything.
  const cuts = [values[0]! - 1e-6, ...values.slice(1).map((v, i) => (v + values[i]!) / 2), values[values.length - 1]! + 1e-6];
  const curve = cuts.map((t) => ({
    threshold: t,
    declined: unanswerable.filter((s) => s < t).length / unanswerable.length,
    falseRefusals: answerable.filter((s) => s < t).length / answerable.length,
  }));
  let best = curve[0]!;
  for (const p of curve) {
    if (p.falseRefusals > maxFalseRefusals) continue;
    if (p.declined > best.declined || (p.declined === best.declined && p.falseRefusals < best.falseRefusals)) best = p;
  }
  let wins = 0;
  for (const a of answerable) for (const u of unanswerable) wins += a > u ? 1 : a === u ? 0.5 : 0;
  return {
    threshold: round(best.threshold),
    declined: best.declined,
    falseRefusals: best.falseRefusals,
    auc: wins / (answerable.length * unanswerable.length),
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    curve: curve.map((p) => ({ ...p, threshold: round(p.threshold) })),
  };
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

/** The CLI runs only when this file is executed, not when its helpers are imported. */
const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename);

if (invokedDirectly) await runCli('calibrate', async () => {
  const { values } = parseArgs({
    options: {
      questions: { type: 'string', default: 'eval/questions.jsonl' },
      corpus: { type: 'string' },
      index: { type: 'string' },
      'max-false-refusals': { type: 'string', default: '0.05' },
      write: { type: 'boolean', default: false },
    },
  });
  const app = configFromEnv();
  const logger = createLogger({ level: app.logLevel === 'info' ? 'warn' : app.logLevel });
  const maxFalse = Number(values['max-false-refusals']);
  if (!(maxFalse >= 0 && maxFalse <= 1)) throw new AppError('INVALID_PARAMETER', '--max-false-refusals must be in [0, 1].');
  if (/heldout/i.test(values.questions)) throw new AppError('INVALID_PARAMETER', 'the held-out set is for checking, never for calibration.');
  const questions = await loadQuestions(values.questions);
  const config = await readRetrievalConfig(app.retrievalConfigPath, logger);
  const { store, embedder } = await openEvalIndex({
    corpusDir: values.corpus ?? app.corpusDir,
    indexDir: values.index ?? path.join(app.indexDir, 'eval-lexical'),
    logger,
  });
  const retriever = await createRetriever(store, embedder, { logger, config });
  const ans: number[] = [];
  const unans: number[] = [];
  const ansEvidence: Evidence[] = [];
  const unansEvidence: Evidence[] = [];
  const byLang: Record<string, { a: number[]; u: number[] }> = { fr: { a: [], u: [] }, en: { a: [], u: [] } };
  for (const q of questions) {
    const r = await retriever.search(q.question, { k: 10 });
    const support = Number(r.diagnostics?.support ?? 0);
    (q.answerable ? ans : unans).push(support);
    (q.answerable ? ansEvidence : unansEvidence).push({ support, coverage: Number(r.diagnostics?.coverage ?? 0) });
    const bucket = byLang[q.lang];
    if (bucket) (q.answerable ? bucket.a : bucket.u).push(support);
  }
  await store.close();
  const fit = fitThreshold(ans, unans, maxFalse);
  const joint = fitJoint(ansEvidence, unansEvidence, maxFalse);
  const out = process.stdout;
  out.write(`Calibrated on ${values.questions}: ${fit.answerable} answerable, ${fit.unanswerable} unanswerable (mode ${config.mode}, rerank ${config.rerank}).\n`);
  out.write(`AUC (support separates answerable from unanswerable): ${fit.auc.toFixed(3)}\n`);
  for (const [lang, b] of Object.entries(byLang)) {
    if (b.a.length && b.u.length) out.write(`  ${lang}: AUC ${fitThreshold(b.a, b.u, maxFalse).auc.toFixed(3)}\n`);
  }
  out.write(`Threshold ${fit.threshold}: declines ${(fit.declined * 100).toFixed(1)}% of unanswerable, refuses ${(fit.falseRefusals * 100).toFixed(1)}% of answerable (constraint ≤ ${(maxFalse * 100).toFixed(0)}%).\n`);
  out.write(
    `With the coverage floor fitted too: threshold ${joint.threshold}, minCoverage ${joint.minCoverage}: declines ${(joint.declined * 100).toFixed(1)}%, refuses ${(joint.falseRefusals * 100).toFixed(1)}%.\n`,
  );
  out.write('ROC of support alone (threshold → declined / false refusals):\n');
  for (const p of fit.curve.filter((_, i, a) => i % Math.max(1, Math.floor(a.length / 12)) === 0 || i === a.length - 1)) {
    out.write(`  ${p.threshold.toFixed(3).padStart(7)} → ${(p.declined * 100).toFixed(0).padStart(3)}% / ${(p.falseRefusals * 100).toFixed(0).padStart(3)}%\n`);
  }
  if (values.write) {
    const file = app.retrievalConfigPath;
    let current: Record<string, unknown> = {};
    try {
      current = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const answerability = { ...(current.answerability as Record<string, unknown> | undefined), threshold: joint.threshold, minCoverage: joint.minCoverage };
    const calibration = {
      questions: values.questions,
      date: new Date().toISOString().slice(0, 10),
      maxFalseRefusals: maxFalse,
      auc: round(fit.auc),
      declined: round(joint.declined),
      falseRefusals: round(joint.falseRefusals),
      answerable: fit.answerable,
      unanswerable: fit.unanswerable,
    };
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify({ ...current, answerability, calibration }, null, 2) + '\n');
    out.write(`Wrote ${file}\n`);
  }
  return 0;
});
