/**
 * Short answers on sentences that are not the shipped corpus's (the finders must be general):
 * dates, quantities, people, bodies and places, their English forms, and which candidate a
 * question picks.
 */
import { describe, expect, it } from 'vitest';
import { dateInEnglish, findDates } from '../../answer/short/dates.js';
import { findNames, personGroups } from '../../answer/short/names.js';
import { englishDigits, findQuantities, quantityInEnglish } from '../../answer/short/numbers.js';
import { planShortAnswer } from '../../answer/short/short-answer.js';
import { englishShortWithoutTranslator, fixNumbers } from '../../answer/english.js';
import { FRENCH_STOPWORDS, loadLexicon } from '../../text/index.js';

const lexicon = loadLexicon();
const plan = (q: string, lang: 'fr' | 'en', ...sentences: string[]) =>
  planShortAnswer(q, lang, sentences.map((text, i) => ({ n: i + 1, text })), { lexicon });

describe('dates', () => {
  it('finds day, month and year dates with their preposition, longest first', () => {
    const found = findDates('Lors de leur première réunion, le 5 février 2018, puis en décembre 2019 et depuis 1949 ; les 8 et 9 décembre.');
    expect(found.map((d) => d.text)).toEqual(['le 5 février 2018', 'en décembre 2019', 'depuis 1949', 'les 8 et 9 décembre']);
    expect(found[0]?.parts).toMatchObject({ day: 5, month: 2, year: 2018, prep: 'le' });
  });
  it('writes them in English without machine translation', () => {
    const [a, b, c, d] = findDates('le 5 février 2018, en décembre 2019, depuis 1949, les 8 et 9 décembre');
    expect(dateInEnglish(a!.parts)).toBe('on 5 February 2018');
    expect(dateInEnglish(b!.parts)).toBe('in December 2019');
    expect(dateInEnglish(c!.parts)).toBe('since 1949');
    expect(dateInEnglish(d!.parts)).toBe('8 and 9 December');
    expect(dateInEnglish(findDates('du 3 au 7 juillet 2021')[0]!.parts)).toBe('3 to 7 July 2021');
    expect(dateInEnglish(findDates('2019-03-14')[0]!.parts)).toBe('on 14 March 2019');
  });
  it('does not take a number, a quantity or "mai" (the verb) for a date', () => {
    expect(findDates('Il faudra 2000 €, et mai-être 1 500 agents.').map((d) => d.text)).toEqual([]);
    expect(findDates('On peut lire 1 2019 000.').length).toBe(0);
  });
});

describe('quantities', () => {
  const q = (s: string) => findQuantities(s, FRENCH_STOPWORDS);
  it('reads French figures with approximations, scales, units and the counted noun', () => {
    const text = 'La région compte plus de 12 000 habitants, un budget de 3,2 millions d’euros, 15 % de chômage et une cinquantaine de villages.';
    const found = q(text);
    expect(found.map((c) => text.slice(c.spanStart, c.nounEnd))).toEqual(['plus de 12 000 habitants', '3,2 millions d’euros', '15 %', 'une cinquantaine de villages']);
    expect(found.map((c) => quantityInEnglish(c))).toEqual(['more than 12,000', '3.2 million', '15%', 'about fifty']);
  });
  it('leaves out years, ordinals, days of a month and identifiers', () => {
    expect(q('En 2019, la 25e session, le 8 mai, l’ODD 16 et l’article 5.').map((c) => c.number)).toEqual([]);
    expect(q('Les deux organisations ont signé.').length).toBe(0);
  });
  it('writes French digits the English way', () => {
    expect(englishDigits('43 000')).toBe('43,000');
    expect(englishDigits('4,5')).toBe('4.5');
    expect(fixNumbers('some 4,5 millardos of investigations and 43 000 profiles')).toBe('some 4.5 billion investigations and 43,000 profiles');
  });
});

describe('names', () => {
  it('tells people, bodies and places apart', () => {
    const text = 'Mme Claire Dubois, directrice de l’OMS, a reçu Karl Weber à Genève au siège de l’Organisation mondiale.';
    const names = findNames(text);
    expect(names.filter((n) => n.kind === 'person').map((n) => n.text)).toEqual(['Claire Dubois', 'Karl Weber']);
    expect(names.filter((n) => n.kind === 'body').map((n) => n.text)).toEqual(['OMS']);
    expect(names.filter((n) => n.kind === 'place').map((n) => n.text)).toEqual(['Genève', 'Organisation']);
  });
  it('groups coordinated people, including through an apposition', () => {
    const text = "le ministre, Anna Kowalska, et le maire de Lyon, Paul Martin, ont signé ; MM. Luis Ortega et Ahmed Saleh étaient présents.";
    const groups = personGroups(text, findNames(text));
    expect(groups.map((g) => g.map((n) => n.text))).toEqual([['Anna Kowalska', 'Paul Martin'], ['Luis Ortega', 'Ahmed Saleh']]);
  });
});

describe('planShortAnswer', () => {
  it('when: the date nearest the question’s words, not one the question gives', () => {
    const p = plan('Quand le pont de Millau a-t-il été inauguré ?', 'fr', 'Commencé en 2001, le pont de Millau a été inauguré le 14 décembre 2004 par le président.');
    expect(p?.parts[0]).toMatchObject({ kind: 'when', text: 'Le 14 décembre 2004', original: 'le 14 décembre 2004' });
    expect(englishShortWithoutTranslator(p!)).toBe('On 14 December 2004');
    const q = plan('Que s’est-il passé en 2001 ?', 'fr', 'Commencé en 2001, le pont a été inauguré le 14 décembre 2004.');
    expect(q).toBeNull();
  });
  it('how many: the figure whose noun the question counts', () => {
    const p = plan('Combien d’habitants compte la commune ?', 'fr', 'La commune, créée en 1790, couvre 45 km² et compte 3 200 habitants répartis dans 12 hameaux.');
    expect(p?.parts[0]?.original).toBe('3 200 habitants');
    const en = plan('How many inhabitants does the town have?', 'en', 'La commune, créée en 1790, couvre 45 km² et compte 3 200 habitants répartis dans 12 hameaux.');
    expect(en?.parts[0]?.original).toBe('3 200 habitants');
  });
  it('who: a person the question does not already name, with both signatories', () => {
    const p = plan('Who signed the treaty with Anna Kowalska?', 'en', 'Le traité a été signé par Anna Kowalska et Paul Martin à Varsovie.');
    expect(p?.parts[0]).toMatchObject({ kind: 'who', original: 'Paul Martin' });
    const both = plan('Qui a signé le traité ?', 'fr', 'La ministre, Anna Kowalska, et le maire, Paul Martin, ont signé le traité.');
    expect(both?.parts[0]?.original).toBe('Anna Kowalska et Paul Martin');
    expect(englishShortWithoutTranslator(both!)).toBe('Anna Kowalska and Paul Martin');
  });
  it('where: the place after its preposition; plural questions gather the places of several quotes', () => {
    const p = plan('Où se trouve le siège de l’entreprise ?', 'fr', 'Le siège de l’entreprise se trouve à Clermont-Ferrand depuis 1889.');
    expect(p?.parts[0]).toMatchObject({ kind: 'where', text: 'À Clermont-Ferrand' });
    const many = plan('Dans quelles villes l’entreprise a-t-elle des usines ?', 'fr', 'L’entreprise a une usine à Roanne.', 'Une autre usine a ouvert à Cholet en 2010.');
    expect(many?.parts[0]?.original).toBe('Roanne et Cholet');
  });
  it('two asks get two parts; other questions none', () => {
    const p = plan('Quand le festival a-t-il été créé et combien de spectateurs accueille-t-il ?', 'fr', 'Créé en 1947, le festival accueille chaque été près de 100 000 spectateurs.');
    expect(p?.parts.map((x) => x.original)).toEqual(['en 1947', 'près de 100 000 spectateurs']);
    expect(plan('Pourquoi le festival a-t-il été créé ?', 'fr', 'Créé en 1947, le festival voulait décentraliser le théâtre.')).toBeNull();
  });
  it('a when-question whose sentence has no date takes the document’s date, labelled', () => {
    const p = planShortAnswer('Quand ont-ils discuté ?', 'fr', [{ n: 1, text: 'Lors de leur rencontre, ils ont discuté du budget.', date: '2021-03-09' }], { lexicon });
    expect(p?.parts[0]?.text).toBe('9 mars 2021 (date du document)');
    expect(englishShortWithoutTranslator(p!)).toBe('9 March 2021 (date of the document)');
  });
});

describe('planShortAnswer: several asks of one kind', () => {
  it('gives one date per "when" the question asks, in the order of the quotes', () => {
    const p = plan('Quand la ligne a-t-elle été ouverte et quand a-t-elle été prolongée ?', 'fr', 'La ligne a été ouverte en 1998.', 'Elle a été prolongée jusqu’à Orly en juin 2024.');
    expect(p?.parts.map((x) => x.original)).toEqual(['en 1998', 'en juin 2024']);
  });
});
