import { describe, expect, it } from 'vitest';
import { condenseHeuristic } from '../../answer/condense.js';
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
