import { describe, expect, it } from 'vitest';
import { detectLanguage, languageScores } from '../../text/lang.js';

const FRENCH = [
  "Qui a rencontré Jürgen Stock à l'ONU ?",
  'Qui Jürgen Stock a-t-il rencontré aux Nations Unies ?',
  "Quand l'accord entre l'ONUDC et INTERPOL a-t-il été signé ?",
  'Combien de profils de combattants terroristes étrangers ?',
  "Où s'est tenu le Dialogue INTERPOL ?",
  "Depuis quand INTERPOL collabore-t-il avec l'ONU ?",
  "Quelle est la position d'INTERPOL ?",
  'En quelle année le bureau de New York a-t-il ouvert ?',
  'Coopération en cybercriminalité',
  'Que dit le Secrétaire général António Guterres ?',
  "Quels sont les objectifs de l'action policière mondiale ?",
  'Qui dirige INTERPOL',
  'Pourquoi INTERPOL travaille avec l’ONUDC ?',
  'ODD 16 : de quoi parle-t-il ?',
  'Jürgen Stock et António Guterres se sont-ils vus en 2018 ?',
  'Le Pacte mondial de coordination contre le terrorisme',
];

const ENGLISH = [
  'Who did Jürgen Stock meet at the United Nations?',
  'When was the UNODC agreement signed?',
  'How many foreign terrorist fighter profiles does INTERPOL hold?',
  'Where was the INTERPOL Dialogue held?',
  'What is SDG 16 about?',
  'Since when has INTERPOL worked with the UN?',
  'António Guterres met whom?',
  'Which year did the Special Representative office open in New York?',
  'Is INTERPOL a member of the Global Counter-Terrorism Coordination Compact?',
  "What are INTERPOL's Global Policing Goals?",
  'Who leads UNODC?',
  "What did Jürgen Stock say about the world's security threats?",
  'Tell me about the cooperation between INTERPOL and the UN',
  'How does INTERPOL fight cybercrime?',
  'List the regional police organizations in the Dialogue',
  'Why are foreign fighters a threat?',
];

describe('detectLanguage', () => {
  it.each(FRENCH)('fr: %s', (q) => {
    expect(detectLanguage(q)).toBe('fr');
  });

  it.each(ENGLISH)('en: %s', (q) => {
    expect(detectLanguage(q)).toBe('en');
  });

  it('names and acronyms carry no evidence', () => {
    for (const q of ['Jürgen Stock', 'INTERPOL', 'António Guterres ONUDC UNODC', 'SDG 16']) {
      expect(languageScores(q)).toEqual({ fr: 0, en: 0 });
    }
  });

  it('a tie goes to French, or to the configured side', () => {
    expect(detectLanguage('INTERPOL')).toBe('fr');
    expect(detectLanguage('')).toBe('fr');
    expect(detectLanguage('INTERPOL', { tie: 'en' })).toBe('en');
  });

  it('a French name inside an English question does not flip it (and vice versa)', () => {
    expect(detectLanguage('What did Hélène Lévêque say at the Élysée?')).toBe('en');
    expect(detectLanguage('Qu’a dit John Smith à Washington ?')).toBe('fr');
  });
});
