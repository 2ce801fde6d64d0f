/**
 * Metrics on a toy example computed by hand (values written out below, not recomputed by the
 * code under test).
 */
import { describe, expect, it } from 'vitest';
import { scoreRanking, summarize, summarizeByLang, summarizeByTag, type ScoredQuestion } from '../../eval/metrics.js';

const OPTS = { cutoffs: [1, 5, 10], depth: 10 };
const none: number[] = [];

// A: two gold spans; gold 1 at rank 2, gold 0 at rank 5.
const A = scoreRanking([none, [1], none, none, [0], none], 2, OPTS);
// B: one gold span, retrieved at ranks 1 and 2 (an overlapping chunk must not earn twice).
const B = scoreRanking([[0], [0], none], 1, OPTS);
// C: one gold span, first found at rank 7.
const C = scoreRanking([none, none, none, none, none, none, [0]], 1, OPTS);
// D: one gold span, never retrieved.
const D = scoreRanking([none, none], 1, OPTS);

describe('scoreRanking', () => {
  it('question A (two gold spans, ranks 2 and 5)', () => {
    expect(A.firstRelevantRank).toBe(2);
    expect(A.goldRanks).toEqual([5, 2]);
    expect(A.recall).toEqual({ '1': 0, '5': 1, '10': 1 });
    expect(A.fullRecall).toEqual({ '1': 0, '5': 1, '10': 1 });
    expect(A.reciprocalRank).toBe(0.5);
    // DCG = 1/log2(3) + 1/log2(6) = 0.630930 + 0.386853; IDCG = 1 + 1/log2(3) = 1.630930.
    expect(A.ndcg).toBeCloseTo(0.6240505, 6);
  });

  it('question B (duplicates earn nothing): perfect', () => {
    expect(B.recall).toEqual({ '1': 1, '5': 1, '10': 1 });
    expect(B.reciprocalRank).toBe(1);
    expect(B.ndcg).toBe(1);
  });

  it('question C (rank 7)', () => {
    expect(C.recall).toEqual({ '1': 0, '5': 0, '10': 1 });
    expect(C.reciprocalRank).toBeCloseTo(1 / 7, 12);
    expect(C.ndcg).toBeCloseTo(1 / 3, 12); // 1/log2(8) over IDCG 1
  });

  it('question D (missed)', () => {
    expect(D.firstRelevantRank).toBeNull();
    expect(D.goldRanks).toEqual([null]);
    expect(D.recall).toEqual({ '1': 0, '5': 0, '10': 0 });
    expect(D.reciprocalRank).toBe(0);
    expect(D.ndcg).toBe(0);
  });

  it('a full recall needs every gold span within k', () => {
    const partial = scoreRanking([[0], none, none, none, none, none, none, none, none, none, none, [1]], 2, OPTS);
    expect(partial.recall['1']).toBe(1);
    expect(partial.fullRecall).toEqual({ '1': 0, '5': 0, '10': 0 });
  });

  it('MRR and nDCG stop at the depth', () => {
    const late = scoreRanking([...Array.from({ length: 10 }, () => none), [0]], 1, OPTS);
    expect(late.firstRelevantRank).toBe(11);
    expect(late.reciprocalRank).toBe(0);
    expect(late.ndcg).toBe(0);
  });
});

describe('summarize', () => {
  const items: ScoredQuestion[] = [
    { lang: 'fr', answerable: true, predictedAnswerable: true, goldCount: 2, metrics: A, detectedLang: 'fr', tags: ['multi'] },
    { lang: 'fr', answerable: true, predictedAnswerable: false, goldCount: 1, metrics: B, detectedLang: 'en' },
    { lang: 'en', answerable: true, predictedAnswerable: true, goldCount: 1, metrics: C, detectedLang: 'en' },
    { lang: 'en', answerable: true, predictedAnswerable: true, goldCount: 1, metrics: D, detectedLang: 'en' },
    { lang: 'fr', answerable: false, predictedAnswerable: false, goldCount: 0, metrics: null, detectedLang: 'fr', tags: ['near-miss'] },
    { lang: 'en', answerable: false, predictedAnswerable: true, goldCount: 0, metrics: null, detectedLang: 'en', tags: ['near-miss'] },
    { lang: 'en', answerable: false, predictedAnswerable: false, goldCount: 0, metrics: null, detectedLang: 'en' },
  ];

  it('averages retrieval metrics over answerable questions only', () => {
    const s = summarize(items, OPTS);
    expect(s).toMatchObject({ questions: 7, answerable: 4, unanswerable: 3, multiGold: 1 });
    expect(s.recall).toEqual({ '1': 0.25, '5': 0.5, '10': 0.75 });
    expect(s.fullRecall).toEqual({ '1': 0, '5': 1, '10': 1 });
    expect(s.mrr).toBeCloseTo((0.5 + 1 + 1 / 7 + 0) / 4, 12); // 0.410714…
    expect(s.ndcg).toBeCloseTo((0.6240505200038379 + 1 + 1 / 3 + 0) / 4, 9); // 0.489346…
  });

  it('counts declined unanswerable questions and false refusals', () => {
    const s = summarize(items, OPTS);
    expect(s.declined).toBe(2);
    expect(s.declinedRate).toBeCloseTo(2 / 3, 12);
    expect(s.falseRefusals).toBe(1);
    expect(s.falseRefusalRate).toBe(0.25);
    expect(s.langAgreement).toBeCloseTo(6 / 7, 12);
  });

  it('splits by language', () => {
    const by = summarizeByLang(items, OPTS);
    expect(by.fr).toMatchObject({ questions: 3, answerable: 2, declined: 1, declinedRate: 1, falseRefusals: 1, falseRefusalRate: 0.5 });
    expect(by.fr.recall).toEqual({ '1': 0.5, '5': 1, '10': 1 });
    expect(by.fr.mrr).toBe(0.75);
    expect(by.en.recall).toEqual({ '1': 0, '5': 0, '10': 0.5 });
    expect(by.en).toMatchObject({ declined: 1, declinedRate: 0.5, falseRefusals: 0, falseRefusalRate: 0, multiGold: 0 });
    expect(by.en.fullRecall['10']).toBeNull();
    expect(by.all.questions).toBe(7);
  });

  it('reports null, never NaN, for empty groups', () => {
    const s = summarize([], OPTS);
    expect(s.recall['5']).toBeNull();
    expect(s.mrr).toBeNull();
    expect(s.declinedRate).toBeNull();
    expect(s.falseRefusalRate).toBeNull();
    expect(s.langAgreement).toBeNull();
    expect(JSON.stringify(s)).not.toContain('NaN');
  });

  it('groups by tag', () => {
    const by = summarizeByTag(items, OPTS);
    expect(Object.keys(by)).toEqual(['multi', 'near-miss']);
    expect(by['near-miss']).toMatchObject({ questions: 2, declined: 1 });
    expect(by.multi?.mrr).toBe(0.5);
  });
});
