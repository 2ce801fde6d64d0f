/**
 * Measures the transformers embedder: load time and embedding throughput (texts/s) on passages cut
 * from corpus/. Without --model-dir it generates the tiny test model in a temp folder.
 *   npx tsx scripts/measure-embedder.ts [--model-dir DIR --model ID] [--texts N] [--batch-size N] [--rounds N] [--quantized|--fp32]
 * Prints one JSON line on stdout.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { TransformersEmbeddings, DEFAULT_TRANSFORMERS_OPTIONS } from '../index/index.js';
import { writeTinyModel } from '../tests/helpers/tiny-model.js';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const batchSize = Number(flag('--batch-size') ?? DEFAULT_TRANSFORMERS_OPTIONS.batchSize);
const rounds = Number(flag('--rounds') ?? 5);
const count = Number(flag('--texts') ?? 480);
const quantized = args.includes('--quantized') ? true : args.includes('--fp32') ? false : undefined;

let modelDir = flag('--model-dir');
let model = flag('--model') ?? DEFAULT_TRANSFORMERS_OPTIONS.model;
let temp: string | null = null;
if (!modelDir) {
  temp = await mkdtemp(path.join(os.tmpdir(), 'measure-tiny-'));
  const tiny = await writeTinyModel({ root: temp, weights: { fp32: true, quantized: true } });
  modelDir = tiny.root;
  model = tiny.model;
}

// ~600-character passages, the size the ingest splitter aims for.
const corpus = path.resolve('corpus');
const cut: string[] = [];
for (const file of (await readdir(corpus)).filter((f) => f.endsWith('.txt')).sort()) {
  const text = (await readFile(path.join(corpus, file), 'utf8')).replace(/\s+/g, ' ');
  for (let i = 0; i < text.length; i += 600) cut.push(text.slice(i, i + 600));
}
// Cycled to `count` texts so a run lasts long enough to time; a suffix keeps them distinct.
const passages = Array.from({ length: count }, (_, i) => `${cut[i % cut.length]} (${i})`);

const ti = performance.now();
await import('@huggingface/transformers'); // what the first load() pays once per process
const t0 = performance.now();
const embedder = new TransformersEmbeddings({ modelDir, model, batchSize, quantized });
const tConstruct = performance.now();
await embedder.load();
const tLoad = performance.now();
await embedder.embedDocuments(passages.slice(0, batchSize)); // warm-up
const tWarm = performance.now();

const runs: number[] = [];
for (let r = 0; r < rounds; r++) {
  const s = performance.now();
  await embedder.embedDocuments(passages);
  runs.push(performance.now() - s);
}
const queries = ['Qui dirige INTERPOL ?', 'Who leads INTERPOL?', 'Quelle coopération entre l’ONU et INTERPOL ?'];
const qs = performance.now();
for (let r = 0; r < 10; r++) for (const q of queries) await embedder.embedQuery(q);
const queryMs = (performance.now() - qs) / (10 * queries.length);

runs.sort((a, b) => a - b);
const median = runs[Math.floor(runs.length / 2)]!;
process.stdout.write(
  JSON.stringify({
    model,
    weights: embedder.files.weights,
    dimension: embedder.info.dimension,
    passages: passages.length,
    avgChars: Math.round(passages.reduce((s, p) => s + p.length, 0) / passages.length),
    batchSize,
    importMs: +(t0 - ti).toFixed(1),
    checkMs: +(tConstruct - t0).toFixed(1),
    loadMs: +(tLoad - tConstruct).toFixed(1),
    firstBatchMs: +(tWarm - tLoad).toFixed(1),
    medianDocumentsMs: +median.toFixed(1),
    textsPerSecond: +((passages.length / median) * 1000).toFixed(0),
    queryMs: +queryMs.toFixed(2),
    cpus: os.cpus().length,
    node: process.version,
  }) + '\n',
);
await embedder.dispose();
if (temp) await rm(temp, { recursive: true, force: true });
