/**
 * HNSW files → Postgres (real pgvector in PGlite) and back, without re-embedding, verified.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HnswStore } from '../../../index/store/hnsw.js';
import { copyStore, migrateStore, verifyCopy } from '../../../index/store/migrate.js';
import { VectorsOnlyEmbeddings } from '../../../index/store/open.js';
import { PgStore, type PgStoreOptions } from '../../../index/store/postgres.js';
import { startPglite, type PgliteServer } from '../../helpers/pglite.js';
import { randomUnitVectors, testChunking, testEmbedder } from './contract.js';
import { buildHnswFixture, FIXTURE_DIM } from './fixture-index.js';

let server: PgliteServer;
let tmp: string;
let root: string;
let fixture: { passages: number; documents: number };
let seq = 0;

beforeAll(async () => {
  server = await startPglite();
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'migrate-'));
  root = path.join(tmp, 'index');
  fixture = await buildHnswFixture(root);
});
afterAll(async () => {
  await server?.stop();
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

const pg = (o: Partial<PgStoreOptions> = {}) =>
  PgStore.open({ connectionString: server.url, poolMax: 1, tablePrefix: `m${++seq}_`, embedder: testEmbedder(FIXTURE_DIM), chunking: testChunking, ...o });
const hnsw = () => HnswStore.load(new VectorsOnlyEmbeddings(), { root });

describe('migrate HNSW → Postgres', () => {
  it('copies documents, passages, vectors and manifest, and queries return the same top ids', async () => {
    const from = await hnsw();
    const to = await pg();
    try {
      const { copy, verify } = await migrateStore(from, to, { batchPassages: 30 });
      expect(copy).toMatchObject({ documents: fixture.documents, passages: fixture.passages });
      // Whole documents per batch: 40 | 55 | 25 + the empty one.
      expect(copy.batches).toBe(3);
      expect(verify).toMatchObject({ documents: fixture.documents, passages: fixture.passages, topOneAgreement: verify.queriesChecked });
      expect(verify.maxVectorError).toBeLessThanOrEqual(1e-6);

      expect(await to.count()).toBe(fixture.passages);
      expect(to.manifest().documents).toEqual(from.manifest().documents);
      expect(to.manifest().embedder).toEqual(from.manifest().embedder);
      expect(to.manifest().chunking).toEqual(from.manifest().chunking);
      expect(to.manifest().skipped).toEqual({ 'scan.pdf': { hash: 'abc', reason: 'no text layer' } });
      expect(await to.listPassages()).toStrictEqual(await from.listPassages());
      // A fresh query vector (not a stored one): same top ids from both stores.
      for (const q of randomUnitVectors(5, FIXTURE_DIM, 4242)) {
        const a = (await from.searchVector(q, 5)).map((h) => h.passage.id);
        const b = (await to.searchVector(q, 5)).map((h) => h.passage.id);
        expect(b).toEqual(a);
      }
    } finally {
      await from.close();
      await to.close();
    }
  });

  it('verification fails loudly when the copy differs', async () => {
    const from = await hnsw();
    const to = await pg();
    try {
      await copyStore(from, to);
      await to.removeDocuments(['Notes.md']);
      const err = await verifyCopy(from, to).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'INDEX_CORRUPT', exitCode: 4 });
      expect((err as Error).message).toMatch(/passage count 95, source has 120/);
      expect((err as Error).message).toMatch(/document count 3, source has 4/);
    } finally {
      await from.close();
      await to.close();
    }
  });

  it('refuses a non-empty or incompatible target', async () => {
    const from = await hnsw();
    const full = await pg();
    const other = await pg({ embedder: testEmbedder(8) });
    try {
      await copyStore(from, full);
      await expect(copyStore(from, full)).rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(copyStore(from, other)).rejects.toMatchObject({ code: 'INDEX_MISMATCH' });
    } finally {
      await from.close();
      await full.close();
      await other.close();
    }
  });
});

describe('migrate Postgres → HNSW', () => {
  it('round-trips through Postgres back to files with the same data', async () => {
    const original = await hnsw();
    const mid = await pg();
    const backRoot = path.join(tmp, 'back');
    const back = HnswStore.empty(new VectorsOnlyEmbeddings(), (await import('../../../index/manifest.js')).newManifest(testEmbedder(FIXTURE_DIM), testChunking), {
      root: backRoot,
    });
    try {
      await migrateStore(original, mid);
      await migrateStore(mid, back);
      const reloaded = await HnswStore.load(new VectorsOnlyEmbeddings(), { root: backRoot });
      expect(reloaded.manifest().documents).toEqual(original.manifest().documents);
      expect(await reloaded.listPassages()).toStrictEqual(await original.listPassages());
      await verifyCopy(original, reloaded);
    } finally {
      await original.close();
      await mid.close();
      await back.close();
    }
  });
});
