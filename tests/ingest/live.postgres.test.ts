/**
 * The live-update path on the Postgres + pgvector store (real PGlite with the real pgvector
 * extension, over the wire protocol): flush() is a no-op there, each upsert/remove is durable on its
 * own, and a restart (a new store on the same database) sees the same documents.
 */
import { cpSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/logger.js';
import { LexicalEmbeddings } from '../../index/embedders/lexical.js';
import { createRetriever } from '../../index/retrieve/factory.js';
import { IndexService } from '../../index/service.js';
import { openStore } from '../../index/store/open.js';
import type { PassageStore } from '../../index/store/types.js';
import { chunkingInfo } from '../../ingest/chunk.js';
import { indexStatus, updateIndex } from '../../ingest/indexer.js';
import { addDocument, createLiveContext, removeDocument } from '../../ingest/live.js';
import { startPglite, type PgliteServer } from '../helpers/pglite.js';
import { TEST_CORPUS_DIR } from '../helpers/test-index.js';

let server: PgliteServer;
let dir: string;
let corpus: string;
let store: PassageStore;
const embedder = new LexicalEmbeddings({ logger: silentLogger });

beforeAll(async () => {
  server = await startPglite();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'live-pg-'));
  corpus = path.join(dir, 'corpus');
  cpSync(TEST_CORPUS_DIR, corpus, { recursive: true });
});
afterAll(async () => {
  await store?.close();
  await server?.stop();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

const where = () => ({ corpusDir: corpus, indexDir: path.join(dir, 'index'), databaseUrl: server.url });
const open = () => openStore({ ...where(), embedder: embedder.info, chunking: chunkingInfo() });

describe('live updates on Postgres', () => {
  it('adds and removes documents durably without a flush, and a restart agrees', async () => {
    await updateIndex({ ...where(), embedder });
    store = await open();
    const service = new IndexService(store, embedder, await createRetriever(store, embedder));
    await service.refresh();
    const live = createLiveContext(service, { corpusDir: corpus, indexDir: where().indexDir });

    const added = await addDocument(Buffer.from('# Note\n\nLe centre de formation de Reykjavik a accueilli 65 enquêteurs spécialisés dans la pêche illégale.\n'), 'note.md', live);
    expect(added).toMatchObject({ source: 'uploads/note.md', duplicate: false });
    const hits = (await service.retriever.search('centre de formation de Reykjavik', { k: 3 })).hits;
    expect(hits[0]?.passage.source).toBe('uploads/note.md');
    expect(await indexStatus({ ...where(), embedder })).toEqual({ state: 'fresh', reasons: [] });

    const restarted = await open();
    try {
      expect(restarted.manifest().documents['uploads/note.md']).toMatchObject({ hash: added.hash });
    } finally {
      await restarted.close();
    }

    await removeDocument(added.source, live);
    expect((await service.retriever.search('centre de formation de Reykjavik', { k: 10 })).hits.some((h) => h.passage.source === added.source)).toBe(false);
    expect(await indexStatus({ ...where(), embedder })).toEqual({ state: 'fresh', reasons: [] });
    const again = await open();
    try {
      expect(again.manifest().documents['uploads/note.md']).toBeUndefined();
      expect(Object.keys(again.manifest().documents)).toHaveLength(5);
    } finally {
      await again.close();
    }
  });
});
