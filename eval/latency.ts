/**
 * `npx tsx eval/latency.ts [--questions eval/questions.jsonl] [--corpus DIR --index DIR] [--clients 8] [--rounds 5]`
 *
 * In-process search latency: `clients` concurrent callers each run the question set `rounds`
 * times through the real retriever (lexical embedder, HNSW, BM25), per mode × rerank. Reports
 * p50 / p95 / p99 / max per query (wall time from call to result, so queueing behind the other
 * clients on the one JavaScript thread is included) and throughput. A measurement, not a test.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isEntryPoint, runCli } from '../core/cli.js';
import { configFromEnv } from '../core/config.js';
import { createLogger } from '../core/logger.js';
import { readRetrievalConfig, createRetriever } from '../index/index.js';
import type { SearchMode } from '../index/index.js';
import { openEvalIndex } from './eval-index.js';
import { loadQuestions } from './questions.js';
import { percentile } from '../core/stats.js';

// The CLI runs only when this file is executed, not when its helpers are imported.
if (isEntryPoint(import.meta.url)) await runCli('latency', async () => {
  const { values } = parseArgs({
    options: {
      questions: { type: 'string', default: 'eval/questions.jsonl' },
      corpus: { type: 'string' },
      index: { type: 'string' },
      clients: { type: 'string', default: '8' },
      rounds: { type: 'string', default: '5' },
      k: { type: 'string', default: '10' },
    },
  });
  const app = configFromEnv();
  const logger = createLogger({ level: app.logLevel === 'info' ? 'warn' : app.logLevel });
  const questions = (await loadQuestions(values.questions)).map((q) => q.question);
  const config = await readRetrievalConfig(app.retrievalConfigPath, logger);
  const { store, embedder } = await openEvalIndex({
    corpusDir: values.corpus ?? app.corpusDir,
    indexDir: values.index ?? path.join(app.indexDir, 'eval-lexical'),
    logger,
  });
  const retriever = await createRetriever(store, embedder, { logger, config });
  const clients = Number(values.clients);
  const rounds = Number(values.rounds);
  const k = Number(values.k);
  process.stdout.write(`${store.manifest().passages} passages, ${questions.length} questions × ${rounds} rounds, ${clients} concurrent clients, k=${k}\n`);
  process.stdout.write('| mode | rerank | queries | p50 ms | p95 ms | p99 ms | max ms | queries/s |\n|---|---|--:|--:|--:|--:|--:|--:|\n');
  for (const mode of ['dense', 'bm25', 'hybrid'] as SearchMode[]) {
    for (const rerank of [false, true]) {
      // Warm-up: caches (stemmer, char n-grams, lexicon lookups) as a running server has them.
      for (const q of questions.slice(0, 10)) await retriever.search(q, { k, mode, rerank });
      const times: number[] = [];
      let next = 0;
      const total = questions.length * rounds;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: clients }, async () => {
          while (next < total) {
            const q = questions[next++ % questions.length]!;
            const t0 = performance.now();
            await retriever.search(q, { k, mode, rerank });
            times.push(performance.now() - t0);
            // Yield like a network round trip would, so clients interleave.
            await new Promise<void>((resolve) => setImmediate(resolve));
          }
        }),
      );
      const elapsed = (performance.now() - started) / 1000;
      times.sort((a, b) => a - b);
      const f = (x: number) => x.toFixed(1);
      process.stdout.write(
        `| ${mode} | ${rerank ? 'on' : 'off'} | ${times.length} | ${f(percentile(times, 50))} | ${f(percentile(times, 95))} | ${f(percentile(times, 99))} | ${f(times[times.length - 1]!)} | ${(times.length / elapsed).toFixed(0)} |\n`,
      );
    }
  }
  await store.close();
  return 0;
});
