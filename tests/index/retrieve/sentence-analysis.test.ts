/** A passage read sentence by sentence: verbatim spans and the answer candidates each sentence holds. */
import { describe, expect, it } from 'vitest';
import type { Passage } from '../../../core/types.js';
import { analysePassage } from '../../../index/bm25/postings.js';
import { passageSentences } from '../../../index/retrieve/sentence-analysis.js';
import { splitSentences } from '../../../text/sentences.js';

const passage = (text: string, date: string | null = null): Passage => ({ id: 'p', source: 's.txt', title: 'Titre', date, text, start: 0, end: text.length, ordinal: 0 });
const read = (text: string, date: string | null = null) => passageSentences(analysePassage(passage(text, date)));

describe('passage sentences', () => {
  it('are exact spans of the passage; headings are flagged', () => {
    const text = 'Un long passé de coopération\nINTERPOL collabore avec l’ONU depuis 1949. En 2004, le Bureau a ouvert à New York.';
    const { sentences } = read(text);
    expect(sentences.map((s) => text.slice(s.start, s.end))).toEqual([
      'Un long passé de coopération',
      'INTERPOL collabore avec l’ONU depuis 1949.',
      'En 2004, le Bureau a ouvert à New York.',
    ]);
    expect(sentences.map((s) => s.heading)).toEqual([true, false, false]);
  });

  it('tells years, days, ordinals and quantities apart', () => {
    const [s] = read('Le 23 mai 2016, lors de la 25ème session, les 8 et 9 décembre, 43 000 profils et 4,5 milliards de recherches.').sentences;
    expect(s!.years).toEqual(['2016']);
    expect(s!.month).toBe(true);
    expect(s!.quantities).toEqual(['43000', '4.5', 'milliards']);
  });

  it('does not count "les deux organisations" (a determiner referring back), but counts "deux jours"', () => {
    expect(read('Les relations entre les deux organisations se renforcent.').sentences[0]!.quantities).toEqual([]);
    expect(read('Une réunion de deux jours.').sentences[0]!.quantities).toEqual(['2']);
  });

  it('finds names (not titles or institutions) and places', () => {
    const [s] = read('Le Secrétaire général, M. Stock, a rencontré António Guterres et le Bureau de l’ONUDC à Vienne.').sentences;
    const names = s!.names.map((n) => n.folded);
    expect(names).toEqual(expect.arrayContaining(['stock', 'antonio', 'guterres', 'onudc']));
    expect(names).not.toContain('secretaire');
    expect(names).not.toContain('bureau');
    expect(names).not.toContain('vienne');
    expect(s!.places.map((p) => p.folded)).toEqual(['vienne']);
    const [ny] = read('Le Bureau a ouvert à New York en 2004.').sentences;
    expect(ny!.places.map((p) => p.folded)).toEqual(['new', 'york']);
  });

  it('gives the passage context its publication year, not its month or day', () => {
    const { contextWords } = read('Le Dialogue s’est tenu au siège.', '2022-12-10');
    expect(contextWords.has('2022')).toBe(true);
    expect(contextWords.has('12')).toBe(false);
    expect(contextWords.has('10')).toBe(false);
  });

  it('reads people’s names: after a civility title, or two adjacent capitalised words; not places or acronyms', () => {
    const r = read('Lors de leur réunion, MM. António Guterres et Jürgen Stock ont parlé. Le directeur exécutif de l’ONUDC, Yury Fedotov, est venu à New York (New York) avec M. Stock.');
    for (const w of ['antonio', 'guterres', 'jurgen', 'stock', 'yury', 'fedotov']) expect(r.persons.has(w), w).toBe(true);
    for (const w of ['new', 'york', 'onudc']) expect(r.persons.has(w), w).toBe(false);
    const last = r.sentences[1]!;
    expect(last.names.find((n) => n.folded === 'fedotov')?.person).toBe(true);
    expect(last.names.find((n) => n.folded === 'onudc')).toMatchObject({ acronym: true, person: false });
  });

  it('tells speakers from people named inside a quotation, across sentences and passages', () => {
    const r = read('« Ma rencontre avec António Guterres a été utile. Seule la coopération compte », a conclu M. Stock. António Guterres et Jürgen Stock ont abordé la sécurité.');
    expect(r.speakers.has('stock')).toBe(true);
    expect(r.speakers.has('guterres')).toBe(false);
    // A quotation that opened in the previous passage: everything before its closing mark is quoted.
    const tail = read('les menaces de demain », a déclaré M. Stock à Yury Fedotov.');
    expect(tail.speakers.has('stock')).toBe(true);
    expect(read('Yury Fedotov a rencontré Jürgen Stock.').speakers.size).toBe(0);
  });

  it('marks sentences stating the present, and keeps the words behind each term', () => {
    const r = read('Il existe actuellement 600 notices. INTERPOL compte 192 pays membres. Les menaces d’aujourd’hui.');
    expect(r.sentences.map((s) => s.now)).toEqual([true, false, true]);
    expect(r.sentences[1]!.forms.get('membr')).toEqual(['membres']);
  });
});
