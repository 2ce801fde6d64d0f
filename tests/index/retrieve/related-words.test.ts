/** French words related through shared English translations (index/retrieve/related-words.ts). */
import { describe, expect, it } from 'vitest';
import { loadRelatedWords, RelatedWords } from '../../../index/retrieve/related-words.js';
import { analyzeFrenchTokens } from '../../../text/french.js';

const stem = (w: string) => analyzeFrenchTokens(w)[0]!.term;

describe('related words', () => {
  it('links French words sharing an English key, weighted by how specific the key is', () => {
    const table = new RelatedWords([
      ['review', ['révision', 'réexaminer']],
      ['follow', ['suivre', 'respecter', 'mettre en œuvre', 'obéir']],
    ]);
    expect(table.related(stem('révision')).get(stem('réexaminer'))).toBeCloseTo(0.5, 12);
    // Multi-word translations are left out: "follow" has three single-word stems.
    expect(table.related(stem('suivre')).get(stem('respecter'))).toBeCloseTo(1 / 3, 12);
    expect(table.related(stem('suivre')).has(stem('suivre'))).toBe(false);
    expect(table.related('inconnu').size).toBe(0);
  });

  it('reads the committed lexicon once per process', () => {
    const table = loadRelatedWords();
    expect(loadRelatedWords()).toBe(table);
    expect(table.related(stem('révision')).has(stem('revoir'))).toBe(true);
    expect(table.related(stem('présider')).has(stem('président'))).toBe(true);
  });
});
