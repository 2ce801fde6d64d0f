/**
 * Where a search spends its time on a given index: loads the index as the server does, runs a
 * question set through the retriever and prints per-stage timings (analyse+BM25, dense, rest).
 * Run under `node --cpu-prof` for a profile:
 *   node --cpu-prof --cpu-prof-dir data/profile --import tsx scripts/profile-search.ts --index DIR
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CONFIG } from '../core/config.js';
import { createLogger } from '../core/logger.js';
import { createEmbedder, incompatibilities, readRetrievalConfig, createRetriever, openStore } from '../index/index.js';
import { chunkingInfo } from '../ingest/index.js';
import { loadQuestions } from '../eval/questions.js';

const { values } = parseArgs({
  options: {
    index: { type: 'string' },
    questions: { type: 'string', default: 'eval/questions.jsonl' },
    limit: { type: 'string', default: '60' },
    k: { type: 'string', default: '10' },
    passes: { type: 'string', default: '1' },
  },
});
if (!values.index) {
  console.error('usage: profile-search --index DIR [--questions FILE] [--limit N] [--k N]');
  process.exit(2);
}
const logger = createLogger({ level: 'warn' });
const embedder = createEmbedder('lexical', {}, logger);
await embedder.embedQuery('warm-up');
const store = await openStore({ indexDir: values.index, databaseUrl: null, embedder: embedder.info, chunking: chunkingInfo(), logger });
const mismatch = incompatibilities(store.manifest(), embedder.info, chunkingInfo());
if (mismatch.length > 0) {
  console.error(`the index at ${values.index} was built with ${mismatch.join('; ')}: rebuild it (npm run ingest).`);
  process.exit(1);
}
const config = await readRetrievalConfig(path.resolve(DEFAULT_CONFIG.retrievalConfigPath), logger);
const t0 = performance.now();
const retriever = await createRetriever(store, embedder, { logger, config });
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const mem = process.memoryUsage();
console.log(`retriever built in ${((performance.now() - t0) / 1000).toFixed(1)} s; RSS ${(mem.rss / 2 ** 20).toFixed(0)} MiB, heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB${gc ? '' : ' (run with --expose-gc for a heap after GC)'}`);
const questions = (await loadQuestions(values.questions)).slice(0, Number(values.limit));
let rows: { q: string; a: number; d: number; t: number }[] = [];
// Later passes measure warm caches (the server's steady state); the first pass builds them.
for (let pass = 0; pass < Number(values.passes); pass++) {
  rows = [];
  for (const q of questions) {
    const r = await retriever.search(q.question, { k: Number(values.k) });
    const d = r.diagnostics ?? {};
    rows.push({ q: q.question, a: Number(d.msAnalyse), d: Number(d.msDense), t: Number(d.msTotal) });
  }
}
const sum = (f: (r: (typeof rows)[number]) => number): number => rows.reduce((s, r) => s + f(r), 0) / rows.length;
console.log(`mean ms: analyse+bm25 ${sum((r) => r.a).toFixed(1)}, dense ${sum((r) => r.d).toFixed(1)}, rest ${sum((r) => r.t - r.a - r.d).toFixed(1)}, total ${sum((r) => r.t).toFixed(1)}`);
const sorted = rows.map((r) => r.t).sort((x, y) => x - y);
console.log(`p50 ${sorted[Math.floor(sorted.length / 2)]?.toFixed(1)} p95 ${sorted[Math.floor(sorted.length * 0.95)]?.toFixed(1)}`);
for (const r of [...rows].sort((x, y) => y.t - x.t).slice(0, 8)) console.log(`${r.t.toFixed(0)} ms (bm25 ${r.a.toFixed(0)}, dense ${r.d.toFixed(0)}): ${r.q}`);
