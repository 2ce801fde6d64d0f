/** Pseudo-relevance feedback (off by default): terms of the best passages join the BM25 query. */
import { describe, expect, it } from 'vitest';
import type { Passage } from '../../../core/types.js';
import { Bm25Index } from '../../../index/bm25/index.js';
import { DEFAULT_FEEDBACK, expandWithFeedback } from '../../../index/retrieve/feedback.js';

const p = (id: string, text: string): Passage => ({ id, source: `${id}.txt`, title: '', date: null, text, start: 0, end: text.length, ordinal: 0 });

describe('pseudo-relevance feedback', () => {
  const bm25 = new Bm25Index();
  bm25.add([
    p('a', 'Le bureau de liaison accueille les officiers de liaison régionaux à Lyon.'),
    p('b', 'Les officiers de liaison se réunissent au bureau.'),
    p('c', 'La coopération policière mondiale progresse.'),
  ]);
  const query = { groups: [{ alternatives: [{ stems: ['bureau'], weight: 1 }] }] };

  it('is off by default and leaves the query alone', () => {
    expect(DEFAULT_FEEDBACK.docs).toBe(0);
    expect(expandWithFeedback(bm25, query, ['a', 'b'], DEFAULT_FEEDBACK)).toBe(query);
  });

  it('adds the top passages’ characteristic terms as weak groups, never the query’s own', () => {
    const out = expandWithFeedback(bm25, query, ['a', 'b'], { docs: 2, terms: 3, weight: 0.3 });
    expect(out.groups.length).toBe(4);
    const added = out.groups.slice(1).map((g) => g.alternatives[0]!);
    expect(added.map((a) => a.stems[0])).toContain('liaison');
    expect(added.every((a) => a.stems[0] !== 'bureau' && a.weight > 0 && a.weight <= 0.3)).toBe(true);
  });
});
