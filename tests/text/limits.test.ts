/** The cap on a question's cost (issue 16): applied before any analysis or caching. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_QUERY_LIMITS, limitQuery } from '../../text/index.js';

describe('limitQuery', () => {
  it('leaves ordinary questions untouched (the same string)', () => {
    const q = 'Depuis quand INTERPOL collabore-t-il avec l’ONU, et quand le Bureau de New York a-t-il ouvert ?';
    expect(limitQuery(q)).toBe(q);
    expect(limitQuery('')).toBe('');
  });

  it('keeps at most maxWords words and maxDistinctWords distinct ones, from the start', () => {
    const words = Array.from({ length: 600 }, (_, i) => `word${i}`);
    const cut = limitQuery(words.join(' ')).split(' ');
    expect(cut).toEqual(words.slice(0, DEFAULT_QUERY_LIMITS.maxDistinctWords));
    const repeated = limitQuery(Array.from({ length: 600 }, () => 'INTERPOL').join(' ')).split(' ');
    expect(repeated).toHaveLength(DEFAULT_QUERY_LIMITS.maxWords);
    expect(limitQuery('a b c d e', { maxWords: 3, maxDistinctWords: 10, maxTokenChars: 48 })).toBe('a b c');
    expect(limitQuery('a A b B c', { maxWords: 10, maxDistinctWords: 2, maxTokenChars: 48 })).toBe('a A b B');
  });

  it('drops tokens longer than any word before anything reads them', () => {
    const long = 'x'.repeat(3999);
    expect(limitQuery(`Qui est ${long} ?`)).toBe('Qui est ?');
    expect(limitQuery(long)).toBe('');
    // A 4,000-character question of ordinary words comes back within the limits.
    const words = 'who signed the agreement between unodc and interpol in vienna on may 2016 '.repeat(60).slice(0, 4000);
    const capped = limitQuery(words);
    expect(capped.split(' ').length).toBeLessThanOrEqual(DEFAULT_QUERY_LIMITS.maxWords);
    expect(capped.length).toBeLessThan(600);
  });
});
