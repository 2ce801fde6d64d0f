import { describe, expect, it } from 'vitest';
import { notInDocuments } from '../../answer/messages.js';

describe('notInDocuments (restating the question)', () => {
  it('turns French questions into indirect ones', () => {
    expect(notInDocuments('Qui a succédé à Jürgen Stock ?', 'fr')).toBe('Les documents ne précisent pas qui a succédé à Jürgen Stock.');
    expect(notInDocuments('Combien de notices rouges INTERPOL a-t-il publiées en 2020 ?', 'fr')).toBe(
      'Les documents ne précisent pas combien de notices rouges INTERPOL a publiées en 2020.',
    );
    expect(notInDocuments('Qu’a déclaré António Guterres ?', 'fr')).toBe('Les documents ne précisent pas ce qu’a déclaré António Guterres.');
    expect(notInDocuments('INTERPOL travaille-t-il avec Europol ?', 'fr')).toBe('Les documents ne précisent pas si INTERPOL travaille avec Europol.');
  });

  it('restates English questions, quoting those whose word order would need rewriting', () => {
    expect(notInDocuments('Who succeeded Jürgen Stock as INTERPOL Secretary General?', 'en')).toBe(
      'The documents do not say who succeeded Jürgen Stock as INTERPOL Secretary General.',
    );
    expect(notInDocuments("What is INTERPOL's annual budget?", 'en')).toBe("The documents do not say what is INTERPOL's annual budget.");
    expect(notInDocuments('How many Red Notices did INTERPOL issue in 2020?', 'en')).toBe('The documents do not say: “How many Red Notices did INTERPOL issue in 2020?”');
  });
});
