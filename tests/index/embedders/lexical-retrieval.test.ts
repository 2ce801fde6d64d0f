/**
 * Retrieval behaviour of the lexical embedder on the real corpus (paragraph passages) with the
 * committed lexicon: French paraphrases and English questions must land on their French passage.
 * Vectors are compared by cosine exactly as the vector store does.
 */
import { describe, expect, it } from 'vitest';
import { LexicalEmbeddings } from '../../../index/embedders/lexical.js';
import { Vocabulary } from '../../../text/vocabulary.js';
import { corpusPassages, passageWith, type TestPassage } from '../../text/corpus-passages.js';

const passages = corpusPassages();
const vocabulary = Vocabulary.fromTexts(passages.map((p) => p.text));

function cosine(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

async function ranker(e: LexicalEmbeddings): Promise<(q: string) => Promise<TestPassage[]>> {
  const vectors = await e.embedDocuments(passages.map((p) => p.text));
  return async (q) => {
    const v = await e.embedQuery(q);
    return passages
      .map((p, i) => ({ p, s: cosine(v, vectors[i]!) }))
      .sort((a, b) => b.s - a.s)
      .map((r) => r.p);
  };
}

const STOCK_GUTERRES = 'La rencontre entre António Guterres et Jürgen Stock';
const UNODC_SIGNED = ['23 mai 2016 - Lors', 'signent un accord de coopération lors de la Commission 2016'];
const DIALOGUE_SIEGE = ['La 6ème édition du Dialogue s’est déroulée au siège', 'qui s’est tenue les 8 et 9 décembre au siège des Nations Unies'];
const PROFILES = 'profils de terroristes étrangers';
const SDG16 = 'l’ODD 16';

const ENGLISH: [string, string[]][] = [
  ['Who did Jürgen Stock meet at the United Nations?', [STOCK_GUTERRES]],
  ['When was the agreement between UNODC and INTERPOL signed?', UNODC_SIGNED],
  ['In which year did UNODC and INTERPOL sign a cooperation agreement?', UNODC_SIGNED],
  ['Was the INTERPOL Dialogue held at United Nations headquarters?', DIALOGUE_SIEGE],
  ['How many foreign terrorist profiles are stored in INTERPOL databases?', [PROFILES]],
  ['How many foreign terrorist fighter profiles does INTERPOL hold among the tens of millions of records in its databases?', [PROFILES]],
  ['What is SDG 16?', [SDG16]],
  ['SDG 16 peace justice and strong institutions', [SDG16]],
];

const FRENCH: [string, string[]][] = [
  ['Qui Jürgen Stock a-t-il rencontré aux Nations Unies ?', [STOCK_GUTERRES, 'Lors de leur première réunion']],
  ["Quand l'ONUDC et INTERPOL ont-ils signé leur accord de coopération ?", UNODC_SIGNED],
  ['Combien de profils de terroristes étrangers contiennent les bases de données ?', [PROFILES]],
  ['Depuis quelle année INTERPOL collabore-t-il avec les Nations Unies ?', ['INTERPOL collabore avec l’ONU depuis 1949']],
  ['Quelles formes de violence l’ODD 16 cherche-t-il à réduire ?', [SDG16]],
  ['Combien de recherches ont été faites dans les bases de données en 2017 ?', ['4,5 milliards de recherches']],
  ['Pourquoi le retour des combattants étrangers dans leur pays inquiète-t-il ?', ['Compte tenu du risque croissant de voir les combattants étrangers']],
];

describe('lexical embedder retrieval on the corpus (committed lexicon, corpus vocabulary)', () => {
  const e = new LexicalEmbeddings({ vocabulary });
  const search = ranker(e);

  it('gold spans exist in the paragraph passages', () => {
    for (const [, gold] of [...ENGLISH, ...FRENCH]) for (const g of gold) expect(passageWith(passages, g)).toBeDefined();
  });

  it.each(ENGLISH)('English question → its French passage first: %s', async (q, gold) => {
    const [top] = await (await search)(q);
    expect(gold.some((g) => top!.text.includes(g)), `top passage was: ${top!.text.slice(0, 120)}`).toBe(true);
  });

  it.each(FRENCH)('French paraphrase → its passage first: %s', async (q, gold) => {
    const [top] = await (await search)(q);
    expect(gold.some((g) => top!.text.includes(g)), `top passage was: ${top!.text.slice(0, 120)}`).toBe(true);
  });

  it('the English and French forms of a question find the same passage', async () => {
    const s = await search;
    const pairs: [string, string][] = [
      ['Who did Jürgen Stock meet at the United Nations?', 'Qui Jürgen Stock a-t-il rencontré aux Nations Unies ?'],
      ['When was the agreement between UNODC and INTERPOL signed?', "Quand l'ONUDC et INTERPOL ont-ils signé leur accord de coopération ?"],
    ];
    for (const [en, fr] of pairs) expect((await s(en))[0]?.id).toBe((await s(fr))[0]?.id);
  });

  it('the answer passage outranks unrelated passages by a margin', async () => {
    const v = await e.embedQuery('Who did Jürgen Stock meet at the United Nations?');
    const gold = passageWith(passages, STOCK_GUTERRES);
    const cookie = passageWith(passages, 'Notre site utilise des cookies');
    const [g, c] = await e.embedDocuments([gold.text, cookie.text]);
    expect(cosine(v, g!)).toBeGreaterThan(cosine(v, c!) + 0.1);
  });
});

describe('without corpus vocabulary (no IDF, no cognates) the cross-lingual path still works', () => {
  const search = ranker(new LexicalEmbeddings());

  it.each([
    ['Who did Jürgen Stock meet at the United Nations?', [STOCK_GUTERRES, 'Lors de leur première réunion']],
    ['When was the agreement between UNODC and INTERPOL signed?', UNODC_SIGNED],
    ['INTERPOL Dialogue at UN headquarters', DIALOGUE_SIEGE],
  ] as [string, string[]][])('top-3: %s', async (q, gold) => {
    const top3 = (await (await search)(q)).slice(0, 3);
    expect(top3.some((p) => gold.some((g) => p.text.includes(g)))).toBe(true);
  });
});
