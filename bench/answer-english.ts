/**
 * `npx tsx bench/answer-english.ts [--questions FILE]… [--rounds N]` — what English renderings
 * add to an answer: every English question of the sets is answered through the real pipeline
 * twice in a row, without a translator and with one (Apertium, warmed up first, its cache off so
 * every sentence really goes through the engine), and the difference is reported (p50, p95, mean,
 * max over all rounds). Target: < 200 ms added per answer after warm-up. Prints a Markdown table.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { corpusViewOf, createAnswerer } from '../answer/index.js';
import { isEntryPoint, runCli } from '../core/cli.js';
import { configFromEnv } from '../core/config.js';
import { AppError } from '../core/errors.js';
import { createLogger } from '../core/logger.js';
import { percentile } from '../core/stats.js';
import { createRetriever, IndexService, readRetrievalConfig } from '../index/index.js';
import { APERTIUM_INSTALL_HINT, openTranslator } from '../text/index.js';
import { openEvalIndex } from '../eval/eval-index.js';
import { loadQuestions } from '../eval/questions.js';

export interface EnglishBenchResult {
  questions: number;
  answered: number;
  /** Sentences rendered per answered question (mean). */
  sentencesPerAnswer: number;
  baseP50Ms: number;
  withP50Ms: number;
  addedP50Ms: number;
  addedP95Ms: number;
  addedMeanMs: number;
  addedMaxMs: number;
}

const DEFAULT_SETS = ['eval/questions.jsonl', 'eval/questions-heldout.jsonl', 'eval/questions-blind.jsonl'];

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { questions: { type: 'string', multiple: true }, rounds: { type: 'string', default: '3' } } });
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1) throw new AppError('INVALID_PARAMETER', `--rounds must be a positive integer, got "${values.rounds}".`);
  const app = configFromEnv();
  const logger = createLogger({ level: 'warn' });
  const questions = (await Promise.all((values.questions ?? DEFAULT_SETS).map((f) => loadQuestions(f)))).flat().filter((q) => q.lang === 'en');
  const translator = openTranslator('fr-en', { cacheBytes: 1 });
  if (!translator) throw new AppError('INVALID_PARAMETER', `Apertium is not installed: ${APERTIUM_INSTALL_HINT}`);
  const { store, embedder } = await openEvalIndex({ corpusDir: app.corpusDir, indexDir: path.join(app.indexDir, 'eval-lexical'), logger });
  try {
    const retriever = await createRetriever(store, embedder, { logger, config: await readRetrievalConfig(app.retrievalConfigPath, logger) });
    const service = new IndexService(store, embedder, retriever);
    await service.refresh();
    const corpus = corpusViewOf(service);
    const plain = createAnswerer({ retriever, logger, corpus });
    const english = createAnswerer({ retriever, logger, corpus, translator });
    await translator.warm();
    // Warm both pipelines (corpus vocabulary, analysis caches) before measuring.
    for (const q of questions.slice(0, 5)) {
      await plain.answer({ message: q.question, history: [] });
      await english.answer({ message: q.question, history: [] });
    }
    const added: number[] = [];
    const base: number[] = [];
    const withT: number[] = [];
    let answered = 0;
    let sentences = 0;
    for (let r = 0; r < rounds; r++) {
      for (const q of questions) {
        let t0 = performance.now();
        const a = await plain.answer({ message: q.question, history: [] });
        const b0 = performance.now() - t0;
        t0 = performance.now();
        const b = await english.answer({ message: q.question, history: [] });
        const w = performance.now() - t0;
        if (!a.answered) continue;
        if (r === 0) {
          answered++;
          sentences += b.quotes?.length ?? 0;
        }
        base.push(b0);
        withT.push(w);
        added.push(w - b0);
      }
    }
    const sorted = (xs: number[]) => [...xs].sort((x, y) => x - y);
    const result: EnglishBenchResult = {
      questions: questions.length,
      answered,
      sentencesPerAnswer: answered ? sentences / answered : 0,
      baseP50Ms: percentile(sorted(base), 50),
      withP50Ms: percentile(sorted(withT), 50),
      addedP50Ms: percentile(sorted(added), 50),
      addedP95Ms: percentile(sorted(added), 95),
      addedMeanMs: added.reduce((s, x) => s + x, 0) / Math.max(1, added.length),
      addedMaxMs: Math.max(...added),
    };
    const f = (x: number) => x.toFixed(1);
    process.stdout.write(
      [
        `English renderings (${translator.engine}, cache off, ${rounds} rounds, ${result.answered}/${result.questions} English questions answered, ${result.sentencesPerAnswer.toFixed(2)} sentences per answer)`,
        '',
        '| answer p50 without | answer p50 with | added p50 | added p95 | added mean | added max | target |',
        '|--:|--:|--:|--:|--:|--:|---|',
        `| ${f(result.baseP50Ms)} ms | ${f(result.withP50Ms)} ms | ${f(result.addedP50Ms)} ms | ${f(result.addedP95Ms)} ms | ${f(result.addedMeanMs)} ms | ${f(result.addedMaxMs)} ms | < 200 ms added: ${result.addedP95Ms < 200 ? 'met (p95)' : 'NOT met (p95)'} |`,
        '',
      ].join('\n'),
    );
    return 0;
  } finally {
    await translator.close();
    await store.close();
  }
}

if (isEntryPoint(import.meta.url)) await runCli('bench/answer-english', main);
