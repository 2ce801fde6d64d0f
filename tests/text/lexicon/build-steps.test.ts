/**
 * The pure steps of scripts/lexicon/build.ts on small real-format inputs (the full build needs apt
 * and runs as a maintainer tool, not in CI).
 */
import { describe, expect, it } from 'vitest';
import { enumerateAttPaths, parseAnalysis } from '../../../scripts/lexicon/att.js';
import { pivot, readAnalyserListing, readBidix } from '../../../scripts/lexicon/apertium.js';
import { cleanEnglish, cleanFrench } from '../../../scripts/lexicon/clean.js';
import { decodeDictdNumber, parseEntry, splitEquivalents } from '../../../scripts/lexicon/freedict.js';
import { buildLemmaTable } from '../../../scripts/lexicon/lemmas.js';
import { merge } from '../../../scripts/lexicon/merge.js';

/** A tiny transducer in lt-print's AT&T format: "ab<n>" → "xy<n><f>", and "ab<n>" → "z<n>". */
const ATT = ['0\t1\ta\tx\t0.0', '1\t2\tb\ty\t0.0', '2\t3\t<n>\t<n>\t0.0', '3\t4\tε\t<f>\t0.0', '4\t0.0', '0\t5\ta\tz\t0.0', '5\t6\tb\tε\t0.0', '6\t7\t<n>\t<n>\t0.0', '7\t0.0'].join('\n');

describe('AT&T path enumeration', () => {
  it('lists every path with epsilons dropped', () => {
    expect(enumerateAttPaths(ATT)).toEqual([
      { input: 'ab<n>', output: 'xy<n><f>' },
      { input: 'ab<n>', output: 'z<n>' },
    ]);
  });

  it('cuts cycles and drops sections over the path cap', () => {
    const loop = ['0\t1\ta\ta\t0.0', '1\t0\tb\tb\t0.0', '1\t0.0'].join('\n');
    expect(enumerateAttPaths(loop)).toEqual([{ input: 'a', output: 'a' }]);
    const wide = Array.from({ length: 20 }, (_, i) => `0\t${i + 1}\t${String.fromCharCode(97 + i)}\tx\t0.0\n${i + 1}\t0.0`).join('\n');
    expect(enumerateAttPaths(`${ATT}\n--\n${wide}`, { maxPathsPerSection: 10 })).toHaveLength(2);
  });

  it('splits analyses into lemma and tags, joining multiword parts', () => {
    expect(parseAnalysis('take<vblex># off')).toEqual({ lemma: 'take off', tags: ['vblex'] });
    expect(parseAnalysis('base# de datos<n><f>')).toEqual({ lemma: 'base de datos', tags: ['n', 'f'] });
  });
});

describe('Apertium pivot', () => {
  const att = (pairs: [string, string][]) =>
    pairs
      .map(([i, o], k) => {
        // One straight path per pair: the whole strings as single symbols are enough for the reader.
        const base = k * 10 + 1;
        return `0\t${base}\t${i}\t${o}\t0.0\n${base}\t0.0`;
      })
      .join('\n');

  it('goes English → Spanish → French by lemma and part of speech, checking the round trip', () => {
    const engSpa = readBidix(att([['cooperation<n>', 'cooperación<n><f>'], ['meet<vblex>', 'cumplir<vblex>'], ['meet<vblex>', 'conocer<vblex>'], ['Paris<np><ant>', 'París<np><ant>']]), true);
    const spaFra = readBidix(att([['cooperación<n>', 'coopération<n>'], ['cumplir<vblex>', 'accomplir<vblex>'], ['conocer<vblex>', 'connaître<vblex>'], ['cooperación<adj>', 'wrong<adj>']]), false);
    const fraSpa = readBidix(att([['coopération<n>', 'cooperación<n>']]), false);
    const spaEng = readBidix(att([['cooperación<n>', 'cooperation<n>']]), false);
    const result = pivot({ engSpa, spaFra, fraSpa, spaEng });
    expect(result.get('cooperation')).toEqual([{ fr: 'coopération', enRank: 0, esRank: 0, roundTrip: true }]);
    expect(result.get('meet')?.map((t) => t.fr)).toEqual(['accomplir', 'connaître']);
    // Person names are not carried over.
    expect(result.has('paris')).toBe(false);
  });

  it('reads the English analyser listing, skipping contractions and proper nouns', () => {
    const listing = readAnalyserListing(
      ['meet<vblex><inf>:meet', 'meet<vblex><past>:met', 'do<vbdo><pres>+not<adv>:don\'t', 'John<np><ant>:John', 'news<n><sg>:news', 'new<adj>:new'].join('\n'),
    );
    expect(listing.forms.get('met')).toEqual(['meet']);
    expect(listing.forms.has("don't")).toBe(false);
    expect(listing.forms.has('john')).toBe(false);
    expect(listing.lemmaPos.get('new')).toEqual(new Set(['adj']));
  });
});

describe('lemma table', () => {
  it('stores only what the rules get wrong', () => {
    const listing = readAnalyserListing(
      [
        'meet<vblex><past>:met',
        'meet<vblex><ger>:meeting',
        'meeting<n><sg>:meeting',
        'sign<vblex><past>:signed',
        'news<n><sg>:news',
        'new<adj>:new',
        'immersed<adj>:immersed',
        'dispute<n><sg>:dispute',
        'disputed<adj>:disputed',
      ].join('\n'),
    );
    const known = new Set(['meet', 'meeting', 'sign', 'new', 'news', 'immerse', 'dispute']);
    const { table, stats } = buildLemmaTable(listing, (w) => known.has(w));
    expect(table.get('met')).toEqual(['meet']); // irregular: rules cannot find it
    expect(table.has('signed')).toBe(false); // regular: the rules do it
    expect(table.has('meeting')).toBe(false); // rules give "meet", as the analyser does
    expect(table.get('news')).toEqual([]); // blocker: "news" is not a form of the adjective "new"
    expect(table.has('immersed')).toBe(false); // the analyser lacks "immerse": no contradiction
    expect(table.has('disputed')).toBe(false); // noun-only base: a verb gap, not a contradiction
    expect(stats.blockers).toBe(1);
  });
});

describe('FreeDict reading and cleaning', () => {
  it('decodes dictd base-64 numbers', () => {
    expect(decodeDictdNumber('A')).toBe(0);
    expect(decodeDictdNumber('b')).toBe(27);
    expect(decodeDictdNumber('BA')).toBe(64);
  });

  it('parses headline, part of speech and numbered senses', () => {
    expect(parseEntry('sign /sain/\n1. augure\n2. preuve, témoignage\n5. signer\n')).toEqual({
      headword: 'sign',
      pos: undefined,
      senses: [['augure'], ['preuve', 'témoignage'], ['signer']],
    });
    expect(parseEntry('siège /sjɛʒ/ <n, masc>\n1. chair\n2. seat\n')?.pos).toBe('n');
    expect(splitEquivalents('take off (clothes, hats), remove; strip')).toEqual(['take off (clothes, hats)', 'remove', 'strip']);
  });

  it('cleans translations and keys', () => {
    expect(cleanFrench('  Tête de Bétail ')).toBe('tête de bétail');
    expect(cleanFrench('parquet (floor)')).toBe('parquet');
    expect(cleanFrench('il y a ...')).toBe('il y a');
    expect(cleanFrench('10^9')).toBeUndefined();
    expect(cleanFrench('une phrase beaucoup trop longue pour un équivalent')).toBeUndefined();
    expect(cleanEnglish('to sign')).toBe('sign');
    expect(cleanEnglish('(kitchen) sink')).toBe('sink');
    expect(cleanEnglish('to get on one\u02c8s nerves')).toBeUndefined();
    expect(cleanEnglish('We need something')).toBeUndefined();
  });
});

describe('merge', () => {
  it('ranks agreement between sources first and caps the list', () => {
    const { rows, stats } = merge(
      {
        engFra: [{ headword: 'sign', pos: undefined, senses: [['augure'], ['preuve', 'témoignage'], ['signal'], ['signe'], ['signer']] }],
        fraEng: [
          { headword: 'signer', pos: 'v', senses: [['sign']] },
          { headword: 'edition', pos: 'n', senses: [['edition']] },
        ],
        pivot: new Map([
          ['sign', [{ fr: 'signer', enRank: 0, esRank: 0, roundTrip: true }]],
          ['edition', [{ fr: 'édition', enRank: 0, esRank: 0, roundTrip: true }]],
        ]),
      },
      { maxTranslations: 3 },
    );
    const sign = rows.find((r) => r.en === 'sign')!;
    expect(sign.translations.map((t) => t.fr)).toEqual(['signer', 'augure', 'preuve']);
    expect(sign.translations[0]!.sources).toEqual(['apertium', 'freedict-eng-fra', 'freedict-fra-eng']);
    // Accentless duplicates fold into the accented spelling.
    expect(rows.find((r) => r.en === 'edition')!.translations).toEqual([{ fr: 'édition', sources: ['apertium', 'freedict-fra-eng'] }]);
    expect(stats.keys).toBe(2);
  });
});
