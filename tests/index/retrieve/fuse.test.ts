/** Fusion math on known rankings: reciprocal rank fusion and weighted score fusion. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRIEVAL_CONFIG } from '../../../index/retrieve/config.js';
import { fuse, type RankedList } from '../../../index/retrieve/fuse.js';

const bm25: RankedList = { name: 'bm25', items: [{ id: 'a', score: 9 }, { id: 'b', score: 6 }, { id: 'c', score: 3 }] };
const dense: RankedList = { name: 'dense', items: [{ id: 'c', score: 0.9 }, { id: 'a', score: 0.8 }, { id: 'd', score: 0.4 }] };

describe('fuse', () => {
  it('RRF adds 1/(k + rank) per list', () => {
    const out = fuse([bm25, dense], { method: 'rrf', rrfK: 60, weights: {} });
    const score = Object.fromEntries(out.map((f) => [f.id, f.score]));
    expect(score.a).toBeCloseTo(1 / 61 + 1 / 62, 12);
    expect(score.b).toBeCloseTo(1 / 62, 12);
    expect(score.c).toBeCloseTo(1 / 63 + 1 / 61, 12);
    expect(score.d).toBeCloseTo(1 / 63, 12);
    expect(out.map((f) => f.id)).toEqual(['a', 'c', 'b', 'd']);
    expect(out[0]!.ranks).toEqual({ bm25: 1, dense: 2 });
    expect(out[0]!.scores).toEqual({ bm25: 9, dense: 0.8 });
  });

  it('RRF weights scale a list and a small k favours the top ranks', () => {
    const weighted = fuse([bm25, dense], { method: 'rrf', rrfK: 60, weights: { dense: 3 } });
    expect(weighted[0]!.id).toBe('c');
    const sharp = fuse([bm25, dense], { method: 'rrf', rrfK: 0, weights: {} });
    expect(sharp.find((f) => f.id === 'a')!.score).toBeCloseTo(1 + 1 / 2, 12);
  });

  it('weighted fusion divides each list by its best score', () => {
    const out = fuse([bm25, dense], { method: 'weighted', rrfK: 60, weights: { bm25: 1, dense: 0.5 } });
    const score = Object.fromEntries(out.map((f) => [f.id, f.score]));
    expect(score.a).toBeCloseTo(1 + 0.5 * (0.8 / 0.9), 12);
    expect(score.c).toBeCloseTo(3 / 9 + 0.5, 12);
    expect(score.d).toBeCloseTo(0.5 * (0.4 / 0.9), 12);
    expect(out[0]!.id).toBe('a');
  });

  it('breaks ties by first-list order, deterministically', () => {
    const x: RankedList = { name: 'x', items: [{ id: 'p', score: 1 }, { id: 'q', score: 1 }] };
    const y: RankedList = { name: 'y', items: [{ id: 'q', score: 1 }, { id: 'p', score: 1 }] };
    expect(fuse([x, y], { method: 'rrf', rrfK: 60, weights: {} }).map((f) => f.id)).toEqual(['p', 'q']);
    expect(fuse([], DEFAULT_RETRIEVAL_CONFIG.fusion)).toEqual([]);
  });
});
