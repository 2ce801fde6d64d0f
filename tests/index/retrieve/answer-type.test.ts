/** Expected answer types from French and English interrogatives, and the words that only name the type. */
import { describe, expect, it } from 'vitest';
import { answerTypes } from '../../../index/retrieve/answer-type.js';

const types = (q: string, lang: 'fr' | 'en') => answerTypes(q, lang).types;

describe('expected answer type', () => {
  it.each([
    ['Qui a signé l’accord ?', ['who']],
    ['Par qui l’accord a-t-il été signé ?', ['who']],
    ['Qui étaient les deux signataires du partenariat ?', ['who']],
    ['Quand INTERPOL a-t-il ouvert son bureau ?', ['when']],
    ['Depuis quand INTERPOL coopère-t-il avec l’ONU ?', ['when']],
    ['En quelle année les OAPM ont-ils été introduits ?', ['when']],
    ['Combien de pays sont membres ?', ['count']],
    ['Combien de temps a duré la réunion ?', ['when']],
    ['Où se tient le Dialogue ?', ['where']],
    ['Dans quelles villes INTERPOL est-il représenté ?', ['where']],
    ['Où et quand s’est tenue la réunion ?', ['where', 'when']],
    ['Quand INTERPOL a-t-il rejoint le Pacte, et combien d’entités y siégeaient ?', ['when', 'count']],
  ] as const)('fr: %s → %j', (q, expected) => {
    expect(types(q, 'fr')).toEqual(expected);
  });

  it.each([
    ['Who signed the agreement?', ['who']],
    ['When did INTERPOL open its New York office?', ['when']],
    ['In which year was the relationship formalised?', ['when']],
    ['How far back does the cooperation go?', ['when']],
    ['How many member countries does INTERPOL have?', ['count']],
    ['How much money was committed?', ['count']],
    ['Where will the next Dialogue be held?', ['where']],
    ['Which countries attended?', ['where']],
    ['When and where did the Dialogue take place?', ['when', 'where']],
    ['Does INTERPOL have representation at the UN, and where?', ['where']],
  ] as const)('en: %s → %j', (q, expected) => {
    expect(types(q, 'en')).toEqual(expected);
  });

  it('reads quand / when / qui inside a clause as a conjunction or a relative, not a question', () => {
    expect(types('Quel texte venait d’être réexaminé quand Guterres a reçu Stock ?', 'fr')).toEqual([]);
    expect(types('What had been reviewed when Guterres and Stock met?', 'en')).toEqual([]);
    expect(types('Quels thèmes abordent les résolutions qui mentionnent INTERPOL ?', 'fr')).toEqual([]);
    expect(types('Why were fighters a worry when the two leaders first met?', 'en')).toEqual([]);
  });

  it('names the words that only say which type is wanted', () => {
    expect([...answerTypes('En quelle année le bureau a-t-il ouvert ?', 'fr').typeWords]).toEqual(['annee']);
    expect([...answerTypes('In which year was it signed?', 'en').typeWords]).toEqual(['year']);
    expect(answerTypes('Which countries voted?', 'en').whereByName).toBe(true);
    expect(answerTypes('Where is the office?', 'en').whereByName).toBe(false);
  });

  it('expects nothing checkable from why / how / what questions', () => {
    expect(types('Pourquoi le retour des combattants préoccupait-il l’ONU ?', 'fr')).toEqual([]);
    expect(types('How do UNODC and INTERPOL divide the work?', 'en')).toEqual([]);
    expect(types('What is ICAT?', 'en')).toEqual([]);
  });
});
