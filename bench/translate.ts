/**
 * `npx tsx bench/translate.ts [--sentences N]` — the Apertium translator's cost, measured:
 * start-up (first answer), throughput of a batch (passages at ingest), and the latency of one
 * or two sentences after warm-up with the cache bypassed (what an answer pays per quote).
 * Sentences come from the shipped corpus; prints a Markdown table.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isEntryPoint, runCli } from '../core/cli.js';
import { percentile } from '../core/stats.js';
import { openTranslator, type TranslationDirection } from '../text/index.js';

export interface TranslateBenchRow {
  direction: TranslationDirection;
  startupMs: number;
  batchSentences: number;
  batchMs: number;
  sentencesPerSec: number;
  oneP50Ms: number;
  oneP95Ms: number;
  twoP50Ms: number;
  twoP95Ms: number;
}

async function corpusSentences(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const f of (await readdir(dir)).filter((f) => f.endsWith('.txt')).sort()) {
    const text = await readFile(path.join(dir, f), 'utf8');
    out.push(...text.split(/(?<=[.!?»])\s+/).map((s) => s.trim()).filter((s) => s.length > 20));
  }
  return out;
}

export async function benchTranslate(direction: TranslationDirection, sentences: string[], rounds = 40): Promise<TranslateBenchRow> {
  // A fresh translator per measurement kind, cache off for the latency rounds (tiny budget).
  const t = openTranslator(direction, { cacheBytes: 1 });
  if (!t) throw new Error('Apertium is not installed (sudo apt-get install apertium apertium-fr-es apertium-eng-spa)');
  try {
    let t0 = performance.now();
    await t.warm();
    const startupMs = performance.now() - t0;
    t0 = performance.now();
    await t.translate(sentences);
    const batchMs = performance.now() - t0;
    const one: number[] = [];
    const two: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const a = sentences[(i * 7) % sentences.length]!;
      const b = sentences[(i * 7 + 3) % sentences.length]!;
      t0 = performance.now();
      await t.translate([`${a} (${i})`]);
      one.push(performance.now() - t0);
      t0 = performance.now();
      await t.translate([`${a} [${i}]`, `${b} [${i}]`]);
      two.push(performance.now() - t0);
    }
    one.sort((x, y) => x - y);
    two.sort((x, y) => x - y);
    return {
      direction,
      startupMs,
      batchSentences: sentences.length,
      batchMs,
      sentencesPerSec: (sentences.length / batchMs) * 1000,
      oneP50Ms: percentile(one, 50),
      oneP95Ms: percentile(one, 95),
      twoP50Ms: percentile(two, 50),
      twoP95Ms: percentile(two, 95),
    };
  } finally {
    await t.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { sentences: { type: 'string', default: '1000' }, corpus: { type: 'string', default: 'corpus' } } });
  const n = Number(values.sentences);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--sentences must be a positive integer, got ${values.sentences}`);
  const base = await corpusSentences(values.corpus!);
  const sentences = Array.from({ length: n }, (_, i) => `${base[i % base.length]!}${i >= base.length ? ` (${i})` : ''}`);
  const rows = [await benchTranslate('fr-en', sentences)];
  // English input for the other direction: the English renderings of the same sentences.
  const toEnglish = openTranslator('fr-en');
  const english = toEnglish ? await toEnglish.translate(sentences) : [];
  await toEnglish?.close();
  rows.push(await benchTranslate('en-fr', english));
  const fmt = (x: number) => x.toFixed(1);
  console.log('| direction | start-up ms | batch sentences | batch s | sentences/s | 1 sentence p50 / p95 ms | 2 sentences p50 / p95 ms |');
  console.log('|---|--:|--:|--:|--:|--:|--:|');
  for (const r of rows) {
    console.log(`| ${r.direction} | ${fmt(r.startupMs)} | ${r.batchSentences} | ${(r.batchMs / 1000).toFixed(2)} | ${Math.round(r.sentencesPerSec)} | ${fmt(r.oneP50Ms)} / ${fmt(r.oneP95Ms)} | ${fmt(r.twoP50Ms)} / ${fmt(r.twoP95Ms)} |`);
  }
}

if (isEntryPoint(import.meta.url)) void runCli('bench/translate', main);
