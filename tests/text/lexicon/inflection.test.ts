import { describe, expect, it } from 'vitest';
import { inflectionCandidates, regularLemmas } from '../../../text/lexicon/inflection.js';
import { parseGlossary } from '../../../text/lexicon/glossary.js';
import { keyWords, normalizeKey, spacedVariant } from '../../../text/lexicon/normalize.js';
import { AppError } from '../../../core/errors.js';

describe('inflectionCandidates', () => {
  it('undoes regular plural, past and -ing endings', () => {
    expect(inflectionCandidates('agencies')).toContain('agency');
    expect(inflectionCandidates('searches')).toContain('search');
    expect(inflectionCandidates('profiles')).toContain('profile');
    expect(inflectionCandidates('signed')).toEqual(expect.arrayContaining(['sign']));
    expect(inflectionCandidates('profiled')).toContain('profile');
    expect(inflectionCandidates('planned')).toContain('plan');
    expect(inflectionCandidates('carried')).toContain('carry');
    expect(inflectionCandidates('running')).toContain('run');
    expect(inflectionCandidates('smuggling')).toContain('smuggle');
    expect(inflectionCandidates("interpol's")).toContain('interpol');
  });

  it('does not strip words that only look inflected', () => {
    expect(inflectionCandidates('is')).toEqual([]);
    expect(inflectionCandidates('has')).toEqual([]);
    expect(inflectionCandidates('process')).toEqual([]);
    expect(inflectionCandidates('analysis')).toEqual([]);
    expect(inflectionCandidates('status')).toEqual([]);
  });

  it('keeps only candidates the dictionary knows, in rule order', () => {
    const known = new Set(['sign', 'signe', 'agency']);
    expect(regularLemmas('signed', (w) => known.has(w))).toEqual(['sign', 'signe']);
    expect(regularLemmas('agencies', (w) => known.has(w))).toEqual(['agency']);
    expect(regularLemmas('walked', (w) => known.has(w))).toEqual([]);
  });
});

describe('normalizeKey', () => {
  it('lowercases, keeps accents and unifies hyphens, apostrophes and spaces', () => {
    expect(normalizeKey('  Traite  d’Êtres Humains ')).toBe("traite d'êtres humains");
    expect(normalizeKey('Counter\u2011Terrorism')).toBe('counter-terrorism');
    expect(keyWords('counter-terrorism committee')).toEqual(['counter', 'terrorism', 'committee']);
    expect(spacedVariant('counter-terrorism')).toBe('counter terrorism');
    expect(spacedVariant('terrorism')).toBeUndefined();
  });
});

describe('parseGlossary', () => {
  it('reads aliases and translations, skipping comments and blank lines', () => {
    const entries = parseGlossary('# comment\n\nUN|United Nations\tONU|Nations Unies\n');
    expect(entries).toEqual([{ english: ['un', 'united nations'], french: ['onu', 'nations unies'], line: 3 }]);
  });

  it('rejects a malformed line, naming it', () => {
    expect(() => parseGlossary('ok\tbien\nno tab here\n', 'g.tsv')).toThrow(AppError);
    expect(() => parseGlossary('ok\tbien\nno tab here\n', 'g.tsv')).toThrow(/g\.tsv:2/);
    expect(() => parseGlossary('a\tb\tc\n')).toThrow(/expected/);
  });

  it('parses the committed glossary', async () => {
    const { readFileSync } = await import('node:fs');
    const { DEFAULT_LEXICON_OPTIONS } = await import('../../../text/lexicon/lexicon.js');
    const entries = parseGlossary(readFileSync(DEFAULT_LEXICON_OPTIONS.glossaryPath!, 'utf8'));
    expect(entries.length).toBeGreaterThanOrEqual(50);
    expect(entries.length).toBeLessThanOrEqual(200);
    // Acronyms that are English words once lowercased would hijack ordinary queries.
    const english = new Set(entries.flatMap((e) => e.english));
    for (const word of ['who', 'it', 'us', 'am', 'aid']) expect(english.has(word)).toBe(false);
  });
});
