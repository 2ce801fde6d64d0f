/**
 * The text layer's word caches are bounded by the bytes they hold (issue 16): long unique tokens
 * neither grow them past their budget nor push real words out. Memory itself is measured by
 * bench/query-cost.ts, not here.
 */
import { describe, expect, it } from 'vitest';
import { stringBytes } from '../../core/bounded-cache.js';
import { analyzeFrenchTokens, stemEnglish, stemFrench, tokenize, wordMemo } from '../../text/index.js';
import { cachedFold } from '../../text/french.js';
import { cachedLower } from '../../text/tokenize.js';

const unique = (n: number, length: number): string[] => Array.from({ length: n }, (_, i) => `${i}`.padStart(length, 'é').replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!));

describe('wordMemo', () => {
  it('accounts keys and values in bytes and stays within its budget', () => {
    const memo = wordMemo((w) => w.toUpperCase(), { maxBytes: 10_000, maxKeyChars: 64 });
    expect(memo('abc')).toBe('ABC');
    expect(memo.cache.bytes).toBe(stringBytes('abc') + stringBytes('ABC') + 40);
    for (const w of unique(2000, 30)) memo(w);
    expect(memo.cache.bytes).toBeLessThanOrEqual(10_000);
    expect(memo.cache.size).toBeGreaterThan(0);
  });

  it('computes long keys every time without keeping them', () => {
    let calls = 0;
    const memo = wordMemo((w) => (calls++, w.slice(0, 3)), { maxBytes: 10_000, maxKeyChars: 64 });
    const long = 'a'.repeat(3999);
    expect(memo(long)).toBe('aaa');
    expect(memo(long)).toBe('aaa');
    expect(calls).toBe(2);
    expect(memo.cache.size).toBe(0);
  });
});

describe('the shipped word caches', () => {
  it('stay within their byte budgets whatever text goes through the analysis', () => {
    // Unique words of every length up to 60 characters: cached, but the bytes stay bounded.
    for (const w of unique(3000, 60)) analyzeFrenchTokens(`le ${w} et ${w.toUpperCase()}`);
    for (const w of unique(3000, 60)) stemEnglish(w);
    // Long unique tokens: never cached (few: Snowball takes a good part of a second on a 4,000-character word).
    const before = [cachedLower.cache.size, cachedFold.cache.size, stemFrench.cache.size];
    for (const w of unique(2, 3999)) tokenize(w).forEach((t) => stemFrench(t.norm));
    for (const w of unique(2, 3999)) analyzeFrenchTokens(w);
    expect([cachedLower.cache.size, cachedFold.cache.size, stemFrench.cache.size]).toEqual(before);
    for (const memo of [cachedLower, cachedFold, stemFrench, stemEnglish]) expect(memo.cache.bytes).toBeLessThanOrEqual(8 * 2 ** 20);
  });
});
