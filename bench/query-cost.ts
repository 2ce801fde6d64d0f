/**
 * `npx tsx bench/query-cost.ts [--clients 4] [--seconds 30] [--tokens 50000] [--out FILE]`
 *
 * What one hostile question can cost (issue 16, points 4 and 6), against a real server started as
 * `npm start` runs it (loopback, private copy of the corpus, RATE_LIMIT_MAX=0 so the limiter does
 * not hide the CPU):
 *   1. `/health` latency (probed every 50 ms) while `clients` loops send 4,000-character questions
 *      of lexicon words to /api/search — target p95 ≤ 100 ms;
 *   2. the server's RSS before and after `tokens` questions that are one unique 3,999-character
 *      token each (4 at a time) — target growth ≤ 200 MB;
 *   3. in process: the search time of a 4,000-character question against an ordinary one.
 * A measurement, not a test: the figures depend on the machine and what else runs on it.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isEntryPoint, runCli } from '../core/cli.js';
import { createLogger, silentLogger } from '../core/logger.js';
import { createRetriever, readRetrievalConfig } from '../index/index.js';
import { openEvalIndex } from '../eval/eval-index.js';
import { percentile } from '../core/stats.js';
import { DEFAULT_LEXICON_OPTIONS, LEXICON_FILE } from '../text/index.js';
import { startBenchServer, type BenchServer } from './loadtest-server.js';

const ORDINARY = ['Who signed the UNODC agreement with INTERPOL?', 'Qui a rencontré Jürgen Stock à l’ONU ?', 'Combien de pays membres compte INTERPOL ?'];

/** 4,000-character questions of English lexicon words (the most expensive kind: every word is translated). */
async function longQuestions(n: number, seed = 7): Promise<string[]> {
  const tsv = await readFile(path.join(DEFAULT_LEXICON_OPTIONS.dataDir, LEXICON_FILE), 'utf8');
  const words = tsv.split('\n').flatMap((l) => {
    const key = l.split('\t')[0] ?? '';
    return /^[a-z]{3,}$/.test(key) ? [key] : [];
  });
  let s = seed;
  const next = (): number => (s = (s * 48271) % 2147483647) / 2147483647;
  return Array.from({ length: n }, () => {
    let q = '';
    while (q.length < 4000) q += `${words[Math.floor(next() * words.length)]} `;
    return q.slice(0, 4000);
  });
}

/** A unique 3,999-character token (letters only, so it is one word to every tokenizer). */
function longToken(i: number): string {
  const head = i.toString(26).replace(/[0-9]/g, (d) => 'qrstuvwxyz'[Number(d)]!);
  return (head + 'a'.repeat(3999)).slice(0, 3999);
}

async function get(url: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - started };
}

async function healthUnderLoad(server: BenchServer, clients: number, seconds: number): Promise<Record<string, number>> {
  const questions = await longQuestions(64);
  const until = Date.now() + seconds * 1000;
  let searches = 0;
  let errors = 0;
  const loops = Array.from({ length: clients }, async (_, c) => {
    for (let i = c; Date.now() < until; i += clients) {
      const r = await get(`${server.url}/api/search?k=5&q=${encodeURIComponent(questions[i % questions.length]!)}`);
      if (r.status === 200) searches++;
      else errors++;
    }
  });
  const health: number[] = [];
  const probe = (async () => {
    while (Date.now() < until) {
      health.push((await get(`${server.url}/health`)).ms);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  await Promise.all([...loops, probe]);
  health.sort((a, b) => a - b);
  return { healthP50: percentile(health, 50), healthP95: percentile(health, 95), healthMax: health[health.length - 1] ?? 0, probes: health.length, searchesPerSec: searches / seconds, errors };
}

async function rssGrowth(server: BenchServer, tokens: number, concurrency = 4): Promise<Record<string, number>> {
  // Warm the server first (caches of ordinary questions, lazily built structures).
  for (const q of ORDINARY) await get(`${server.url}/api/search?q=${encodeURIComponent(q)}`);
  const before = server.rss() ?? 0;
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < tokens) {
        const r = await get(`${server.url}/api/search?k=5&q=${longToken(next++)}`);
        if (r.status !== 200) errors++;
      }
    }),
  );
  const after = server.rss() ?? 0;
  return { rssBeforeMiB: before / 2 ** 20, rssAfterMiB: after / 2 ** 20, growthMiB: (after - before) / 2 ** 20, requests: tokens, errors, seconds: (performance.now() - started) / 1000 };
}

async function inProcess(corpusDir: string, indexDir: string): Promise<Record<string, number>> {
  const { store, embedder } = await openEvalIndex({ corpusDir, indexDir, logger: silentLogger });
  try {
    const retriever = await createRetriever(store, embedder, { logger: silentLogger, config: await readRetrievalConfig('config/retrieval.json', silentLogger) });
    const time = async (qs: readonly string[], rounds: number): Promise<number> => {
      for (const q of qs) await retriever.search(q, { k: 5 });
      const started = performance.now();
      for (let r = 0; r < rounds; r++) for (const q of qs) await retriever.search(q, { k: 5 });
      return (performance.now() - started) / (rounds * qs.length);
    };
    return { ordinaryMs: await time(ORDINARY, 10), longMs: await time(await longQuestions(16, 11), 2) };
  } finally {
    await store.close();
  }
}

if (isEntryPoint(import.meta.url)) await runCli('query-cost', async () => {
  const { values } = parseArgs({
    options: {
      clients: { type: 'string', default: '4' },
      seconds: { type: 'string', default: '30' },
      tokens: { type: 'string', default: '50000' },
      corpus: { type: 'string', default: 'corpus' },
      out: { type: 'string' },
    },
  });
  const logger = createLogger({ level: 'warn' });
  const work = await mkdtemp(path.join(os.tmpdir(), 'query-cost-'));
  try {
    const corpusDir = path.join(work, 'corpus');
    await cp(values.corpus, corpusDir, { recursive: true });
    const report: Record<string, Record<string, number>> = { inProcess: await inProcess(corpusDir, path.join(work, 'eval-index')) };
    console.log('in process', report.inProcess);
    const env = { RATE_LIMIT_MAX: '0' };
    let server = await startBenchServer({ corpusDir, indexDir: path.join(work, 'index'), logger, env });
    try {
      report.health = await healthUnderLoad(server, Number(values.clients), Number(values.seconds));
      console.log(`/health while ${values.clients} clients send 4,000-character questions`, report.health);
    } finally {
      await server.stop();
    }
    server = await startBenchServer({ corpusDir, indexDir: path.join(work, 'index'), logger, env });
    try {
      report.memory = await rssGrowth(server, Number(values.tokens));
      console.log(`RSS over ${values.tokens} unique 3,999-character tokens`, report.memory);
    } finally {
      await server.stop();
    }
    if (values.out) await writeFile(values.out, JSON.stringify(report, null, 2));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});
