/**
 * `npm run bench` — speed and memory, measured:
 *   1. ingest throughput per embedder (lexical; transformers with the tiny test model; real
 *      multilingual-e5-small only when MODEL_DIR holds it) on the shipped and a synthetic corpus;
 *   2. /api/search latency over HTTP at 1, 8, 32 clients, k = 5 and 10, on the shipped corpus;
 *   3. index memory (RSS, heap) before/after loading, index size on disk;
 *   4. scaling 42 → 10k → 100k passages (ingest, disk, RSS, in-process and HTTP latency);
 *   5. stores: the store colleague's runStoreBench, and the server's memory with each store.
 * Prints Markdown tables and writes <out>/report.md and <out>/report.json (default data/bench),
 * rewritten after every section so a long run that fails late keeps what it measured; a run of
 * some sections only writes report-<sections>.{md,json} instead, leaving the full report alone.
 * `npm run bench -- --help` lists the options; `--quick` is the smoke test's mode.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isEntryPoint, runCli } from '../core/cli.js';
import { createLogger, type Logger } from '../core/logger.js';
import { runInChild } from './child.js';
import { LEXICAL, serverEnv, setupEmbedders, TINY_LABEL, type EmbedderSpec } from './embedders.js';
import { assertFreshIndex, measureSearch, throughputEnv, withServer } from './http.js';
import { sourceFingerprint } from './fingerprint.js';
import { dirBytes, machineFacts } from './machine.js';
import { parseBenchArgs, SECTIONS, USAGE, type BenchOptions, type Section } from './options.js';
import { questionMix } from './questions.js';
import { renderMarkdown, REPORT_VERSION, type BenchReport, type CorpusRow, type HttpSection, type MemoryRow, type ScalingRow, type TargetCheck } from './report.js';
import { runStoresSection, type BenchCorpus } from './stores-section.js';
import { ensureSyntheticCorpus } from './synthetic-corpus.js';
import type { IndexResult, IngestResult } from './tasks.js';

const SELF = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SELF), '..');

export interface BenchRun {
  report: BenchReport;
  markdown: string;
  files: { markdown: string; json: string };
  /** Sections that failed (their error); empty when everything ran. */
  errors: string[];
}

interface Corpus extends CorpusRow {
  /** Passage count known before ingest (synthetic) or after it (shipped). */
  passages: number;
}

function commandsFor(o: BenchOptions): Record<string, string> {
  const base = `npm run bench --${o.quick ? ' --quick' : ''}`;
  const first = o.sizes[0];
  const out = o.outDir === 'data/bench' || o.outDir === path.join('data', 'bench') ? '' : ` --out ${o.outDir}`;
  return {
    all: `${base} --sections ${o.sections.join(',')} --sizes ${o.sizes.join(',')} --embedders ${o.embedders.join(',')}${out}`,
    ingest: `${base} --sections ingest --sizes ${first} --embedders ${o.embedders.join(',')}${out}`,
    http: `${base} --sections http --connections ${o.connections.join(',')} --k ${o.ks.join(',')} --duration ${o.durationSec}${out}`,
    memory: `${base} --sections memory --sizes ${o.sizes.join(',')} --embedders ${o.embedders.join(',')}${out}`,
    scaling: `${base} --sections scaling --sizes ${o.sizes.join(',')} --duration ${o.durationSec} --scaling-duration ${o.scalingDurationSec}${out}`,
    stores: `${base} --sections stores${o.storeSizes.includes(100_000) ? ' --large' : ''}${out}`,
    storesBench: `npx tsx bench/stores.ts --sizes ${o.storeSizes.join(',')} --dims ${o.storeDims.join(',')} --queries ${o.storeQueries}`,
    syntheticCorpus: `npx tsx bench/synthetic-corpus.ts --passages <N> --seed ${o.seed} --out ${path.join(o.outDir, 'corpora')}`,
    tinyModel: `npx tsx scripts/make-tiny-model.ts ${path.join(o.outDir, 'models')}`,
  };
}

function targetsOf(o: BenchOptions, http: HttpSection | null, scaling: ScalingRow[] | null): TargetCheck[] {
  const targets: TargetCheck[] = [];
  const at8 = http?.rows.filter((r) => r.connections === 8) ?? [];
  if (at8.length === 0) {
    targets.push({ name: 'search p95 < 50 ms, 8 clients, shipped corpus (HTTP)', limitMs: 50, valueMs: null, met: null, where: 'http section not run with 8 connections' });
  }
  for (const r of at8) {
    targets.push({ name: `search p95 < 50 ms, 8 clients, shipped corpus (HTTP, k=${r.k})`, limitMs: 50, valueMs: r.p95Ms, met: r.p95Ms < 50, where: `${http?.passages} passages` });
  }
  const big = scaling?.find((s) => s.passages === 100_000) ?? null;
  const where = big ? `${big.corpus}` : 'no 100k corpus in --sizes';
  // One client: the latency a user sees. With N concurrent clients one Node process answers one
  // query at a time, so p95 grows about N-fold (reported in the scaling table; scale out for that).
  const httpP95 = big?.http1?.p95Ms ?? null;
  targets.push({ name: `100k-passage search p95 < 100 ms (HTTP, 1 client, k=${o.scalingK})`, limitMs: 100, valueMs: httpP95, met: httpP95 === null ? null : httpP95 < 100, where });
  const inProc = big?.hybridP95Ms ?? null;
  targets.push({ name: `100k-passage search p95 < 100 ms (in-process hybrid, 1 caller, k=${o.scalingK})`, limitMs: 100, valueMs: inProc, met: inProc === null ? null : inProc < 100, where });
  return targets;
}

export async function runBench(o: BenchOptions, logger: Logger): Promise<BenchRun> {
  const startedAt = new Date().toISOString();
  const loadStart = os.loadavg();
  const t0 = performance.now();
  const out = path.resolve(o.outDir);
  await fs.mkdir(out, { recursive: true });
  // A partial run (some sections) must not overwrite the full report: it gets its own name.
  const all = SECTIONS.every((x) => o.sections.includes(x));
  const base = all ? 'report' : `report-${o.sections.join('-')}`;
  const files = { markdown: path.join(out, `${base}.md`), json: path.join(out, `${base}.json`) };
  const want = (s: Section) => o.sections.includes(s);
  const errors: string[] = [];
  const notes: string[] = [];
  const mix = await questionMix(o.questionsFile);
  const sourceStart = await sourceFingerprint({ root: ROOT });

  const report: BenchReport = {
    version: REPORT_VERSION,
    startedAt,
    finishedAt: startedAt,
    durationSeconds: 0,
    machine: machineFacts(startedAt, loadStart),
    source: { start: sourceStart, end: null, changedDuringRun: false },
    options: { ...o },
    questions: { file: o.questionsFile, total: mix.questions.length, fr: mix.fr, en: mix.en, answerable: mix.answerable },
    embedders: { available: [], skipped: [] },
    corpora: [],
    ingest: null,
    http: null,
    memory: null,
    scaling: null,
    stores: null,
    targets: [],
    sections: [],
    commands: commandsFor(o),
    notes,
  };
  const save = async (): Promise<string> => {
    report.finishedAt = new Date().toISOString();
    report.durationSeconds = (performance.now() - t0) / 1000;
    report.machine = machineFacts(startedAt, loadStart);
    report.targets = targetsOf(o, report.http, report.scaling);
    const end = await sourceFingerprint({ root: ROOT });
    report.source = { start: sourceStart, end, changedDuringRun: end.sha256 !== sourceStart.sha256 };
    const markdown = renderMarkdown(report) + (errors.length > 0 ? `\n## Errors\n\n${errors.map((e) => `- ${e}`).join('\n')}\n` : '');
    await fs.writeFile(files.json, JSON.stringify({ ...report, errors }, null, 2));
    await fs.writeFile(files.markdown, markdown);
    return markdown;
  };
  const section = async (name: string, body: () => Promise<void>): Promise<void> => {
    logger.info('section', { name });
    const sectionStart = new Date().toISOString();
    const s0 = performance.now();
    const loadAvgStart = os.loadavg()[0] ?? 0;
    let ok = true;
    try {
      await body();
    } catch (err) {
      ok = false;
      const msg = `${name}: ${err instanceof Error ? err.message : String(err)}`;
      logger.error('section failed', { name, error: msg });
      errors.push(msg);
    }
    report.sections.push({ name, startedAt: sectionStart, seconds: (performance.now() - s0) / 1000, loadAvgStart, loadAvgEnd: os.loadavg()[0] ?? 0, ok });
    await save();
  };

  // ---- corpora ----
  const shipped: Corpus = { name: 'shipped', dir: path.resolve(o.corpusDir), documents: 0, passages: 0, bytes: await dirBytes(path.resolve(o.corpusDir)), synthetic: false, reused: null, generateSeconds: null };
  const syntheticSizes = new Set<number>([
    ...(want('ingest') && o.sizes[0] !== undefined ? [o.sizes[0]] : []),
    ...(want('memory') || want('scaling') ? o.sizes : []),
    ...(want('stores') ? o.storeServerSizes : []),
  ]);
  const synthetic = new Map<number, Corpus>();
  await section('corpora', async () => {
    for (const size of [...syntheticSizes].sort((a, b) => a - b)) {
      const c = await ensureSyntheticCorpus({ passages: size, seed: o.seed, sourceDir: o.corpusDir, outRoot: path.join(out, 'corpora'), logger });
      synthetic.set(size, { name: c.name, dir: c.dir, documents: c.documents, passages: c.passages, bytes: c.bytes, synthetic: true, reused: c.reused, generateSeconds: c.generateSeconds });
    }
    report.corpora = [shipped, ...synthetic.values()];
  });
  notes.push(
    'Synthetic corpora recombine and perturb the shipped corpus (bench/synthetic-corpus.ts): realistic sentence lengths and French text, but a narrow topic (every article is about INTERPOL and the UN), so BM25 posting lists of topic words are longer than in a varied real corpus: BM25 latency is on the pessimistic side.',
  );

  // ---- embedders ----
  const setup = await setupEmbedders({ kinds: o.embedders, modelsDir: path.join(out, 'models'), e5ModelDir: o.modelDir, e5Model: o.e5Model });
  report.embedders = setup;
  if (setup.available.some((e) => e.kind === 'tiny')) notes.push(`Rows labelled "${TINY_LABEL}" use a 1-layer, 32-d random BERT generated by tests/helpers/tiny-model.ts: they measure the transformers plumbing (tokenizer, ONNX runtime, batching), not the speed of multilingual-e5-small (12 layers, 384-d), which is far slower per passage.`);
  for (const s of setup.skipped) notes.push(s.reason);

  // ---- ingest (lexical for every corpus a later section needs; neural ones for the ingest table) ----
  const indexDir = (e: EmbedderSpec, c: Corpus) => path.join(out, 'indexes', `${e.kind}-${c.name}`);
  const ingests = new Map<string, IngestResult & { corpus: string }>();
  const ingestOne = async (e: EmbedderSpec, c: Corpus) => {
    logger.info('ingest', { embedder: e.kind, corpus: c.name, passages: c.passages || undefined });
    const r = await runInChild({ kind: 'ingest', embedder: e, corpusDir: c.dir, indexDir: indexDir(e, c), batchSize: 64, logLevel: o.logLevel === 'debug' ? 'debug' : 'warn', progress: o.logLevel === 'debug' || o.logLevel === 'info' });
    logger.info('ingested', { embedder: e.kind, corpus: c.name, passages: r.passages, seconds: +r.ingestSeconds.toFixed(1), perSecond: Math.round(r.passagesPerSecond) });
    ingests.set(`${e.kind}/${c.name}`, { ...r, corpus: c.name });
    if (c === shipped) {
      shipped.passages = r.passages;
      shipped.documents = r.documents;
    }
  };
  const lexicalCorpora: Corpus[] = [];
  if (o.sections.some((s) => s !== 'stores')) lexicalCorpora.push(shipped);
  if (want('ingest') && o.sizes[0] !== undefined && synthetic.get(o.sizes[0])) lexicalCorpora.push(synthetic.get(o.sizes[0]) as Corpus);
  if (want('memory') || want('scaling')) for (const s of o.sizes) if (synthetic.get(s) && !lexicalCorpora.includes(synthetic.get(s) as Corpus)) lexicalCorpora.push(synthetic.get(s) as Corpus);
  const neuralPairs: [EmbedderSpec, Corpus][] = [];
  if (want('ingest')) {
    for (const e of setup.available.filter((x) => x.kind !== 'lexical')) {
      for (const c of [shipped, ...(o.sizes[0] !== undefined && synthetic.get(o.sizes[0]) ? [synthetic.get(o.sizes[0]) as Corpus] : [])]) {
        if (c.synthetic && c.passages > o.neuralMaxPassages) notes.push(`${e.label}: not ingested on ${c.name} (over --neural cap of ${o.neuralMaxPassages} passages).`);
        else neuralPairs.push([e, c]);
      }
    }
  }
  await section('ingest', async () => {
    for (const c of lexicalCorpora) await ingestOne(LEXICAL, c);
    for (const [e, c] of neuralPairs) await ingestOne(e, c);
    if (want('ingest')) report.ingest = [...ingests.values()];
  });
  report.corpora = [shipped, ...synthetic.values()];

  // ---- index memory and in-process latency ----
  const loads = new Map<string, IndexResult>();
  if (want('memory') || want('scaling')) {
    await section('memory', async () => {
      const pairs: [EmbedderSpec, Corpus][] = lexicalCorpora.filter((c) => c === shipped || o.sizes.includes(c.passages)).map((c) => [LEXICAL, c]);
      if (want('memory')) pairs.push(...neuralPairs);
      const rows: MemoryRow[] = [];
      for (const [e, c] of pairs) {
        if (!ingests.has(`${e.kind}/${c.name}`)) continue;
        logger.info('index memory and in-process latency', { embedder: e.kind, corpus: c.name });
        const r = await runInChild({ kind: 'index', embedder: e, indexDir: indexDir(e, c), questionsFile: o.questionsFile, k: o.scalingK, rounds: o.rounds, modes: ['hybrid', 'bm25', 'dense'], clients: o.scalingConnections, logLevel: 'warn' });
        loads.set(`${e.kind}/${c.name}`, r);
        rows.push({ ...r, corpus: c.name, embedder: e });
      }
      if (want('memory')) report.memory = rows;
    });
  }

  // ---- HTTP on the shipped corpus ----
  const lexicalEnv = (maxConnections: number) => ({ ...throughputEnv(maxConnections), ...serverEnv(LEXICAL), DATABASE_URL: '' });
  if ((want('http') || want('scaling')) && ingests.has(`lexical/${shipped.name}`)) {
    await section('http', async () => {
      const connections = want('http') ? o.connections : [...new Set([1, o.scalingConnections])];
      const ks = want('http') ? o.ks : [o.scalingK];
      await assertFreshIndex(shipped.dir, indexDir(LEXICAL, shipped), LEXICAL);
      const { result, memory } = await withServer(
        { corpusDir: shipped.dir, indexDir: indexDir(LEXICAL, shipped), env: lexicalEnv(Math.max(...connections)), logger, startTimeoutMs: 600_000 },
        (server) => measureSearch(server, mix, { ks, connections, durationSec: o.durationSec, warmupSec: o.warmupSec, logger }),
      );
      report.http = { corpus: shipped.name, passages: shipped.passages, embedder: LEXICAL.label, store: 'HNSW files', server: memory, rows: result };
    });
  }

  // ---- scaling ----
  if (want('scaling')) {
    await section('scaling', async () => {
      const rows: ScalingRow[] = [];
      for (const c of [shipped, ...o.sizes.map((s) => synthetic.get(s)).filter((x): x is Corpus => x !== undefined)]) {
        const ing = ingests.get(`lexical/${c.name}`);
        const load = loads.get(`lexical/${c.name}`);
        const hybrid = load?.latency.find((l) => l.mode === 'hybrid' && l.clients === 1);
        const row: ScalingRow = {
          corpus: c.name,
          passages: ing?.passages ?? c.passages,
          documents: ing?.documents ?? c.documents,
          corpusBytes: c.bytes,
          ingestSeconds: ing?.ingestSeconds ?? null,
          ingestEmbedSeconds: ing?.embedSeconds ?? null,
          ingestPassagesPerSecond: ing?.passagesPerSecond ?? null,
          ingestPeakRssMiB: ing?.peakRssMiB ?? null,
          indexBytes: ing?.indexBytes ?? null,
          loadedRssMiB: load?.loaded.rssMiB ?? null,
          loadedHeapUsedMiB: load?.loaded.heapUsedMiB ?? null,
          retrieverBuildSeconds: load?.retrieverBuildSeconds ?? null,
          hybridP50Ms: hybrid?.p50Ms ?? null,
          hybridP95Ms: hybrid?.p95Ms ?? null,
          bm25P95Ms: load?.latency.find((l) => l.mode === 'bm25')?.p95Ms ?? null,
          denseP95Ms: load?.latency.find((l) => l.mode === 'dense')?.p95Ms ?? null,
          http: null,
          http1: null,
          serverReadyRssMiB: null,
          serverPeakRssMiB: null,
          serverStartSeconds: null,
        };
        if (c === shipped && report.http) {
          row.http = report.http.rows.find((r) => r.connections === o.scalingConnections && r.k === o.scalingK) ?? null;
          row.http1 = report.http.rows.find((r) => r.connections === 1 && r.k === o.scalingK) ?? null;
          row.serverReadyRssMiB = report.http.server.readyRssMiB;
          row.serverPeakRssMiB = report.http.server.peakRssMiB;
          row.serverStartSeconds = report.http.server.startSeconds;
        } else if (ing) {
          logger.info('scaling: HTTP', { corpus: c.name, passages: row.passages });
          await assertFreshIndex(c.dir, indexDir(LEXICAL, c), LEXICAL);
          const { result, memory } = await withServer(
            { corpusDir: c.dir, indexDir: indexDir(LEXICAL, c), env: lexicalEnv(o.scalingConnections), logger, startTimeoutMs: 3_600_000 },
            (server) => measureSearch(server, mix, { ks: [o.scalingK], connections: [...new Set([1, o.scalingConnections])], durationSec: o.scalingDurationSec, warmupSec: o.warmupSec, logger }),
          );
          row.http = result.find((r) => r.connections === o.scalingConnections) ?? null;
          row.http1 = result.find((r) => r.connections === 1) ?? null;
          row.serverReadyRssMiB = memory.readyRssMiB;
          row.serverPeakRssMiB = memory.peakRssMiB;
          row.serverStartSeconds = memory.startSeconds;
        }
        rows.push(row);
        report.scaling = rows;
        await save();
      }
    });
  }

  // ---- stores ----
  if (want('stores')) {
    await section('stores', async () => {
      const tiny = setup.available.find((e) => e.kind === 'tiny') ?? (await setupEmbedders({ kinds: ['tiny'], modelsDir: path.join(out, 'models') })).available[0];
      const corpora: BenchCorpus[] = [shipped, ...o.storeServerSizes.map((s) => synthetic.get(s)).filter((x): x is Corpus => x !== undefined)];
      report.stores = await runStoresSection({
        sizes: o.storeSizes,
        dims: o.storeDims,
        queries: o.storeQueries,
        corpora,
        embedders: [LEXICAL, ...(tiny ? [tiny] : [])],
        mix,
        k: o.scalingK,
        durationSec: o.durationSec,
        warmupSec: o.warmupSec,
        logger,
      });
      const refused = report.stores.servers.find((s) => s.store === 'postgres' && s.error && s.embedder === LEXICAL.label);
      if (refused) {
        notes.push(`The Postgres store refuses the lexical embedder ("${refused.error}"): a pgvector HNSW index on \`vector\` takes at most 2000 dimensions (index/store/postgres-sql.ts MAX_HNSW_DIMENSION). With the shipped default embedder, DATABASE_URL does not work; the tiny-model rows compare the stores.`);
      }
    });
  }

  notes.push('Server and load generator (autocannon) share the machine\'s cores: HTTP figures are a floor for a dedicated host.');
  const markdown = await save();
  return { report, markdown, files, errors };
}

if (isEntryPoint(import.meta.url)) {
  await runCli('bench', async () => {
    const options = parseBenchArgs(process.argv.slice(2));
    if (!options) {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    const logger = createLogger({ level: options.logLevel }).child({ bench: 'run' });
    const run = await runBench(options, logger);
    process.stdout.write(run.markdown + '\n');
    logger.info('report written', { markdown: run.files.markdown, json: run.files.json, errors: run.errors.length });
    return run.errors.length > 0 ? 1 : 0;
  });
  // Child processes are all awaited; nothing else should hold the loop, but a stray handle must not
  // keep a finished bench alive.
  process.exit();
}
