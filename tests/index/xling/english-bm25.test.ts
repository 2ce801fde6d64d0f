import { describe, expect, it } from 'vitest';
import { EnglishBm25, analyzeEnglish } from '../../../index/xling/english-bm25.js';

describe('analyzeEnglish', () => {
  it('stems, folds and drops English stop words', () => {
    expect(analyzeEnglish('The dogs were running to the café')).toEqual(['dog', 'run', 'cafe']);
  });
});

describe('EnglishBm25', () => {
  it('ranks the passage sharing the rarer question words first, and forgets removed passages', () => {
    const index = new EnglishBm25();
    index.add('a', 'The ground is shaking under our feet.');
    index.add('b', 'We walked on the ground all day.');
    index.add('c', 'The king speaks to his people.');
    expect(index.search('The ground shakes', 3).map((h) => h.id)).toEqual(['a', 'b']);
    index.remove('a');
    expect(index.size).toBe(2);
    expect(index.search('The ground shakes', 3).map((h) => h.id)).toEqual(['b']);
    index.add('b', 'The king walks.');
    expect(index.search('ground', 3)).toEqual([]);
  });
});
