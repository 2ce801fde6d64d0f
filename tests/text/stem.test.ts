import { describe, expect, it } from 'vitest';
import { foldText } from '../../text/normalize.js';
import { stem, stemEnglish, stemFrench } from '../../text/stem.js';
import { ENGLISH_STOPWORDS, FRENCH_STOPWORDS, isStopword } from '../../text/stopwords.js';

describe('Snowball stemmers', () => {
  it('French: inflections of one word share a stem', () => {
    const groups = [
      ['coopération', 'coopérations'],
      ['organisation', 'organisations'],
      ['rencontre', 'rencontres', 'rencontré', 'rencontrer'],
      ['terroriste', 'terroristes', 'terrorisme'],
      ['mondial', 'mondiale', 'mondiaux'],
      ['résolution', 'résolutions'],
      ['signé', 'signés', 'signer'],
    ];
    for (const words of groups) {
      const stems = new Set(words.map((w) => stemFrench(w)));
      expect(stems.size, words.join(' ')).toBe(1);
    }
  });

  it('French: different words keep different stems', () => {
    expect(stemFrench('sécurité')).not.toBe(stemFrench('secrétaire'));
    expect(stemFrench('police')).not.toBe(stemFrench('politique'));
  });

  it('English', () => {
    expect(stemEnglish('meeting')).toBe('meet');
    expect(stemEnglish('organizations')).toBe(stemEnglish('organization'));
    expect(stem('agreements', 'en')).toBe(stem('agreement', 'en'));
    expect(stem('accords', 'fr')).toBe(stem('accord', 'fr'));
  });

  it('is stable across repeated (memoised) calls', () => {
    const first = stemFrench('développement');
    for (let i = 0; i < 3; i++) expect(stemFrench('développement')).toBe(first);
  });
});

describe('stop words', () => {
  it('French list is folded and catches accented and unaccented forms', () => {
    for (const w of ['les', 'des', 'à', 'où', 'été', 'était', 'qui', 'quand', 'combien', 'contre', 'entre', 'dont']) {
      expect(isStopword(foldText(w), 'fr'), w).toBe(true);
    }
    for (const w of ['a', 'ou', 'ete']) expect(FRENCH_STOPWORDS.has(w), w).toBe(true);
  });

  it('content words are not stop words', () => {
    for (const w of ['lutte', 'sécurité', 'organisation', 'terrorisme', 'accord', 'paix', 'non', 'deux']) {
      expect(isStopword(foldText(w), 'fr'), w).toBe(false);
    }
    for (const w of ['meet', 'agreement', 'security', 'united', 'nations']) expect(isStopword(w, 'en'), w).toBe(false);
  });

  it('English list holds function and question words', () => {
    for (const w of ['the', 'of', 'who', 'did', 'when', 'where', 'how', 'many', "don't"]) expect(ENGLISH_STOPWORDS.has(w), w).toBe(true);
  });

  it('stays modest in size', () => {
    expect(FRENCH_STOPWORDS.size).toBeLessThan(300);
    expect(ENGLISH_STOPWORDS.size).toBeLessThan(250);
  });
});
