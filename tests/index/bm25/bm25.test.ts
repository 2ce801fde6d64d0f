/**
 * BM25 over the real corpus passages (chunked and indexed by the real indexer): ranking, grouped
 * queries (a word's translations count once), phrases, number words, and incremental updates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Passage } from '../../../core/types.js';
import { Bm25Index } from '../../../index/bm25/index.js';
import type { Bm25Query } from '../../../index/bm25/types.js';
import { analyzeQuery } from '../../../text/query.js';
import { toBm25Query } from '../../../index/retrieve/query.js';
import { buildTestIndex, type TestIndex } from '../../helpers/test-index.js';

let index: TestIndex;
let passages: Passage[];

beforeAll(async () => {
  index = await buildTestIndex();
  passages = await index.store.listPassages();
});
afterAll(() => index.close());

const french = (q: string): Bm25Query => toBm25Query(analyzeQuery(q, 'fr', null));
const textOf = (id: string | undefined) => passages.find((p) => p.id === id)?.text ?? '';

describe('Bm25Index', () => {
  it('ranks the passage that answers a French question first', () => {
    const bm25 = new Bm25Index();
    bm25.add(passages);
    const hits = bm25.search(french('Combien de profils de terroristes étrangers dans les bases de données ?'), 5);
    expect(textOf(hits[0]?.id)).toContain('43\u00a0000\u00a0profils de terroristes étrangers');
    expect(hits.length).toBe(5);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
  });

  it('weights rare terms above common ones (IDF)', () => {
    const bm25 = new Bm25Index();
    bm25.add(passages);
    // INTERPOL is in almost every passage; Fedotov in a few.
    expect(bm25.idf('fedotov')).toBeGreaterThan(bm25.idf('interpol') * 3);
    const hits = bm25.search(french('INTERPOL Fedotov'), 3);
    expect(textOf(hits[0]?.id)).toContain('Fedotov');
  });

  it('scores the alternatives of one query group once (max), not as separate matches', () => {
    const bm25 = new Bm25Index({ groupCombine: 'max' });
    bm25.add(passages);
    const one: Bm25Query = { groups: [{ alternatives: [{ stems: ['coop'], weight: 1 }, { stems: ['cooper'], weight: 1 }] }] };
    const single: Bm25Query = { groups: [{ alternatives: [{ stems: ['cooper'], weight: 1 }] }] };
    const a = bm25.search(one, 50);
    const b = bm25.search(single, 50);
    // An alternative that matches nothing changes nothing; the same alternative twice counts once.
    const twice: Bm25Query = { groups: [{ alternatives: [{ stems: ['cooper'], weight: 1 }, { stems: ['cooper'], weight: 1 }] }] };
    expect(a.map((h) => h.id)).toEqual(b.map((h) => h.id));
    expect(bm25.search(twice, 50).map((h) => h.score)).toEqual(b.map((h) => h.score));
    const summed = new Bm25Index({ groupCombine: 'sum' });
    summed.add(passages);
    expect(summed.search(twice, 1)[0]!.score).toBeCloseTo(2 * b[0]!.score, 6);
  });

  it('matches a multi-word alternative as a phrase, its words apart only as a weaker fallback', () => {
    const bm25 = new Bm25Index({ phraseFallback: 0.5 });
    bm25.add(passages);
    const query: Bm25Query = { groups: [{ alternatives: [{ stems: ['conseil', 'secur'], weight: 1 }] }] };
    const hits = bm25.search(query, 40);
    const withPhrase = hits.filter((h) => /Conseil de sécurité/.test(textOf(h.id)));
    const without = hits.filter((h) => !/Conseil de sécurité/.test(textOf(h.id)));
    expect(withPhrase.length).toBeGreaterThan(0);
    expect(without.length).toBeGreaterThan(0);
    expect(Math.min(...withPhrase.map((h) => h.score))).toBeGreaterThan(Math.max(...without.map((h) => h.score)));
    const strict = new Bm25Index({ phraseFallback: 0 });
    strict.add(passages);
    expect(strict.search(query, 40).every((h) => /Conseil de sécurité/.test(textOf(h.id)))).toBe(true);
  });

  it('indexes number words with their digits ("6ème" and "sixième" meet)', () => {
    const bm25 = new Bm25Index();
    bm25.add([{ ...passages[0]!, id: 'f000000000000001', text: 'La sixième édition du forum.' }]);
    expect(bm25.search({ groups: [{ alternatives: [{ stems: ['6'], weight: 1 }] }] }, 1)[0]?.id).toBe('f000000000000001');
  });

  it('stays equal to a fresh build through incremental removals and additions', () => {
    const incremental = new Bm25Index();
    incremental.sync(passages);
    const without004 = passages.filter((p) => !p.source.startsWith('004'));
    expect(incremental.sync(without004)).toEqual({ added: 0, removed: passages.length - without004.length });
    const query = french('accord de coopération entre l’ONUDC et INTERPOL signé en 2016');
    expect(incremental.search(query, 10).every((h) => !textOf(h.id).includes('Fedotov'))).toBe(true);
    expect(incremental.sync(passages).added).toBe(passages.length - without004.length);
    const fresh = new Bm25Index();
    fresh.add(passages);
    expect(incremental.search(query, 10)).toEqual(fresh.search(query, 10));
    expect(incremental.postings.averageLength).toBeCloseTo(fresh.postings.averageLength, 9);
    // Word statistics (names, vocabulary) are recomputed on removal, not stored per passage.
    const stats = (b: Bm25Index) => [...b.postings.words()].map(([w, st]) => ({ w, ...st })).sort((x, y) => (x.w < y.w ? -1 : 1));
    expect(stats(incremental)).toEqual(stats(fresh));
  });

  it('keeps phrase and term scores exact when cached postings go stale (removals, reused slots)', () => {
    const incremental = new Bm25Index();
    incremental.sync(passages);
    // A phrase taken from a real passage (two consecutive index terms) plus a common single term.
    const terms = incremental.get(passages[3]!.id)?.terms ?? [];
    const query: Bm25Query = {
      groups: [{ alternatives: [{ stems: [terms[4]!, terms[5]!], weight: 1 }] }, { alternatives: [{ stems: ['interpol'], weight: 0.5 }] }],
    };
    const before = incremental.search(query, 10);
    expect(before.map((h) => h.id)).toContain(passages[3]!.id);
    // Remove the first half, search (caches rebuilt), then add it back into reused slots.
    const half = passages.slice(Math.floor(passages.length / 2));
    incremental.sync(half);
    incremental.search(query, 10);
    incremental.sync([...half].reverse().concat(passages.slice(0, Math.floor(passages.length / 2))));
    const fresh = new Bm25Index();
    fresh.add(passages);
    const a = incremental.search(query, 10);
    const b = fresh.search(query, 10);
    expect(a.map((h) => h.id)).toEqual(b.map((h) => h.id));
    a.forEach((h, i) => expect(h.score).toBeCloseTo(b[i]!.score, 9));
    expect(a).toEqual(before.map((h) => ({ ...h, score: expect.closeTo(h.score, 9) as number })));
  });

  it('returns nothing for an empty index or a query without terms', () => {
    expect(new Bm25Index().search(french('INTERPOL'), 5)).toEqual([]);
    const bm25 = new Bm25Index();
    bm25.add(passages);
    expect(bm25.search(french('le la les de'), 5)).toEqual([]);
  });
});
