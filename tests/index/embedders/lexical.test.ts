import { Embeddings } from '@langchain/core/embeddings';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../core/errors.js';
import { fmix32, hash32 } from '../../../index/embedders/lexical-hash.js';
import { DEFAULT_LEXICAL_OPTIONS, LEXICAL_MODEL, LexicalEmbeddings } from '../../../index/embedders/lexical.js';
import { loadLexicon } from '../../../text/lexicon/lexicon.js';
import { Vocabulary } from '../../../text/vocabulary.js';
import { corpusPassages } from '../../text/corpus-passages.js';
import { tinyLexicon } from '../../text/tiny-lexicon.js';

const passages = corpusPassages();
const texts = passages.slice(0, 12).map((p) => p.text);

function norm(v: readonly number[]): number {
  return Math.sqrt(v.reduce((s, x) => s + x * x, 0));
}

describe('LexicalEmbeddings — vectors', () => {
  const e = new LexicalEmbeddings();

  it('is a LangChain Embeddings describing itself', () => {
    expect(e).toBeInstanceOf(Embeddings);
    expect(e.info.name).toBe('lexical');
    expect(e.info.model).toBe(LEXICAL_MODEL);
    expect(e.info.dimension).toBe(DEFAULT_LEXICAL_OPTIONS.dimension);
    expect(e.info.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it('returns unit vectors of the configured dimension, documents and queries alike', async () => {
    const docs = await e.embedDocuments(texts);
    expect(docs).toHaveLength(texts.length);
    for (const v of docs) {
      expect(v).toHaveLength(e.info.dimension);
      expect(norm(v)).toBeCloseTo(1, 9);
      expect(v.every(Number.isFinite)).toBe(true);
    }
    for (const q of ['Who did Jürgen Stock meet at the United Nations?', 'Qui dirige INTERPOL ?', 'INTERPOL']) {
      const v = await e.embedQuery(q);
      expect(v).toHaveLength(e.info.dimension);
      expect(norm(v)).toBeCloseTo(1, 9);
    }
    const small = new LexicalEmbeddings({ dimension: 256 });
    expect(await small.embedQuery('ONUDC')).toHaveLength(256);
  });

  it('a text without any term still gets a (fixed) unit vector', async () => {
    const [empty, stops] = await e.embedDocuments(['', 'le la les de des']);
    expect(norm(empty!)).toBeCloseTo(1, 9);
    expect(stops).toEqual(empty);
  });

  it('is deterministic across calls and instances', async () => {
    const a = await e.embedDocuments(texts);
    const b = await new LexicalEmbeddings().embedDocuments(texts);
    expect(b).toEqual(a);
    expect(await e.embedQuery('Where was the INTERPOL Dialogue held?')).toEqual(await new LexicalEmbeddings().embedQuery('Where was the INTERPOL Dialogue held?'));
  });

  it('a document vector depends on that document only (incremental ingest never re-embeds)', async () => {
    const [alone] = await e.embedDocuments([texts[3]!]);
    const batch = await e.embedDocuments(texts);
    expect(batch[3]).toEqual(alone);
    const withVocabulary = new LexicalEmbeddings({ vocabulary: Vocabulary.fromTexts(texts) });
    expect(await withVocabulary.embedDocuments([texts[3]!])).toEqual([alone]);
  });

  it('the hash is stable (stored vectors depend on it)', () => {
    expect(hash32('interpol', 0)).toBe(hash32('interpol', 0));
    expect(hash32('interpol', 0)).not.toBe(hash32('interpol', 1));
    // Golden values: if these change, bump LEXICAL_MODEL so old indexes are rebuilt.
    expect(hash32('', 0)).toBe(fmix32(0x811c9dc5));
    expect(hash32('interpol', 0)).toBe(2008216483);
    expect(hash32('onu', 7)).toBe(4056951220);
  });

  it('character n-grams match spellings that stems miss (no accents, typos)', async () => {
    const [doc] = await e.embedDocuments(['La sécurité internationale et le développement durable.']);
    const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);
    // "securite" stems to "securit", "sécurité" to "secur": only the n-grams connect them.
    expect(dot(await e.embedQuery('securite'), doc!)).toBeGreaterThan(0.1);
    const stemsOnly = new LexicalEmbeddings({ charWeight: 0 });
    const [doc2] = await stemsOnly.embedDocuments(['La sécurité internationale et le développement durable.']);
    expect(Math.abs(dot(await stemsOnly.embedQuery('securite'), doc2!))).toBeLessThan(0.05);
    expect(dot(await e.embedQuery('devlopement durrable'), doc!)).toBeGreaterThan(0.1);
  });

  it('the detected language decides the query path; embedQueryAs forces it', () => {
    const q = 'security council';
    const asEn = e.embedQueryAs(q, 'en');
    const asFr = e.embedQueryAs(q, 'fr');
    expect(asEn).not.toEqual(asFr);
    expect(e.analyzeQuery(q, 'fr').lang).toBe('fr');
    expect(e.analyzeQuery('Who leads INTERPOL?').lang).toBe('en');
    expect(e.analyzeQuery('Qui dirige INTERPOL ?').lang).toBe('fr');
  });
});

describe('LexicalEmbeddings — fingerprint and options', () => {
  const lexicon = tinyLexicon();
  const base = new LexicalEmbeddings({ lexicon });

  it('same options → same fingerprint', () => {
    expect(new LexicalEmbeddings({ lexicon }).info.fingerprint).toBe(base.info.fingerprint);
    expect(new LexicalEmbeddings({ lexicon, query: { ...DEFAULT_LEXICAL_OPTIONS.query } }).info.fingerprint).toBe(base.info.fingerprint);
  });

  it.each([
    ['dimension', { dimension: 2048 }],
    ['wordWeight', { wordWeight: 0.9 }],
    ['bigramWeight', { bigramWeight: 0 }],
    ['charWeight', { charWeight: 0.2 }],
    ['charNgramMin', { charNgramMin: 4 }],
    ['charNgramMax', { charNgramMax: 4 }],
    ['charMinWordLength', { charMinWordLength: 4 }],
    ['sublinearTf', { sublinearTf: false }],
    ['charPerWord', { charPerWord: false }],
    ['seed', { seed: 1 }],
    ['crossBigramWeight', { crossBigramWeight: 0.5 }],
    ['ambiguous', { ambiguous: 'fr' as const }],
    ['queryIdf', { queryIdf: false }],
    ['query.maxTranslations', { query: { ...DEFAULT_LEXICAL_OPTIONS.query, maxTranslations: 2 } }],
    ['query.phrases', { query: { ...DEFAULT_LEXICAL_OPTIONS.query, phrases: false } }],
    ['lexicon version', { lexicon: tinyLexicon(undefined, undefined, 'tiny-2') }],
    ['no lexicon', { lexicon: null }],
  ])('changes with %s', (_name, options) => {
    expect(new LexicalEmbeddings({ lexicon, ...options }).info.fingerprint).not.toBe(base.info.fingerprint);
  });

  it('does not change with the vocabulary or logger (query-side corpus statistics)', () => {
    const withVocabulary = new LexicalEmbeddings({ lexicon, vocabulary: Vocabulary.fromTexts(texts) });
    expect(withVocabulary.info.fingerprint).toBe(base.info.fingerprint);
  });

  it('includes the committed lexicon version by default', () => {
    const real = loadLexicon();
    expect(new LexicalEmbeddings().info.fingerprint).toBe(new LexicalEmbeddings({ lexicon: real }).info.fingerprint);
    expect(new LexicalEmbeddings().info.fingerprint).not.toBe(base.info.fingerprint);
  });

  it('rejects bad options with INVALID_PARAMETER', () => {
    const bad = [{ dimension: 1000 }, { dimension: 8 }, { wordWeight: -1 }, { wordWeight: 0, bigramWeight: 0, charWeight: 0 }, { charNgramMin: 0 }, { seed: 0.5 }];
    for (const options of bad) {
      let caught: unknown;
      try {
        new LexicalEmbeddings({ lexicon, ...options });
      } catch (err) {
        caught = err;
      }
      expect(caught, JSON.stringify(options)).toBeInstanceOf(AppError);
      expect((caught as AppError).code).toBe('INVALID_PARAMETER');
    }
  });

  it('setVocabulary changes query vectors only', async () => {
    const e = new LexicalEmbeddings({ lexicon });
    const q = 'terrorism organizations';
    const before = e.embedQueryAs(q, 'en');
    const doc = await e.embedDocuments([texts[0]!]);
    e.setVocabulary(Vocabulary.fromTexts(passages.map((p) => p.text)));
    expect(e.getVocabulary()?.size).toBeGreaterThan(100);
    expect(e.embedQueryAs(q, 'en')).not.toEqual(before);
    expect(await e.embedDocuments([texts[0]!])).toEqual(doc);
    e.setVocabulary(null);
    expect(e.embedQueryAs(q, 'en')).toEqual(before);
  });
});
