import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadLexicon } from '../../../text/lexicon/lexicon.js';
import { COVERAGE_CONFIGS, coverage, readWordList } from '../../../scripts/lexicon/coverage.js';

const words = readWordList(fileURLToPath(new URL('./fixtures/question-words.txt', import.meta.url)));

describe('coverage of typical question words', () => {
  it('has a fixture of ~150 English content words', () => {
    expect(words.length).toBeGreaterThanOrEqual(150);
    expect(words).toEqual(expect.arrayContaining(['meet', 'met', 'signed', 'headquarters', 'trafficking', 'since']));
  });

  it('grows from FreeDict alone to FreeDict + Apertium to + glossary', () => {
    const [freedict, pivot, all] = COVERAGE_CONFIGS.map((c) => coverage(loadLexicon(c.options), words));
    // Figures at the time of writing (164 words, with lemmas): 71% → 95% → 99%.
    expect(freedict!.withLemmas).toBeLessThan(pivot!.withLemmas);
    expect(pivot!.withLemmas).toBeLessThanOrEqual(all!.withLemmas);
    expect(pivot!.withLemmas / words.length).toBeGreaterThanOrEqual(0.9);
    expect(all!.withLemmas / words.length).toBeGreaterThanOrEqual(0.95);
    // Lemmas matter: inflected question words are mostly absent as typed.
    expect(all!.surface).toBeLessThan(all!.withLemmas);
  });
});
