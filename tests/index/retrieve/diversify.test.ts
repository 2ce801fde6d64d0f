/** Near-duplicate control on real passages: overlapping neighbours and repeated content. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Passage } from '../../../core/types.js';
import { analysePassage } from '../../../index/bm25/postings.js';
import { DEFAULT_RETRIEVAL_CONFIG } from '../../../index/retrieve/config.js';
import { containment, diversify, shingles, SimilarityCache } from '../../../index/retrieve/diversify.js';
import { buildTestIndex, type TestIndex } from '../../helpers/test-index.js';

let index: TestIndex;
let passages: Passage[];
beforeAll(async () => {
  index = await buildTestIndex();
  passages = await index.store.listPassages();
});
afterAll(() => index.close());

const item = (p: Passage, score: number) => ({ id: p.id, score, terms: analysePassage(p).terms });

describe('dedup', () => {
  it('measures the shared sentence of consecutive chunks as partial overlap, unrelated passages as none', () => {
    const doc = passages.filter((p) => p.source.startsWith('001'));
    const [a, b] = [doc[1]!, doc[2]!];
    expect(a.end).toBeGreaterThan(b.start); // the chunker's one-sentence overlap
    const sim = containment(shingles(item(a, 1).terms), shingles(item(b, 1).terms));
    expect(sim).toBeGreaterThan(0.1);
    expect(sim).toBeLessThan(0.8);
    const other = passages.find((p) => p.source.startsWith('004'))!;
    expect(containment(shingles(item(a, 1).terms), shingles(item(other, 1).terms))).toBeLessThan(0.1);
  });

  it('sends a duplicate (a passage contained in a better one) to the end', () => {
    const p = passages[3]!;
    const copy: Passage = { ...p, id: 'dup0000000000001', source: 'copy.txt', text: p.text.slice(0, Math.floor(p.text.length * 0.7)) };
    const q = passages[20]!;
    const { items, duplicates } = diversify([item(p, 3), item(copy, 2.9), item(q, 1)], { duplicate: 0.8, lambda: 1 });
    expect(items.map((i) => i.id)).toEqual([p.id, q.id, copy.id]);
    expect([...duplicates]).toEqual([copy.id]);
  });

  it('MMR lifts a different passage above a near-copy of the best one', () => {
    const best = passages.filter((p) => p.source.startsWith('000'))[4]!;
    // A neighbour sharing most of the best passage's text (what a large chunk overlap produces).
    const neighbour: Passage = { ...best, id: 'near000000000001', start: best.start + 40, text: best.text.slice(40) + ' Suite du texte.' };
    const elsewhere = passages.find((p) => p.source.startsWith('003'))!;
    const input = [item(best, 1), item(neighbour, 0.95), item(elsewhere, 0.9)];
    expect(containment(shingles(input[0]!.terms), shingles(input[1]!.terms))).toBeGreaterThan(0.8);
    expect(diversify(input, { duplicate: 2, lambda: 1 }).items.map((i) => i.id)).toEqual([best.id, neighbour.id, elsewhere.id]);
    expect(diversify(input, { duplicate: 2, lambda: 0.7 }).items.map((i) => i.id)).toEqual([best.id, elsewhere.id, neighbour.id]);
    // With the duplicate rule on, the near-copy is demoted outright.
    expect(diversify(input, { duplicate: 0.8, lambda: 1 }).duplicates.has(neighbour.id)).toBe(true);
  });

  it('gives the same order with a similarity cache shared across calls, and keeps the cache bounded', () => {
    const items = passages.map((p, i) => item(p, passages.length - i + (i % 3)));
    const plain = diversify(items, DEFAULT_RETRIEVAL_CONFIG.dedup, 10);
    const cache = new SimilarityCache(50);
    for (let round = 0; round < 3; round++) {
      const cached = diversify(items, DEFAULT_RETRIEVAL_CONFIG.dedup, 10, cache);
      expect(cached.items.map((x) => x.id)).toEqual(plain.items.map((x) => x.id));
      expect([...cached.duplicates]).toEqual([...plain.duplicates]);
    }
    expect(cache.size).toBe(50);
    // Symmetric key: (a, b) and (b, a) are one entry.
    const c = new SimilarityCache();
    expect(c.get('x', 'y', () => 0.5)).toBe(0.5);
    expect(c.get('y', 'x', () => 0.9)).toBe(0.5);
    expect(c.size).toBe(1);
  });
});
