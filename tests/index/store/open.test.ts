/**
 * openStore picks the store from the configuration: DATABASE_URL → Postgres, else HNSW files.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, VectorsOnlyEmbeddings } from '../../../index/store/open.js';
import { startPglite, type PgliteServer } from '../../helpers/pglite.js';
import { passage, randomUnitVectors, record, testChunking, testEmbedder } from './contract.js';

let server: PgliteServer;
let tmp: string;

beforeAll(async () => {
  server = await startPglite();
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'open-store-'));
});
afterAll(async () => {
  await server?.stop();
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

const doc = () => ({ record: record('a.txt'), passages: [passage('a.txt', 0)], vectors: randomUnitVectors(1, 8, 1) });

describe('openStore', () => {
  it('without databaseUrl: an empty HNSW store, then the saved one, then an empty one on rebuild', async () => {
    const indexDir = path.join(tmp, 'index');
    const base = { databaseUrl: null, indexDir, embedder: testEmbedder(8), chunking: testChunking };
    const fresh = await openStore(base);
    expect(fresh.kind).toBe('hnsw');
    expect(await fresh.count()).toBe(0);
    await fresh.upsertDocuments([doc()]);
    await fresh.flush();
    await fresh.close();

    const loaded = await openStore({ ...base, embedder: testEmbedder(16) });
    expect(await loaded.count()).toBe(1);
    // The saved index keeps its own embedder; the caller decides on a rebuild from the manifest.
    expect(loaded.manifest().embedder.dimension).toBe(8);
    await loaded.close();

    const rebuilt = await openStore({ ...base, embedder: testEmbedder(16), rebuild: true });
    expect(await rebuilt.count()).toBe(0);
    expect(rebuilt.manifest().embedder.dimension).toBe(16);
    await rebuilt.close();
    // Nothing replaced on disk until flush().
    const still = await openStore(base);
    expect(await still.count()).toBe(1);
    await still.close();
  });

  it('with databaseUrl: the Postgres store; rebuild resets it', async () => {
    const base = { databaseUrl: server.url, indexDir: path.join(tmp, 'unused'), embedder: testEmbedder(8), chunking: testChunking, pgTablePrefix: 'open_' };
    const store = await openStore(base);
    expect(store.kind).toBe('postgres');
    await store.upsertDocuments([doc()]);
    await store.close();
    const again = await openStore(base);
    expect(await again.count()).toBe(1);
    await again.close();
    const rebuilt = await openStore({ ...base, rebuild: true });
    expect(await rebuilt.count()).toBe(0);
    await rebuilt.close();
    await expect(fs.access(base.indexDir)).rejects.toThrow();
  });

  it('the stand-in embeddings refuse to embed', async () => {
    await expect(new VectorsOnlyEmbeddings().embedQuery()).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});
