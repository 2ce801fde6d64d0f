/**
 * Options of `npm run bench`, parsed once at the edge. `--quick` swaps in tiny sizes and short
 * runs (the smoke test's mode); explicit flags still win over it.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../core/errors.js';

export const SECTIONS = ['ingest', 'http', 'memory', 'scaling', 'stores'] as const;
export type Section = (typeof SECTIONS)[number];

/** lexical: the shipped offline embedder; tiny: the generated test model; e5: real multilingual-e5-small (MODEL_DIR). */
export const EMBEDDERS = ['lexical', 'tiny', 'e5'] as const;
export type EmbedderKind = (typeof EMBEDDERS)[number];

export interface BenchOptions {
  sections: Section[];
  /** Synthetic corpus sizes (passages) for the scaling run; the first one is also the ingest
   * section's synthetic corpus. */
  sizes: number[];
  embedders: EmbedderKind[];
  quick: boolean;
  seed: number;
  corpusDir: string;
  questionsFile: string;
  /** Root of everything the bench writes (corpora, indexes, models, reports). */
  outDir: string;
  /** MODEL_DIR holding Xenova/multilingual-e5-small (null: the e5 rows are skipped with a note). */
  modelDir: string | null;
  e5Model: string;
  /** Embedding the largest synthetic corpora with the neural models takes hours: cap them here. */
  neuralMaxPassages: number;
  /** HTTP: clients and k values on the shipped corpus; clients for the scaling sizes. */
  connections: number[];
  ks: number[];
  scalingConnections: number;
  scalingK: number;
  /** Seconds per autocannon run (shipped corpus, stores). */
  durationSec: number;
  /** Seconds per HTTP run on the synthetic corpora: at 100k a request takes long enough that
   * 10 s would give too few samples for a p95. */
  scalingDurationSec: number;
  warmupSec: number;
  /** In-process latency: rounds over the question set. */
  rounds: number;
  /** Stores section: colleague's runStoreBench sizes/dims; `--large` adds 100k. */
  storeSizes: number[];
  storeDims: number[];
  storeQueries: number;
  /** Server memory per store is measured on the shipped corpus and on these synthetic sizes. */
  storeServerSizes: number[];
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
}

export const DEFAULT_BENCH: BenchOptions = {
  sections: [...SECTIONS],
  sizes: [10_000, 100_000],
  embedders: ['lexical', 'tiny', 'e5'],
  quick: false,
  seed: 1,
  corpusDir: 'corpus',
  questionsFile: path.join('eval', 'questions.jsonl'),
  outDir: path.join('data', 'bench'),
  modelDir: null,
  e5Model: 'Xenova/multilingual-e5-small',
  neuralMaxPassages: 10_000,
  connections: [1, 8, 32],
  ks: [5, 10],
  scalingConnections: 8,
  scalingK: 10,
  durationSec: 10,
  scalingDurationSec: 30,
  warmupSec: 3,
  rounds: 3,
  storeSizes: [10_000],
  storeDims: [384, 1024],
  storeQueries: 200,
  storeServerSizes: [10_000],
  logLevel: 'info',
};

/** What --quick changes: seconds, not minutes (structure identical). */
export const QUICK_BENCH: Partial<BenchOptions> = {
  sizes: [300],
  durationSec: 1,
  scalingDurationSec: 1,
  warmupSec: 1,
  rounds: 1,
  storeSizes: [300],
  storeDims: [32],
  storeQueries: 20,
  storeServerSizes: [],
  neuralMaxPassages: 300,
};

export const USAGE = `npm run bench -- [options]
  --sections ingest,http,memory,scaling,stores   (default: all)
  --sizes 10000,100000      synthetic corpus sizes in passages (scaling; the first also for ingest)
  --embedders lexical,tiny,e5
  --quick                   tiny sizes and 1 s runs (smoke test)
  --large                   stores section also at 100k passages (runStoreBench; adds ~25 min)
  --duration S              seconds per autocannon run (default 10)
  --scaling-duration S      seconds per HTTP run on the synthetic corpora (default 30)
  --connections 1,8,32  --k 5,10  --rounds N  --seed N
  --model-dir DIR           MODEL_DIR holding Xenova/multilingual-e5-small (default: $MODEL_DIR)
  --questions FILE  --corpus DIR  --out DIR  --log-level info|warn|...
Writes <out>/report.md and <out>/report.json (default data/bench); with --sections (not all),
<out>/report-<sections>.md/.json so the full report is not overwritten.`;

function ints(name: string, raw: string, min: number, max: number): number[] {
  const out = raw.split(',').map((s) => s.trim());
  return out.map((s) => {
    if (!/^\d+$/.test(s) || Number(s) < min || Number(s) > max) {
      throw new AppError('INVALID_PARAMETER', `--${name} takes integers in [${min}, ${max}] separated by commas, got "${raw}".`);
    }
    return Number(s);
  });
}

function listOf<T extends string>(name: string, raw: string, allowed: readonly T[]): T[] {
  const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = items.filter((s) => !(allowed as readonly string[]).includes(s));
  if (bad.length > 0 || items.length === 0) {
    throw new AppError('INVALID_PARAMETER', `--${name} takes ${allowed.join(', ')} (comma separated), got "${raw}".`);
  }
  return items as T[];
}

/** Parse CLI flags; `env` supplies MODEL_DIR. Returns null for --help. */
export function parseBenchArgs(argv: string[], env: Record<string, string | undefined> = process.env): BenchOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      sections: { type: 'string' },
      sizes: { type: 'string' },
      embedders: { type: 'string' },
      quick: { type: 'boolean', default: false },
      large: { type: 'boolean', default: false },
      duration: { type: 'string' },
      'scaling-duration': { type: 'string' },
      connections: { type: 'string' },
      k: { type: 'string' },
      rounds: { type: 'string' },
      seed: { type: 'string' },
      'model-dir': { type: 'string' },
      questions: { type: 'string' },
      corpus: { type: 'string' },
      out: { type: 'string' },
      'log-level': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: false,
  });
  if (values.help) return null;
  const o: BenchOptions = { ...DEFAULT_BENCH, ...(values.quick ? QUICK_BENCH : {}), quick: values.quick };
  if (values.sections) o.sections = listOf('sections', values.sections, SECTIONS);
  if (values.sizes) o.sizes = ints('sizes', values.sizes, 1, 2_000_000);
  if (values.embedders) o.embedders = listOf('embedders', values.embedders, EMBEDDERS);
  if (values.duration) o.durationSec = ints('duration', values.duration, 1, 600)[0] as number;
  if (values['scaling-duration']) o.scalingDurationSec = ints('scaling-duration', values['scaling-duration'], 1, 3600)[0] as number;
  if (values.connections) o.connections = ints('connections', values.connections, 1, 512);
  if (values.k) o.ks = ints('k', values.k, 1, 50);
  if (values.rounds) o.rounds = ints('rounds', values.rounds, 1, 100)[0] as number;
  if (values.seed) o.seed = ints('seed', values.seed, 0, 2 ** 31)[0] as number;
  if (values.large) o.storeSizes = [...new Set([...o.storeSizes, 100_000])];
  if (values.questions) o.questionsFile = values.questions;
  if (values.corpus) o.corpusDir = values.corpus;
  if (values.out) o.outDir = values.out;
  if (values['log-level']) o.logLevel = listOf('log-level', values['log-level'], ['debug', 'info', 'warn', 'error', 'silent'] as const)[0] as BenchOptions['logLevel'];
  const modelDir = values['model-dir'] ?? env.MODEL_DIR;
  o.modelDir = modelDir && modelDir.trim() !== '' ? path.resolve(modelDir) : null;
  o.sizes = [...new Set(o.sizes)].sort((a, b) => a - b);
  return o;
}
