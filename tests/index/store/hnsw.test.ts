/**
 * The PassageStore contract on the default store: LangChain HNSWLib files, atomic generations.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { newManifest } from '../../../index/manifest.js';
import { HnswStore } from '../../../index/store/hnsw.js';
import { VectorsOnlyEmbeddings } from '../../../index/store/open.js';
import type { PassageStore } from '../../../index/store/types.js';
import { runStoreContract, testChunking, testEmbedder } from './contract.js';

const roots = new Map<PassageStore, string>();
let tmp: string | null = null;

afterAll(async () => {
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

runStoreContract(
  'hnsw',
  {
    async create(dimension) {
      tmp ??= await fs.mkdtemp(path.join(os.tmpdir(), 'store-contract-'));
      const root = path.join(tmp, `idx-${roots.size}`);
      const store = HnswStore.empty(new VectorsOnlyEmbeddings(), newManifest(testEmbedder(dimension), testChunking), { root });
      roots.set(store, root);
      return store;
    },
    async reopen(store) {
      const root = roots.get(store);
      if (!root) throw new Error('unknown store');
      await store.flush();
      await store.close();
      const again = await HnswStore.load(new VectorsOnlyEmbeddings(), { root });
      roots.set(again, root);
      return again;
    },
  },
);
