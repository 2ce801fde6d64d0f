/**
 * The assistant on Postgres + pgvector (real pgvector in PGlite, over the wire protocol): the
 * shipped eval gives the same metrics as on the HNSW files, and two servers sharing one database
 * give the same answers, including after one of them changed the index.
 */
import { cpSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../core/config.js';
import { silentLogger } from '../../core/logger.js';
import { evaluate } from '../../eval/evaluate.js';
import { loadQuestions } from '../../eval/questions.js';
import { LexicalEmbeddings } from '../../index/embedders/lexical.js';
import { createRetriever } from '../../index/retrieve/factory.js';
import { IndexService } from '../../index/service.js';
import { openStore } from '../../index/store/open.js';
import { chunkingInfo } from '../../ingest/chunk.js';
import { updateIndex } from '../../ingest/indexer.js';
import { createApp } from '../../server/app.js';
import { startPglite, type PgliteServer } from '../helpers/pglite.js';
import { buildTestIndex, TEST_CORPUS_DIR, type TestIndex } from '../helpers/test-index.js';

const QUESTIONS = path.resolve(import.meta.dirname, '../../eval/questions.jsonl');

let pg: PgliteServer;
let dir: string;
let corpus: string;
let hnsw: TestIndex;
const services: IndexService[] = [];

async function pgService(): Promise<IndexService> {
  const embedder = new LexicalEmbeddings();
  const store = await openStore({ databaseUrl: pg.url, indexDir: path.join(dir, 'unused'), embedder: embedder.info, chunking: chunkingInfo() });
  const service = new IndexService(store, embedder, await createRetriever(store, embedder));
  await service.refresh();
  services.push(service);
  return service;
}

beforeAll(async () => {
  pg = await startPglite();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pg-server-'));
  corpus = path.join(dir, 'corpus');
  cpSync(TEST_CORPUS_DIR, corpus, { recursive: true });
  await updateIndex({ corpusDir: corpus, indexDir: path.join(dir, 'lock'), databaseUrl: pg.url, embedder: new LexicalEmbeddings() });
  hnsw = await buildTestIndex();
}, 180_000);

afterAll(async () => {
  for (const s of services) await s.store.close();
  await hnsw?.close();
  await pg?.stop();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('Postgres store', () => {
  it('gives the same eval metrics as the HNSW files on the shipped question set', async () => {
    const questions = await loadQuestions(QUESTIONS);
    const onPg = await pgService();
    const run = (retriever: IndexService['retriever']) => evaluate(questions, retriever, { k: 10, mode: 'hybrid' });
    const [a, b] = [await run(hnsw.retriever), await run(onPg.retriever)];
    for (const lang of ['all', 'fr', 'en'] as const) {
      const x = a.summary[lang];
      const y = b.summary[lang];
      for (const k of ['1', '5', '10']) expect(y.recall[k] ?? 0).toBeCloseTo(x.recall[k] ?? 0, 2);
      expect(y.mrr ?? 0).toBeCloseTo(x.mrr ?? 0, 2);
      expect(y.ndcg ?? 0).toBeCloseTo(x.ndcg ?? 0, 2);
      expect(y.declined).toBe(x.declined);
      expect(y.falseRefusals).toBe(x.falseRefusals);
    }
  });

  it('two servers on one database answer alike, also after one of them changed the index', async () => {
    const [s1, s2] = [await pgService(), await pgService()];
    const apps = [s1, s2].map((service) => createApp({ config: DEFAULT_CONFIG, logger: silentLogger, service, startedAt: Date.now() }));
    const ask = async (app: (typeof apps)[number], q: string) =>
      ((await (await app.request(`/api/search?q=${encodeURIComponent(q)}&k=5`)).json()) as { results: { id: string }[] }).results.map((r) => r.id);
    for (const q of ['Qui a rencontré Jürgen Stock à l’ONU ?', 'Who signed the UNODC agreement?', 'ODD 16']) {
      expect(await ask(apps[1]!, q)).toEqual(await ask(apps[0]!, q));
    }

    // A third process ingests a new document into the shared database…
    await fs.writeFile(path.join(corpus, 'nairobi.md'), '# Nairobi\n\nLe bureau régional d’INTERPOL à Nairobi a saisi 3,2 tonnes d’ivoire en mars 2021.\n');
    await updateIndex({ corpusDir: corpus, indexDir: path.join(dir, 'lock'), databaseUrl: pg.url, embedder: new LexicalEmbeddings() });
    // …and both servers pick it up on their next sync.
    expect(await s1.syncFromStore()).toBe(true);
    expect(await s2.syncFromStore()).toBe(true);
    expect(await s2.syncFromStore()).toBe(false);
    const q = 'ivoire saisi à Nairobi';
    const top = await ask(apps[0]!, q);
    expect(await ask(apps[1]!, q)).toEqual(top);
    const first = await s1.store.getPassage(top[0]!);
    expect(first?.source).toBe('nairobi.md');
  });
});
