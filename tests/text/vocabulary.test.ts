import { describe, expect, it } from 'vitest';
import { charGrams, Vocabulary } from '../../text/vocabulary.js';
import { corpusPassages } from './corpus-passages.js';

const vocabulary = Vocabulary.fromTexts(corpusPassages().map((p) => p.text));

describe('Vocabulary', () => {
  it('holds folded content words with their stems and document frequencies', () => {
    expect(vocabulary.documents).toBe(corpusPassages().length);
    const entry = vocabulary.get('cooperation');
    expect(entry?.stem).toBe('cooper');
    expect(entry!.documentFrequency).toBeGreaterThan(3);
    expect(vocabulary.get('les')).toBeUndefined();
  });

  it('finds cognates by character 4-grams', () => {
    const top = (w: string) => vocabulary.similar(w).map((s) => s.entry.word);
    expect(top('cooperation')[0]).toBe('cooperation');
    expect(top('organizations')).toContain('organisations');
    expect(top('terrorism')).toContain('terrorisme');
    expect(top('cybercrime')).toContain('cybercrime');
    expect(vocabulary.similar('cooperation')[0]?.score).toBe(1);
  });

  it('ignores short and unrelated words', () => {
    expect(vocabulary.similar('who')).toEqual([]);
    expect(vocabulary.similar('xylophone')).toEqual([]);
  });

  it('is deterministic and sorted best first', () => {
    const a = vocabulary.similar('national');
    const b = Vocabulary.fromTexts(corpusPassages().map((p) => p.text)).similar('national');
    expect(a).toEqual(b);
    for (let i = 1; i < a.length; i++) expect(a[i - 1]!.score).toBeGreaterThanOrEqual(a[i]!.score);
  });

  it('gives rare stems a higher IDF than common ones, unknown stems the mean', () => {
    expect(vocabulary.stemFrequency('afripol')).toBe(1);
    expect(vocabulary.idf('afripol')).toBeGreaterThan(vocabulary.idf('interpol'));
    expect(vocabulary.idf('interpol')).toBeGreaterThan(0);
    const unknown = vocabulary.idf('zzzz');
    expect(unknown).toBeGreaterThan(vocabulary.idf('interpol'));
    expect(unknown).toBeLessThan(vocabulary.idf('afripol'));
  });

  it('charGrams pads words with boundary marks', () => {
    expect([...charGrams('onu', 4)]).toEqual(['<onu', 'onu>']);
    expect([...charGrams('ab', 4)]).toEqual(['<ab>']);
  });
});
