/**
 * A small but realistic HNSW index on disk for migration tests: several documents (accents, a
 * null date, pages, one document without passages) with seeded unit vectors.
 */
import { newManifest } from '../../../index/manifest.js';
import { HnswStore } from '../../../index/store/hnsw.js';
import { VectorsOnlyEmbeddings } from '../../../index/store/open.js';
import { passage, randomUnitVectors, record, testChunking, testEmbedder } from './contract.js';

export const FIXTURE_DIM = 32;

export async function buildHnswFixture(root: string): Promise<{ passages: number; documents: number }> {
  const store = HnswStore.empty(new VectorsOnlyEmbeddings(), newManifest(testEmbedder(FIXTURE_DIM), testChunking), { root });
  const docs = [
    { source: 'actualités/été.txt', n: 40, date: '2023-07-14' as string | null, pages: false },
    { source: 'rapport.pdf', n: 55, date: null, pages: true },
    { source: 'Notes.md', n: 25, date: '2024-01-05', pages: false },
  ];
  let seed = 100;
  let passages = 0;
  for (const d of docs) {
    const vs = randomUnitVectors(d.n, FIXTURE_DIM, seed++);
    await store.upsertDocuments([
      {
        record: record(d.source, { date: d.date, format: d.source.split('.').pop() ?? 'txt', chars: d.n * 100 }),
        passages: Array.from({ length: d.n }, (_, i) =>
          passage(d.source, i, { date: d.date, text: `« ${d.source} » passage n° ${i} — œuvre, naïve, ça.`, ...(d.pages ? { page: 1 + Math.floor(i / 10) } : {}) }),
        ),
        vectors: vs,
      },
    ]);
    passages += d.n;
  }
  await store.upsertDocuments([{ record: record('vide.txt', { chars: 0 }), passages: [], vectors: [] }]);
  await store.setSkipped({ 'scan.pdf': { hash: 'abc', reason: 'no text layer' } });
  await store.flush();
  await store.close();
  return { passages, documents: docs.length + 1 };
}
