import { describe, expect, it } from 'vitest';
import { condenseHeuristic } from '../../answer/condense.js';
import { focusOf } from '../../answer/focus.js';
import type { ConversationTurn } from '../../answer/types.js';
import { loadLexicon } from '../../text/lexicon/lexicon.js';

const lexicon = loadLexicon();
const after = (question: string, lang: 'fr' | 'en' = 'fr'): ConversationTurn[] => [{ question, standalone: question, lang }];

describe('condenseHeuristic (follow-ups without an LLM)', () => {
  it('leaves a first question alone', () => {
    expect(condenseHeuristic('Qui dirige INTERPOL ?', 'fr', [], lexicon)).toEqual({ standalone: 'Qui dirige INTERPOL ?', followUp: false, rule: 'none' });
  });

  it('replaces the year of the previous question ("Et en 2017 ?")', () => {
    const r = condenseHeuristic('Et en 2017 ?', 'fr', after('Combien de recherches ont été effectuées dans les bases d’INTERPOL en 2021 ?'), lexicon);
    expect(r).toMatchObject({ followUp: true, rule: 'slot' });
    expect(r.standalone).toBe('Combien de recherches ont été effectuées dans les bases d’INTERPOL en 2017 ?');
  });

  it('appends a year the previous question did not have', () => {
    const r = condenseHeuristic('Et en 2017 ?', 'fr', after('Combien de recherches ont été effectuées dans les bases d’INTERPOL ?'), lexicon);
    expect(r.standalone).toBe('Combien de recherches ont été effectuées dans les bases d’INTERPOL en 2017 ?');
    expect(r.rule).toBe('append');
  });

  it('replaces the entity of the same shape ("Et l’ONUDC ?")', () => {
    const r = condenseHeuristic('Et l’ONUDC ?', 'fr', after('Quelles sont les relations entre INTERPOL et l’ONU ?'), lexicon);
    expect(r.standalone).toBe('Quelles sont les relations entre INTERPOL et l’ONUDC ?');
  });

  it('replaces the place after the same kind of preposition ("What about in Vienna?")', () => {
    const r = condenseHeuristic('What about in Vienna?', 'en', after('When did INTERPOL open its office at the UN in New York?', 'en'), lexicon);
    expect(r.standalone).toBe('When did INTERPOL open its office at the UN in Vienna?');
  });

  it('translates the new place when the previous question was French', () => {
    const r = condenseHeuristic('What about in Vienna?', 'en', after('Quand le Bureau d’INTERPOL à New York a-t-il ouvert ?'), lexicon);
    expect(r.standalone).toBe('Quand le Bureau d’INTERPOL à Vienne a-t-il ouvert ?');
  });

  it('adds the previous topic to an anaphoric question ("Who signed it?")', () => {
    const r = condenseHeuristic('Who signed it?', 'en', after('When was the UNODC–INTERPOL agreement signed?', 'en'), lexicon);
    expect(r).toMatchObject({ followUp: true, rule: 'context' });
    expect(r.standalone).toBe('Who signed it (UNODC INTERPOL agreement)?');
  });

  it('adds the previous topic to a bare question word ("Quand ?", "Pourquoi ?")', () => {
    const prev = after('Qui a signé l’accord entre l’ONUDC et INTERPOL ?');
    expect(condenseHeuristic('Quand ?', 'fr', prev, lexicon).standalone).toBe('Quand (signé accord ONUDC INTERPOL) ?');
    expect(condenseHeuristic('Et pourquoi ?', 'fr', prev, lexicon).standalone).toBe('Pourquoi (signé accord ONUDC INTERPOL) ?');
  });

  it('treats French object pronouns as anaphora ("Qui l’a signé ?")', () => {
    const r = condenseHeuristic('Qui l’a signé ?', 'fr', after('Quand l’accord entre l’ONUDC et INTERPOL a-t-il été conclu ?'), lexicon);
    expect(r.rule).toBe('context');
    expect(r.standalone).toContain('ONUDC');
  });

  it('keeps a new standalone question as it is, even mid-conversation', () => {
    const r = condenseHeuristic('Combien d’États sont membres d’INTERPOL ?', 'fr', after('Qui a signé l’accord entre l’ONUDC et INTERPOL ?'), lexicon);
    expect(r).toEqual({ standalone: 'Combien d’États sont membres d’INTERPOL ?', followUp: false, rule: 'none' });
    // An inversion pronoun (a-t-il) is not an anaphor.
    const q = 'Quand INTERPOL a-t-il rejoint le Pacte mondial de coordination contre le terrorisme ?';
    expect(condenseHeuristic(q, 'fr', after('Qui dirige INTERPOL ?'), lexicon).followUp).toBe(false);
  });

  it('chains: a rewritten follow-up is the base of the next one', () => {
    const first = condenseHeuristic('Quand ?', 'fr', after('Qui a signé l’accord entre l’ONUDC et INTERPOL ?'), lexicon);
    const second = condenseHeuristic('Pourquoi ?', 'fr', [{ question: 'Quand ?', standalone: first.standalone, lang: 'fr' }], lexicon);
    expect(second.standalone).toBe('Pourquoi (signé accord ONUDC INTERPOL) ?');
  });
});

describe('condenseHeuristic: referents from the conversation, in the follow-up’s own language', () => {
  const turn = (question: string, lang: 'fr' | 'en', shortAnswer?: { original: string; kind: 'who' | 'when' }): ConversationTurn[] => [
    { question, standalone: question, lang, focus: focusOf(question, shortAnswer ?? null) },
  ];

  it('replaces a person pronoun with the people of the previous question and answer', () => {
    const prev = turn('Who did Jürgen Stock meet at the United Nations?', 'en', { original: 'António Guterres', kind: 'who' });
    expect(condenseHeuristic('When was their first meeting?', 'en', prev, lexicon).standalone).toBe('When was Jürgen Stock and António Guterres’s first meeting?');
    const fr = turn('Qui a rencontré Jürgen Stock ?', 'fr', { original: 'António Guterres', kind: 'who' });
    expect(condenseHeuristic('De quoi ont-ils parlé ?', 'fr', fr, lexicon).standalone).toBe('De quoi Jürgen Stock et António Guterres ont-ils parlé ?');
    expect(condenseHeuristic('Quand a eu lieu leur première réunion ?', 'fr', fr, lexicon).standalone).toBe('Quand a eu lieu leur première réunion (Jürgen Stock et António Guterres) ?');
    // Singular: the most recent person (the answer's).
    const who = turn('Who was the executive director of UNODC?', 'en', { original: 'Yury Fedotov', kind: 'who' });
    expect(condenseHeuristic('What did he say?', 'en', who, lexicon).standalone).toBe('What did Yury Fedotov say?');
  });

  it('carries only names across languages (no word of the other language)', () => {
    const prev = turn('Who did Jürgen Stock meet at the United Nations?', 'en', { original: 'António Guterres', kind: 'who' });
    const r = condenseHeuristic('Et quand ?', 'fr', prev, lexicon);
    expect(r.standalone).toBe('Quand (Jürgen Stock António Guterres) ?');
    expect(r.standalone).not.toMatch(/\bmeet\b/);
  });

  it('reads a French simple inversion as anaphora, a complex one as a new question', () => {
    const prev = turn('Dans combien de résolutions de l’Assemblée générale INTERPOL figure-t-il ?', 'fr');
    expect(condenseHeuristic('Sur quels sujets portent-elles ?', 'fr', prev, lexicon).rule).toBe('context');
    expect(condenseHeuristic('Quand le Bureau de New York a-t-il ouvert ?', 'fr', prev, lexicon).rule).toBe('none');
  });

  it('asks the previous question about the present ("What about now?")', () => {
    expect(condenseHeuristic('What about now?', 'en', turn('How many UN entities did the compact have in 2018?', 'en'), lexicon).standalone).toBe('How many UN entities did the compact have now?');
    expect(condenseHeuristic('Et aujourd’hui ?', 'fr', turn('Combien d’entités comptait le Pacte en 2018 ?', 'fr'), lexicon).standalone).toBe('Combien d’entités comptait le Pacte aujourd’hui ?');
  });

  it('replaces the name phrase of the same preposition (« Et du Conseil de sécurité ? »)', () => {
    const r = condenseHeuristic('Et du Conseil de sécurité ?', 'fr', turn('Dans combien de résolutions de l’Assemblée générale INTERPOL figure-t-il ?', 'fr'), lexicon);
    expect(r.standalone).toContain('du Conseil de sécurité');
    expect(r.standalone).not.toContain('Assemblée');
  });

  it('leaves a topic switch alone', () => {
    const prev = turn('Who did Jürgen Stock meet at the United Nations?', 'en', { original: 'António Guterres', kind: 'who' });
    expect(condenseHeuristic('How many member countries does INTERPOL have?', 'en', prev, lexicon).rule).toBe('none');
  });
});
