/**
 * The indexer on real files, a real lexical embedder and real HNSW generations: incremental
 * re-ingest, skipped files, manifest mismatch, the ingest lock, a damaged index and an ingest killed
 * with SIGKILL midway.
 */
import { spawn } from 'node:child_process';
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { LexicalEmbeddings } from '../../index/embedders/lexical.js';
import { acquireIndexLock } from '../../index/lock.js';
import { currentGeneration } from '../../index/store/generations.js';
import { HnswStore } from '../../index/store/hnsw.js';
import { VectorsOnlyEmbeddings } from '../../index/store/open.js';
import { indexStatus, updateIndex } from '../../ingest/indexer.js';
import { TEST_CORPUS_DIR } from '../helpers/test-index.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Counts the passages it embeds: the real embedder, observed. */
class CountingEmbeddings extends LexicalEmbeddings {
  embedded = 0;
  override async embedDocuments(texts: string[]): Promise<number[][]> {
    this.embedded += texts.length;
    return super.embedDocuments(texts);
  }
}

let dir: string;
let corpus: string;
let indexDir: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'indexer-'));
  corpus = path.join(dir, 'corpus');
  indexDir = path.join(dir, 'index');
  cpSync(TEST_CORPUS_DIR, corpus, { recursive: true });
});
afterEach(() => fs.rm(dir, { recursive: true, force: true }));

const run = (embedder: LexicalEmbeddings, extra: Partial<Parameters<typeof updateIndex>[0]> = {}) =>
  updateIndex({ corpusDir: corpus, indexDir, databaseUrl: null, embedder, ...extra });

describe('updateIndex', () => {
  it('builds an index from nothing and reports it fresh afterwards', async () => {
    const embedder = new CountingEmbeddings();
    expect((await indexStatus({ corpusDir: corpus, indexDir, databaseUrl: null, embedder })).state).toBe('missing');
    const report = await run(embedder);
    expect(report.added).toHaveLength(5);
    expect(report.documents).toBe(5);
    expect(report.passages).toBe(embedder.embedded);
    expect((await indexStatus({ corpusDir: corpus, indexDir, databaseUrl: null, embedder })).state).toBe('fresh');
    const store = await HnswStore.load(embedder, { root: indexDir });
    expect(await store.count()).toBe(report.passages);
    const m = store.manifest();
    expect(m.embedder).toEqual(embedder.info);
    expect(m.chunking).toMatchObject({ targetChars: expect.any(Number), maxChars: expect.any(Number) });
    expect(Object.keys(m.documents).sort()).toEqual(readdirSync(corpus).sort());
    expect(m.documents['001_9e0b992cc2ec1990.txt']).toMatchObject({ date: '2018-02-05', format: 'txt' });
    expect(m.documents['001_9e0b992cc2ec1990.txt']?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is incremental: unchanged documents are not re-embedded, removed ones disappear', async () => {
    await run(new CountingEmbeddings());
    // change one, remove one, add one
    const changed = path.join(corpus, '002_58e4ed2aa27687eb.txt');
    await fs.appendFile(changed, '\nUne phrase ajoutée sur la coopération maritime en Méditerranée.\n');
    await fs.rm(path.join(corpus, '004_9afdffdf36575cd6.txt'));
    await fs.writeFile(path.join(corpus, 'nouveau.md'), '# Un nouveau document\n\nINTERPOL ouvre un bureau à Singapour en 2015 pour la cybercriminalité.\n');

    const embedder = new CountingEmbeddings();
    const status = await indexStatus({ corpusDir: corpus, indexDir, databaseUrl: null, embedder });
    expect(status.state).toBe('stale');
    expect(status.reasons).toEqual(expect.arrayContaining(['new: nouveau.md', 'changed: 002_58e4ed2aa27687eb.txt', 'removed: 004_9afdffdf36575cd6.txt']));

    const report = await run(embedder);
    expect(report.added).toEqual(['nouveau.md']);
    expect(report.updated).toEqual(['002_58e4ed2aa27687eb.txt']);
    expect(report.removed).toEqual(['004_9afdffdf36575cd6.txt']);
    expect(report.unchanged.sort()).toEqual(['000_87e5c8281a3b5988.txt', '001_9e0b992cc2ec1990.txt', '003_ae5fb4e1d94c0dac.txt']);
    const store = await HnswStore.load(embedder, { root: indexDir });
    const changedCount = store.manifest().documents['002_58e4ed2aa27687eb.txt']!.passages;
    const newCount = store.manifest().documents['nouveau.md']!.passages;
    expect(embedder.embedded).toBe(changedCount + newCount);
    const passages = await store.listPassages();
    expect(passages.some((p) => p.source === '004_9afdffdf36575cd6.txt')).toBe(false);
    expect(passages.some((p) => p.text.includes('Singapour'))).toBe(true);
    // The new passage is reachable through the vector index, not only listed.
    const hits = await store.searchVector(await embedder.embedQuery('bureau de Singapour cybercriminalité'), 3);
    expect(hits[0]?.passage.source).toBe('nouveau.md');
    // A run with nothing changed embeds nothing.
    const idle = new CountingEmbeddings();
    const again = await run(idle);
    expect(idle.embedded).toBe(0);
    expect(again.unchanged).toHaveLength(5);
  });

  it('skips unreadable, binary and empty files with a reason and ingests the rest; unchanged broken files are not retried', async () => {
    await fs.writeFile(path.join(corpus, 'vide.txt'), '');
    await fs.writeFile(path.join(corpus, 'binaire.txt'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    await fs.writeFile(path.join(corpus, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const report = await run(new CountingEmbeddings());
    expect(report.documents).toBe(5);
    const skipped = Object.fromEntries(report.skipped.map((s) => [s.source, s.reason]));
    expect(Object.keys(skipped).sort()).toEqual(['binaire.txt', 'image.png', 'vide.txt']);
    for (const reason of Object.values(skipped)) expect(reason.length).toBeGreaterThan(5);
    const embedder = new CountingEmbeddings();
    expect((await indexStatus({ corpusDir: corpus, indexDir, databaseUrl: null, embedder })).state).toBe('fresh');
    const again = await run(embedder);
    expect(embedder.embedded).toBe(0);
    expect(again.skipped.map((s) => s.source).sort()).toEqual(['binaire.txt', 'image.png', 'vide.txt']);
  });

  it('refuses an index built with other embedder options, and rebuilds it on request', async () => {
    await run(new CountingEmbeddings());
    const other = new CountingEmbeddings({ dimension: 512 });
    expect((await indexStatus({ corpusDir: corpus, indexDir, databaseUrl: null, embedder: other })).state).toBe('incompatible');
    await expect(run(other)).rejects.toMatchObject({ code: 'INDEX_MISMATCH' });
    await expect(run(other)).rejects.toThrow(/dimension 1024 \(requested 512\)/);
    const rebuilt = await run(other, { rebuild: true });
    expect(rebuilt.added).toHaveLength(5);
    expect((await HnswStore.load(other, { root: indexDir })).manifest().embedder.dimension).toBe(512);
  });

  it('refuses a second concurrent ingest with a clear message', async () => {
    const lock = await acquireIndexLock(indexDir);
    try {
      // The lock of a live process (this one) is honoured; another pid could not take it.
      await fs.writeFile(lock.file, JSON.stringify({ pid: process.ppid, since: 'test' }));
      const err = await run(new CountingEmbeddings()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('INGEST_LOCKED');
      expect((err as AppError).message).toMatch(/Another ingest \(pid \d+/);
    } finally {
      await lock.release();
    }
    // A lock left by a dead process is taken over.
    await fs.writeFile(path.join(indexDir, 'ingest.lock'), JSON.stringify({ pid: 999_999_99, since: 'long ago' }));
    expect((await run(new CountingEmbeddings())).documents).toBe(5);
  });

  it('reports a damaged index as corrupt (never a crash) and rebuilds it', async () => {
    await run(new CountingEmbeddings());
    const gen = (await currentGeneration(indexDir))!;
    const file = path.join(gen, 'hnswlib.index');
    const bytes = await fs.readFile(file);
    await fs.writeFile(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(HnswStore.load(new VectorsOnlyEmbeddings(), { root: indexDir })).rejects.toMatchObject({ code: 'INDEX_CORRUPT' });
    const embedder = new CountingEmbeddings();
    expect((await indexStatus({ corpusDir: corpus, indexDir, databaseUrl: null, embedder })).state).toBe('corrupt');
    await run(embedder, { rebuild: true });
    expect(await (await HnswStore.load(embedder, { root: indexDir })).count()).toBeGreaterThan(20);

    await fs.writeFile(path.join((await currentGeneration(indexDir))!, 'manifest.json'), '{"formatVersion": 1');
    await expect(HnswStore.load(embedder, { root: indexDir })).rejects.toMatchObject({ code: 'INDEX_CORRUPT' });
  });
});

describe('an ingest killed with SIGKILL midway', () => {
  it('leaves the previous index usable, and the next ingest takes over the stale lock', async () => {
    await run(new CountingEmbeddings());
    const before = readFileSync(path.join(indexDir, 'CURRENT'), 'utf8');
    // Enough new text that embedding takes a while: 400 variants of the corpus documents.
    const texts = readdirSync(TEST_CORPUS_DIR).map((f) => readFileSync(path.join(TEST_CORPUS_DIR, f), 'utf8'));
    await fs.mkdir(path.join(corpus, 'bulk'));
    for (let i = 0; i < 400; i++) await fs.writeFile(path.join(corpus, 'bulk', `copie-${i}.txt`), `Copie ${i}\n\n${texts[i % texts.length]}\nVariante numéro ${i}.\n`);

    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'ingest/cli.ts'), '--dir', corpus, '--index', indexDir], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'info', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const killed = new Promise<{ sawProgress: boolean }>((resolve, reject) => {
      let sawProgress = false;
      child.stderr.on('data', (chunk: Buffer) => {
        // Kill once embedding is under way but not finished: the new generation is not written yet.
        if (!sawProgress && /"msg":"embedding passages","done":\d+/.test(chunk.toString())) {
          sawProgress = true;
          child.kill('SIGKILL');
        }
      });
      child.on('exit', () => resolve({ sawProgress }));
      child.on('error', reject);
    });
    const { sawProgress } = await killed;
    expect(sawProgress).toBe(true);

    // The pointer still names the old, complete generation, and it loads.
    expect(readFileSync(path.join(indexDir, 'CURRENT'), 'utf8')).toBe(before);
    const store = await HnswStore.load(new VectorsOnlyEmbeddings(), { root: indexDir });
    expect(Object.keys(store.manifest().documents)).toHaveLength(5);
    // The dead process's lock does not block the next ingest, which cleans up and completes.
    const report = await run(new CountingEmbeddings());
    expect(report.documents).toBe(405);
    const leftovers = readdirSync(indexDir).filter((e) => e.startsWith('.tmp-'));
    expect(leftovers).toEqual([]);
  }, 120_000);
});
