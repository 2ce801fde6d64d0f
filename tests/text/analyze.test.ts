import { describe, expect, it } from 'vitest';
import { loadLexicon } from '../../text/lexicon/lexicon.js';
import { analyzeFrench, analyzeFrenchTokens, analyzeQuery, type QueryAnalysis } from '../../text/index.js';
import { Vocabulary } from '../../text/vocabulary.js';
import { corpusPassages } from './corpus-passages.js';
import { tinyLexicon } from './tiny-lexicon.js';

function groupMasses(a: QueryAnalysis): number[] {
  return a.groups.map((_, g) => a.terms.filter((t) => t.group === g).reduce((s, t) => s + t.weight * t.weight, 0));
}

function stemsOf(a: QueryAnalysis): string[] {
  return a.terms.map((t) => t.stems.join('+'));
}

describe('analyzeFrench', () => {
  it('elisions → stop words → stem → fold', () => {
    expect(analyzeFrench("L’Organisation des Nations Unies et l'ONUDC")).toEqual(['organis', 'nation', 'uni', 'onudc']);
  });

  it('is insensitive to apostrophe variants and case', () => {
    const expected = analyzeFrench("l'ONU");
    expect(expected).toEqual(['onu']);
    for (const s of ['l’ONU', 'L’onu', "L'ONU", 'lʼONU']) expect(analyzeFrench(s)).toEqual(expected);
  });

  it('maps inflected forms to one term and keeps numbers', () => {
    expect(analyzeFrench('résolutions')).toEqual(analyzeFrench('résolution'));
    expect(analyzeFrench('Les coopérations renforcées')).toEqual(analyzeFrench('la coopération renforcée'));
    expect(analyzeFrench('plus de 43 000 profils en 2018')).toEqual(['43000', 'profil', '2018']);
  });

  it('stems accented words before folding, and folds the stems', () => {
    const [securite] = analyzeFrench('sécurité');
    expect(securite).toBe('secur');
    expect(analyzeFrench('Jürgen António')).toEqual(['jurgen', 'antonio']);
  });

  it('hyphenated words give their parts, and the whole on request', () => {
    expect(analyzeFrench('les garde-côtes')).toEqual(['gard', 'cot']);
    expect(analyzeFrench('les garde-côtes', { compounds: true })).toEqual(['garde-cot', 'gard', 'cot']);
    // All-stop-word compounds vanish entirely.
    expect(analyzeFrench('a-t-il', { compounds: true })).toEqual([]);
  });

  it('marks punctuation breaks (no bigram across sentences)', () => {
    const tokens = analyzeFrenchTokens('INTERPOL coopère. Les Nations Unies (ONU) agissent');
    expect(tokens.map((t) => [t.term, t.breakBefore])).toEqual([
      ['interpol', true],
      ['cooper', false],
      ['nation', true],
      ['uni', false],
      ['onu', true],
      ['agissent', true],
    ]);
    for (const t of tokens) expect(t.end).toBeGreaterThan(t.start);
  });

  it('options switch stop words and stemming off', () => {
    expect(analyzeFrench('les résolutions', { stopwords: false, stem: false })).toEqual(['les', 'resolutions']);
  });
});

describe('analyzeQuery — French', () => {
  it('one group per content word, weight 1, origin source', () => {
    const a = analyzeQuery("Qui a rencontré Jürgen Stock à l'ONU ?", 'fr', tinyLexicon());
    expect(a.lang).toBe('fr');
    expect(stemsOf(a)).toEqual(['rencontr', 'jurgen', 'stock', 'onu']);
    expect(a.terms.every((t) => t.weight === 1 && t.origin === 'source')).toBe(true);
  });
});

describe('analyzeQuery — English with a tiny lexicon', () => {
  const lexicon = tinyLexicon();

  it('matches phrases first, translates words, keeps names, drops stop words', () => {
    const a = analyzeQuery('Who did Jürgen Stock meet at the United Nations?', 'en', lexicon);
    expect(a.groups.map((g) => g.text)).toEqual(['jürgen', 'stock', 'meet', 'united nations']);
    const stems = stemsOf(a);
    expect(stems).toContain('jurgen');
    expect(stems).toContain('stock');
    expect(stems).toContain('rencontr');
    expect(stems).toContain('nation+uni');
    expect(stems).toContain('onu');
    expect(stems).toContain('organis+nation+uni');
    const phrase = a.terms.find((t) => t.stems.join('+') === 'nation+uni');
    expect(phrase?.origin).toBe('translation');
    expect(phrase?.words).toEqual(['nations', 'unies']);
  });

  it('each word has a fixed mass whatever its number of translations; a phrase less than its words apart', () => {
    const a = analyzeQuery('office security united nations', 'en', lexicon);
    const masses = groupMasses(a);
    expect(masses[0]).toBeCloseTo(1, 10); // office: 6 translations
    expect(masses[1]).toBeCloseTo(1, 10); // security: 1 translation
    expect(masses[2]).toBeCloseTo(a.groups[2]!.mass, 10);
    expect(a.groups[2]!.mass).toBeCloseTo(0.7 * 0.7 * 2, 10);
    expect(analyzeQuery('united nations', 'en', lexicon, { phraseBoost: 1 }).groups[0]!.mass).toBe(2);
  });

  it('favours the first translation', () => {
    const a = analyzeQuery('office', 'en', lexicon);
    const weight = (s: string) => a.terms.find((t) => t.stems.join('+') === s)?.weight ?? 0;
    expect(weight('bureau')).toBeGreaterThan(weight('fonction'));
    expect(weight('fonction')).toBeGreaterThan(weight('emploi'));
  });

  it('uses lemmas for inflected words', () => {
    const a = analyzeQuery('When was the agreement signed?', 'en', lexicon);
    expect(stemsOf(a)).toEqual(expect.arrayContaining(['accord', 'sign']));
    expect(a.groups.find((g) => g.text === 'signed')?.translations).toBe(2);
  });

  it('keeps numbers and untranslatable names as they are (folded)', () => {
    const a = analyzeQuery('Did Guterres meet INTERPOL in 2016?', 'en', lexicon);
    const byGroup = new Map(a.groups.map((g, i) => [g.text, a.terms.filter((t) => t.group === i)]));
    expect(byGroup.get('guterres')?.map((t) => [t.stems.join('+'), t.origin])).toEqual([['guterr', 'surface']]);
    expect(byGroup.get('interpol')?.map((t) => t.stems[0])).toEqual(['interpol']);
    expect(byGroup.get('2016')?.map((t) => t.stems[0])).toEqual(['2016']);
  });

  it('keeps the surface form of translated words too, higher for names', () => {
    const a = analyzeQuery('the Stock and the stock', 'en', lexicon);
    // "Stock" inside a sentence is a name: its own form weighs as much as the best translation.
    const first = a.terms.filter((t) => t.group === 0);
    const second = a.terms.filter((t) => t.group === 1);
    const surface = (ts: typeof first) => ts.find((t) => t.stems[0] === 'stock')!.weight;
    expect(surface(first)).toBeGreaterThan(surface(second) - 1e-9);
  });

  it('translates hyphenated words as a whole when the lexicon knows them', () => {
    const a = analyzeQuery('counter-terrorism cooperation', 'en', lexicon);
    expect(a.groups[0]?.text).toBe('counter terrorism');
    expect(stemsOf(a)).toEqual(expect.arrayContaining(['antiterror', 'lutt+terror']));
  });

  it('phrase matching can be switched off', () => {
    const a = analyzeQuery('the United Nations', 'en', lexicon, { phrases: false });
    expect(a.groups.map((g) => g.text)).toEqual(['united', 'nations']);
  });

  it('without a lexicon only surface forms remain', () => {
    const a = analyzeQuery('INTERPOL cooperation agreement', 'en', null);
    expect(a.terms.every((t) => t.origin === 'surface')).toBe(true);
    expect(stemsOf(a)).toEqual(['interpol', 'cooper', 'agre']);
  });

  it('finds cognates of untranslated words in the corpus vocabulary', () => {
    const vocabulary = Vocabulary.fromTexts(corpusPassages().map((p) => p.text));
    const a = analyzeQuery('terrorism organizations', 'en', null, { vocabulary });
    const cognates = a.terms.filter((t) => t.origin === 'cognate').map((t) => t.words[0]);
    expect(cognates).toEqual(expect.arrayContaining(['terrorisme', 'organisations']));
    expect(analyzeQuery('terrorism', 'en', null, { vocabulary, cognates: 'off' }).terms.every((t) => t.origin !== 'cognate')).toBe(true);
  });
});

describe('analyzeQuery — English with the committed lexicon', () => {
  const lexicon = loadLexicon();

  it('carries the Jürgen Stock question over to French terms', () => {
    const a = analyzeQuery('Who did Jürgen Stock meet at the United Nations?', 'en', lexicon);
    const stems = stemsOf(a);
    expect(stems).toContain('rencontr');
    expect(stems).toContain('onu');
    expect(stems).toContain('jurgen');
    for (const [g, mass] of groupMasses(a).entries()) expect(mass).toBeCloseTo(a.groups[g]!.mass, 10);
  });

  it('handles inflections through the lexicon lemmas', () => {
    const a = analyzeQuery('How many profiles do the databases hold?', 'en', lexicon);
    expect(stemsOf(a)).toContain('profil');
  });
});
