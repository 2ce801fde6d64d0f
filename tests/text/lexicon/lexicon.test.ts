import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../core/errors.js';
import { DEFAULT_LEXICON_OPTIONS, loadLexicon, translateWord } from '../../../text/lexicon/lexicon.js';

const lexicon = loadLexicon();
const dictionaryOnly = loadLexicon({ glossaryPath: null });

describe('loadLexicon (real committed data)', () => {
  it('loads a sizeable lexicon with a data version', () => {
    expect(lexicon.size).toBeGreaterThan(10_000);
    expect(lexicon.version).toMatch(/^lex[0-9a-f]{12}\+[0-9a-f]{10}$/);
    // The glossary's longest alias ("united nations office on drugs and crime") is 7 words.
    expect(lexicon.maxPhraseWords).toBeGreaterThanOrEqual(7);
  });

  it('is cached per process for the same options', () => {
    expect(loadLexicon()).toBe(lexicon);
    expect(loadLexicon({ ...DEFAULT_LEXICON_OPTIONS })).toBe(lexicon);
    expect(dictionaryOnly).not.toBe(lexicon);
  });

  it('translates common words from the dictionaries', () => {
    expect(lexicon.lookup('meet')).toEqual(expect.arrayContaining(['rencontrer', 'réunir']));
    expect(lexicon.lookup('agreement')?.[0]).toBe('accord');
    expect(lexicon.lookup('sign')).toContain('signer');
    expect(lexicon.lookup('weapon')?.[0]).toBe('arme');
    expect(lexicon.lookup('country')?.[0]).toBe('pays');
  });

  it('fills FreeDict gaps through the Apertium pivot (English → Spanish → French)', () => {
    const freedictOnly = loadLexicon({ sources: ['freedict-eng-fra', 'freedict-fra-eng'], glossaryPath: null });
    expect(freedictOnly.lookup('cooperation')).toBeUndefined();
    expect(dictionaryOnly.lookup('cooperation')?.[0]).toBe('coopération');
    expect(freedictOnly.lookup('headquarters')).toBeUndefined();
    expect(dictionaryOnly.lookup('headquarters')).toContain('siège');
    expect(dictionaryOnly.lookup('piracy')?.[0]).toBe('piraterie');
  });

  it('finds multi-word phrases and acronyms from the glossary', () => {
    expect(lexicon.lookup('united nations')?.[0]).toBe('onu');
    expect(lexicon.lookup('united nations')).toContain('nations unies');
    expect(lexicon.lookup('UNODC')?.[0]).toBe('onudc');
    expect(lexicon.lookup('unodc')).toContain('office des nations unies contre la drogue et le crime');
    expect(lexicon.lookup('foreign terrorist fighters')).toContain('combattants terroristes étrangers');
    expect(lexicon.lookup('security council')?.[0]).toBe('conseil de sécurité');
  });

  it('normalises case, spacing and hyphens in lookups', () => {
    expect(lexicon.lookup('  United   Nations ')?.[0]).toBe('onu');
    expect(lexicon.lookup('counter-terrorism')?.[0]).toBe('lutte antiterroriste');
    expect(lexicon.lookup('counter terrorism')?.[0]).toBe('lutte antiterroriste');
    expect(lexicon.lookup('counter\u2010terrorism')?.[0]).toBe('lutte antiterroriste');
  });

  it('puts glossary translations first, then the dictionary ones', () => {
    expect(dictionaryOnly.lookup('trafficking')).toEqual(['trafic']);
    expect(lexicon.lookup('trafficking')).toEqual(['trafic', 'traite']);
    expect(lexicon.lookup('partnership')?.[0]).toBe('partenariat');
    expect(dictionaryOnly.lookup('partnership')?.[0]).not.toBe('partenariat');
    expect(lexicon.lookup('summit')?.[0]).toBe('sommet');
    // The dictionary's own translations still follow, without duplicates.
    const summit = lexicon.lookup('summit') ?? [];
    expect(summit).toContain('cime');
    expect(new Set(summit).size).toBe(summit.length);
  });

  it('lets a custom glossary override the order for a word', () => {
    const dir = mkdtempSync(join(tmpdir(), 'glossary-'));
    const path = join(dir, 'g.tsv');
    writeFileSync(path, '# test glossary\nmeet|get together\tretrouver|rencontrer\n');
    const custom = loadLexicon({ glossaryPath: path });
    expect(custom.lookup('meet')?.slice(0, 2)).toEqual(['retrouver', 'rencontrer']);
    expect(custom.lookup('meet')).toContain('réunir');
    expect(custom.lookup('get together')).toEqual(['retrouver', 'rencontrer']);
    expect(custom.version).not.toBe(lexicon.version);
  });

  it('returns undefined for unknown words', () => {
    expect(lexicon.lookup('qwxzyv')).toBeUndefined();
    expect(lexicon.lookup('')).toBeUndefined();
    expect(lexicon.lookup('jürgen stock')).toBeUndefined();
    expect(translateWord(lexicon, 'qwxzyv')).toBeUndefined();
  });

  it('caps dictionary translations at maxTranslations', () => {
    const two = loadLexicon({ maxTranslations: 2, glossaryPath: null });
    expect(dictionaryOnly.lookup('about')?.length).toBeGreaterThan(2);
    expect(two.lookup('about')).toHaveLength(2);
    expect(two.lookup('about')).toEqual(dictionaryOnly.lookup('about')?.slice(0, 2));
    expect(two.version).not.toBe(dictionaryOnly.version);
  });

  it('rejects bad options and missing data with AppError', () => {
    expect(() => loadLexicon({ maxTranslations: 0 })).toThrow(AppError);
    const empty = mkdtempSync(join(tmpdir(), 'lexicon-missing-'));
    try {
      loadLexicon({ dataDir: empty });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('INTERNAL');
      expect((err as AppError).message).toContain('scripts/lexicon/build.ts');
    }
  });
});

describe('lemmas', () => {
  it('uses the lemma table for irregular forms', () => {
    expect(lexicon.lemmas('met')).toEqual(['meet']);
    expect(lexicon.lemmas('fought')).toEqual(['fight']);
    expect(lexicon.lemmas('held')).toEqual(['hold']);
    expect(lexicon.lemmas('children')).toEqual(['child']);
    expect(lexicon.lemmas('took')).toEqual(['take']);
    expect(lexicon.lemmas('found')).toContain('find');
    expect(lexicon.lemmas('leaves')).toEqual(expect.arrayContaining(['leave', 'leaf']));
  });

  it('applies regular inflection rules against the known words', () => {
    expect(lexicon.lemmas('agencies')).toEqual(['agency']);
    expect(lexicon.lemmas('signed')).toEqual(['sign']);
    expect(lexicon.lemmas('fighters')).toEqual(['fighter']);
    expect(lexicon.lemmas('countries')).toEqual(['country']);
    expect(lexicon.lemmas('searches')).toContain('search');
    expect(lexicon.lemmas('opened')).toEqual(['open']);
    expect(lexicon.lemmas('founded')).toEqual(['found']);
    expect(lexicon.lemmas('Weapons')).toEqual(['weapon']);
  });

  it('blocks rule output the analyser contradicts, and leaves base forms alone', () => {
    expect(lexicon.lemmas('news')).toEqual([]);
    expect(lexicon.lemmas('thing')).toEqual([]);
    expect(lexicon.lemmas('meet')).toEqual([]);
    expect(lexicon.lemmas('since')).toEqual([]);
    expect(lexicon.lemmas('is')).toEqual(['be']);
  });

  it('translateWord falls back on lemmas: signed → sign → signer', () => {
    expect(lexicon.lookup('signed')).toBeUndefined();
    expect(translateWord(lexicon, 'signed')).toContain('signer');
    expect(translateWord(lexicon, 'met')).toEqual(expect.arrayContaining(['rencontrer', 'réunir']));
    expect(translateWord(lexicon, 'fighters')).toContain('combattant');
    expect(translateWord(lexicon, 'agencies')?.[0]).toBe('agence');
    // A word with its own entry keeps its own translations first ("meeting" → réunion, then meet's).
    expect(translateWord(lexicon, 'meeting')?.[0]).toBe('réunion');
    expect(translateWord(lexicon, 'meeting')).toContain('rencontrer');
  });
});

describe('committed data files', () => {
  const dataDir = DEFAULT_LEXICON_OPTIONS.dataDir;
  const lexiconTsv = readFileSync(join(dataDir, 'lexicon.tsv'), 'utf8');
  const lemmasTsv = readFileSync(join(dataDir, 'lemmas.tsv'), 'utf8');

  it('are sorted, unique, lowercase rows with sources for every translation', () => {
    const rows = lexiconTsv.split('\n').filter((l) => l.length > 0 && !l.startsWith('#'));
    const keys = rows.map((r) => r.split('\t')[0]!);
    expect([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(keys);
    expect(new Set(keys).size).toBe(keys.length);
    const bad = rows.filter((row) => {
      const [en, fr, src] = row.split('\t');
      if (!en || !fr || !src || en !== en.toLowerCase() || fr !== fr.toLowerCase()) return true;
      const french = fr.split('|');
      const sources = src.split('|');
      return french.length > 8 || sources.length !== french.length || sources.some((s) => !/^[aef]+$/.test(s));
    });
    expect(bad).toEqual([]);
  });

  it('VERSION is the hash the build computes from the two data files', async () => {
    const { createHash } = await import('node:crypto');
    const expected = `lex${createHash('sha256').update(lexiconTsv).update('\u0000').update(lemmasTsv).digest('hex').slice(0, 12)}`;
    expect(readFileSync(join(dataDir, 'VERSION'), 'utf8').trim()).toBe(expected);
    expect(lexicon.version.startsWith(expected + '+')).toBe(true);
  });

  it('NOTICE.md names the licences and package versions', () => {
    const notice = readFileSync(join(dataDir, 'NOTICE.md'), 'utf8');
    expect(notice).toContain('GNU General Public License, version 2');
    for (const pkg of ['dict-freedict-eng-fra', 'dict-freedict-fra-eng', 'apertium-eng-spa', 'apertium-fr-es']) {
      expect(notice).toMatch(new RegExp(`\\| ${pkg} \\| [^|]+ \\|`));
    }
  });
});
