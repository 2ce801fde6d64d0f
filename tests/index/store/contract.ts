/**
 * The PassageStore contract, written once and run against every implementation
 * (hnsw.test.ts, postgres.test.ts). Vectors are given directly: the stores never embed.
 *
 * Vectors here are unit length, as every embedder produces: hnswlib's cosine space normalises on
 * insert (getVectors then returns the normalised vector) while pgvector stores them as given.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../core/errors.js';
import type { DocumentRecord, Passage } from '../../../core/types.js';
import { seeded } from '../../../core/random.js';
import type { EmbedderInfo } from '../../../index/embedders/types.js';
import type { ChunkingInfo, PassageStore } from '../../../index/store/types.js';

export interface StoreFactory {
  /** A new, empty store for `dimension`-d vectors, isolated from every other store created. */
  create(dimension: number): Promise<PassageStore>;
  /** flush(), close(), and open the same index again. */
  reopen(store: PassageStore): Promise<PassageStore>;
}

export const testEmbedder = (dimension: number): EmbedderInfo => ({ name: 'lexical', model: 'contract-test', dimension, fingerprint: `test-${dimension}` });
export const testChunking: ChunkingInfo = { targetChars: 800, maxChars: 1200, overlapSentences: 1, version: 1 };

export function record(source: string, overrides: Partial<DocumentRecord> = {}): DocumentRecord {
  return {
    source,
    title: `Titre de ${source}`,
    date: '2024-03-01',
    hash: `hash-${source}`,
    format: 'txt',
    passages: 0,
    chars: 1000,
    ingestedAt: '2024-03-02T10:00:00.000Z',
    ...overrides,
  };
}

export function passage(source: string, ordinal: number, extra: Partial<Passage> = {}): Passage {
  const text = extra.text ?? `Passage ${ordinal} de ${source} : l'été à Montréal.`;
  return {
    id: `${source}#${ordinal}`,
    source,
    title: `Titre de ${source}`,
    date: '2024-03-01',
    text,
    start: ordinal * 100,
    end: ordinal * 100 + text.length,
    ordinal,
    ...extra,
  };
}

export function unit(v: number[]): number[] {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

/** Deterministic pseudo-random unit vectors (mulberry32). */
export function randomUnitVectors(count: number, dim: number, seed: number): number[][] {
  const uniform = seeded(seed);
  const rnd = () => uniform() - 0.5;
  return Array.from({ length: count }, () => unit(Array.from({ length: dim }, rnd)));
}

/** Cosine to q = e0 is the first coordinate of each (unit) vector. */
const Q4 = [1, 0, 0, 0];
const at = (cos: number, axis: 1 | 2 | 3): number[] => {
  const v = [cos, 0, 0, 0];
  v[axis] = Math.sqrt(1 - cos * cos);
  return v;
};

export function runStoreContract(name: string, factory: StoreFactory): void {
  describe(`PassageStore contract: ${name}`, () => {
    const open: PassageStore[] = [];
    const create = async (dim: number) => {
      const s = await factory.create(dim);
      open.push(s);
      return s;
    };
    const reopen = async (s: PassageStore) => {
      const r = await factory.reopen(s);
      open.push(r);
      return r;
    };
    afterEach(async () => {
      for (const s of open.splice(0)) await s.close();
    });

    /** Two documents whose passages sit at known cosines from Q4. */
    const seed = async (store: PassageStore) => {
      await store.upsertDocuments([
        {
          record: record('b.txt'),
          passages: [passage('b.txt', 0), passage('b.txt', 1), passage('b.txt', 2)],
          vectors: [at(0.8, 1), at(-0.5, 2), at(0.2, 3)],
        },
        {
          record: record('a.txt', { title: 'Été', date: null }),
          passages: [passage('a.txt', 0, { title: 'Été', date: null }), passage('a.txt', 1, { title: 'Été', date: null, page: 3 })],
          vectors: [at(0.95, 2), at(0.5, 1)],
        },
      ]);
    };

    it('an empty store has nothing and searches return []', async () => {
      const store = await create(4);
      expect(await store.count()).toBe(0);
      expect(await store.searchVector(Q4, 5)).toEqual([]);
      expect(await store.listPassages()).toEqual([]);
      expect(await store.getPassage('nope')).toBeUndefined();
      expect(await store.getVectors([])).toEqual([]);
      expect(store.manifest().passages).toBe(0);
      expect(store.manifest().documents).toEqual({});
      expect(store.manifest().embedder).toEqual(testEmbedder(4));
      expect(store.manifest().chunking).toEqual(testChunking);
    });

    it('searchVector ranks by cosine similarity, best first, with the similarity value', async () => {
      const store = await create(4);
      await seed(store);
      const hits = await store.searchVector(Q4, 10);
      expect(hits.map((h) => h.passage.id)).toEqual(['a.txt#0', 'b.txt#0', 'a.txt#1', 'b.txt#2', 'b.txt#1']);
      const sims = hits.map((h) => h.similarity);
      [0.95, 0.8, 0.5, 0.2, -0.5].forEach((s, i) => expect(sims[i]).toBeCloseTo(s, 5));
      expect(hits[0]?.passage).toStrictEqual(passage('a.txt', 0, { title: 'Été', date: null }));
      const top2 = await store.searchVector(Q4, 2);
      expect(top2.map((h) => h.passage.id)).toEqual(['a.txt#0', 'b.txt#0']);
      expect(await store.searchVector(Q4, 0)).toEqual([]);
      // Another direction, another order: along e2, b.txt#1 (0.87) beats a.txt#0 (0.31).
      const other = await store.searchVector([0, 0, 1, 0], 2);
      expect(other.map((h) => h.passage.id)).toEqual(['b.txt#1', 'a.txt#0']);
    });

    it('upserting a source replaces all of its passages', async () => {
      const store = await create(4);
      await seed(store);
      await store.upsertDocuments([
        { record: record('b.txt', { hash: 'hash-2' }), passages: [passage('b.txt', 0, { text: 'nouveau texte' })], vectors: [at(0.99, 3)] },
      ]);
      expect(await store.count()).toBe(3);
      expect(await store.getPassage('b.txt#1')).toBeUndefined();
      expect(await store.getPassage('b.txt#2')).toBeUndefined();
      expect((await store.getPassage('b.txt#0'))?.text).toBe('nouveau texte');
      const hits = await store.searchVector(Q4, 10);
      expect(hits.map((h) => h.passage.id)).toEqual(['b.txt#0', 'a.txt#0', 'a.txt#1']);
      expect(hits[0]?.similarity).toBeCloseTo(0.99, 5);
      expect(store.manifest().documents['b.txt']).toEqual(record('b.txt', { hash: 'hash-2', passages: 1 }));
      expect(store.manifest().passages).toBe(3);
    });

    it('removeDocuments drops the sources, returns the passages removed, ignores unknown sources', async () => {
      const store = await create(4);
      await seed(store);
      expect(await store.removeDocuments(['b.txt', 'missing.txt'])).toBe(3);
      expect(await store.removeDocuments(['missing.txt'])).toBe(0);
      expect(await store.removeDocuments([])).toBe(0);
      expect(await store.count()).toBe(2);
      expect(Object.keys(store.manifest().documents)).toEqual(['a.txt']);
      expect(store.manifest().passages).toBe(2);
      expect((await store.searchVector(Q4, 10)).map((h) => h.passage.id)).toEqual(['a.txt#0', 'a.txt#1']);
      expect(await store.getPassage('b.txt#0')).toBeUndefined();
      await expect(store.getVectors(['b.txt#0'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('getPassage returns the stored passage exactly (page only when present)', async () => {
      const store = await create(4);
      await seed(store);
      expect(await store.getPassage('a.txt#1')).toStrictEqual(passage('a.txt', 1, { title: 'Été', date: null, page: 3 }));
      const p = await store.getPassage('b.txt#2');
      expect(p).toStrictEqual(passage('b.txt', 2));
      expect(p && 'page' in p).toBe(false);
    });

    it('listPassages orders by source (code-point order) then ordinal', async () => {
      const store = await create(4);
      const vs = randomUnitVectors(7, 4, 1);
      await store.upsertDocuments([
        { record: record('b.txt'), passages: [passage('b.txt', 2), passage('b.txt', 0), passage('b.txt', 1)], vectors: vs.slice(0, 3) },
        { record: record('B.txt'), passages: [passage('B.txt', 1), passage('B.txt', 0)], vectors: vs.slice(3, 5) },
      ]);
      await store.upsertDocuments([{ record: record('a.txt'), passages: [passage('a.txt', 1), passage('a.txt', 0)], vectors: vs.slice(5, 7) }]);
      const ids = (await store.listPassages()).map((p) => p.id);
      expect(ids).toEqual(['B.txt#0', 'B.txt#1', 'a.txt#0', 'a.txt#1', 'b.txt#0', 'b.txt#1', 'b.txt#2']);
    });

    it('getVectors returns the stored vectors in the order asked', async () => {
      const store = await create(16);
      const vs = randomUnitVectors(5, 16, 7);
      const ps = [0, 1, 2, 3, 4].map((i) => passage('doc.md', i));
      await store.upsertDocuments([{ record: record('doc.md'), passages: ps, vectors: vs }]);
      const got = await store.getVectors(['doc.md#3', 'doc.md#0', 'doc.md#3']);
      const want = [vs[3], vs[0], vs[3]] as number[][];
      expect(got).toHaveLength(3);
      got.forEach((v, i) => {
        expect(v).toHaveLength(16);
        v.forEach((x, j) => expect(Math.abs(x - (want[i]?.[j] ?? NaN))).toBeLessThan(1e-6));
      });
      await expect(store.getVectors(['doc.md#0', 'nope'])).rejects.toBeInstanceOf(AppError);
    });

    it('count, manifest documents and manifest passages stay consistent', async () => {
      const store = await create(4);
      const check = async () => {
        const m = store.manifest();
        const list = await store.listPassages();
        const sum = Object.values(m.documents).reduce((n, d) => n + d.passages, 0);
        expect(await store.count()).toBe(list.length);
        expect(m.passages).toBe(list.length);
        expect(sum).toBe(list.length);
        for (const d of Object.values(m.documents)) {
          expect(list.filter((p) => p.source === d.source)).toHaveLength(d.passages);
        }
        expect(new Set(list.map((p) => p.source)).size).toBeLessThanOrEqual(Object.keys(m.documents).length);
      };
      await check();
      await seed(store);
      await check();
      // The record's own `passages` field is not trusted: the store counts what it was given.
      await store.upsertDocuments([{ record: record('c.txt', { passages: 99 }), passages: [passage('c.txt', 0)], vectors: [at(0.1, 1)] }]);
      expect(store.manifest().documents['c.txt']?.passages).toBe(1);
      await check();
      // A document without passages is still a document (e.g. an empty file).
      await store.upsertDocuments([{ record: record('empty.txt'), passages: [], vectors: [] }]);
      expect(store.manifest().documents['empty.txt']?.passages).toBe(0);
      await check();
      await store.removeDocuments(['a.txt']);
      await check();
      expect(Object.keys(store.manifest().documents).sort()).toEqual(['b.txt', 'c.txt', 'empty.txt']);
    });

    it('reopening after flush/close gives the same data', async () => {
      const store = await create(8);
      const vs = randomUnitVectors(6, 8, 3);
      await store.upsertDocuments([
        { record: record('x.txt'), passages: [0, 1, 2].map((i) => passage('x.txt', i)), vectors: vs.slice(0, 3) },
        { record: record('y.txt', { date: null }), passages: [0, 1, 2].map((i) => passage('y.txt', i, { page: i + 1 })), vectors: vs.slice(3) },
      ]);
      await store.removeDocuments(['nothing']);
      await store.setSkipped({ 'broken.pdf': { hash: 'h1', reason: 'no text layer' } });
      const before = {
        manifest: store.manifest(),
        list: await store.listPassages(),
        vectors: await store.getVectors(['x.txt#0', 'y.txt#2']),
        hits: (await store.searchVector(vs[4] as number[], 3)).map((h) => h.passage.id),
      };
      const again = await reopen(store);
      expect(again.kind).toBe(store.kind);
      const m = again.manifest();
      expect(m.documents).toEqual(before.manifest.documents);
      expect(m.passages).toBe(before.manifest.passages);
      expect(m.embedder).toEqual(before.manifest.embedder);
      expect(m.chunking).toEqual(before.manifest.chunking);
      expect(m.formatVersion).toBe(before.manifest.formatVersion);
      expect(m.skipped).toEqual({ 'broken.pdf': { hash: 'h1', reason: 'no text layer' } });
      expect(await again.listPassages()).toStrictEqual(before.list);
      const vectors = await again.getVectors(['x.txt#0', 'y.txt#2']);
      vectors.forEach((v, i) => v.forEach((x, j) => expect(x).toBeCloseTo(before.vectors[i]?.[j] ?? NaN, 6)));
      expect((await again.searchVector(vs[4] as number[], 3)).map((h) => h.passage.id)).toEqual(before.hits);
      expect(before.hits[0]).toBe('y.txt#1');
    });

    it('setSkipped records skipped files in the manifest, replacing the previous set', async () => {
      const store = await create(4);
      expect(store.manifest().skipped ?? {}).toEqual({});
      await seed(store);
      await store.setSkipped({ 'x.pdf': { hash: 'h', reason: 'encrypted' }, 'y.doc': { hash: 'k', reason: 'unsupported' } });
      expect(store.manifest().skipped).toEqual({ 'x.pdf': { hash: 'h', reason: 'encrypted' }, 'y.doc': { hash: 'k', reason: 'unsupported' } });
      await store.setSkipped({ 'y.doc': { hash: 'k', reason: 'unsupported' } });
      expect(store.manifest().skipped).toEqual({ 'y.doc': { hash: 'k', reason: 'unsupported' } });
      // Documents are untouched by it.
      expect(store.manifest().passages).toBe(5);
    });

    it('wrong vector dimensions are refused', async () => {
      const store = await create(4);
      await seed(store);
      await expect(
        store.upsertDocuments([{ record: record('c.txt'), passages: [passage('c.txt', 0)], vectors: [[1, 0, 0]] }]),
      ).rejects.toThrow(/dimensions/);
      await expect(store.searchVector([1, 0, 0], 3)).rejects.toThrow(/dimensions/);
      await expect(
        store.upsertDocuments([{ record: record('c.txt'), passages: [passage('c.txt', 0), passage('c.txt', 1)], vectors: [at(0.1, 1)] }]),
      ).rejects.toBeInstanceOf(AppError);
    });

    it('a rejected upsert leaves the store as it was', async () => {
      const store = await create(4);
      await seed(store);
      const before = await store.listPassages();
      await expect(
        store.upsertDocuments([{ record: record('b.txt'), passages: [passage('b.txt', 0)], vectors: [[1, 0, 0]] }]),
      ).rejects.toThrow(/dimensions/);
      expect(await store.listPassages()).toStrictEqual(before);
      expect(await store.count()).toBe(5);
      expect(store.manifest().documents['b.txt']?.passages).toBe(3);
    });
  });
}
