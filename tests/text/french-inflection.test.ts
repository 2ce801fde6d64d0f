/** Inflection vs derivation between two French words sharing a stem (text/french-inflection.ts). */
import { describe, expect, it } from 'vitest';
import { sameFrenchWord } from '../../text/french-inflection.js';

describe('sameFrenchWord', () => {
  it('accepts gender, number and al/aux inflections', () => {
    expect(sameFrenchWord('nationale', 'nationales')).toBe(true);
    expect(sameFrenchWord('national', 'nationaux')).toBe(true);
    expect(sameFrenchWord('generale', 'generaux')).toBe(true);
    expect(sameFrenchWord('effectuees', 'effectue')).toBe(true);
  });

  it('accepts verb forms of one verb, even when the common prefix runs into the ending', () => {
    expect(sameFrenchWord('signe', 'signer')).toBe(true);
    expect(sameFrenchWord('recherche', 'rechercher')).toBe(true);
    expect(sameFrenchWord('represente', 'representant')).toBe(true);
    expect(sameFrenchWord('deroulee', 'deroulera')).toBe(true);
    expect(sameFrenchWord('conclu', 'conclure')).toBe(true);
    expect(sameFrenchWord('finir', 'fini')).toBe(true);
  });

  it('rejects derivations that Snowball conflates', () => {
    expect(sameFrenchWord('nationalite', 'nationale')).toBe(false);
    expect(sameFrenchWord('validite', 'valides')).toBe(false);
    expect(sameFrenchWord('organisation', 'organise')).toBe(false);
    expect(sameFrenchWord('terrorisme', 'terroristes')).toBe(false);
    expect(sameFrenchWord('actuellement', 'actuel')).toBe(false);
  });

  it('says nothing about words with too short a common prefix', () => {
    expect(sameFrenchWord('ai', 'as')).toBe(false);
    expect(sameFrenchWord('ouvert', 'ouvert')).toBe(true);
  });
});
