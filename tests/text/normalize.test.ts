import { describe, expect, it } from 'vitest';
import { foldAccents, foldText, lowerText, normalizeText } from '../../text/normalize.js';

describe('normalizeText', () => {
  it('unifies apostrophe look-alikes', () => {
    for (const s of ['l’ONU', 'l‘ONU', 'lʼONU', 'l´ONU', "l'ONU"]) expect(normalizeText(s)).toBe("l'ONU");
  });

  it('unifies joining hyphens but keeps clause dashes', () => {
    expect(normalizeText('garde\u2010côtes')).toBe('garde-côtes');
    expect(normalizeText('garde\u2011côtes')).toBe('garde-côtes');
    expect(normalizeText('INTERPOL – ONU')).toBe('INTERPOL – ONU');
  });

  it('applies NFKC (ligatures, non-breaking spaces) and drops invisible characters', () => {
    expect(normalizeText('ﬁnancement')).toBe('financement');
    expect(normalizeText('43\u00a0000')).toBe('43 000');
    expect(normalizeText('coopé\u00adration')).toBe('coopération');
    expect(normalizeText('inter\u200bpol')).toBe('interpol');
  });

  it('composes decomposed accents (NFD input) so both spellings compare equal', () => {
    expect(lowerText('Se\u0301curite\u0301')).toBe(lowerText('Sécurité'));
  });
});

describe('foldText / foldAccents', () => {
  it('lowercases and removes accents', () => {
    expect(foldText('Éléments SÉCURITÉ côte à côte, ça, où, naïf, Noël')).toBe('elements securite cote a cote, ca, ou, naif, noel');
  });

  it('expands ligatures and special letters', () => {
    expect(foldText('Œuvre')).toBe('oeuvre');
    expect(foldText('cœur')).toBe('coeur');
    expect(foldText('ex æquo')).toBe('ex aequo');
    expect(foldText('Straße')).toBe('strasse');
  });

  it('folds names from other languages the same way on both sides', () => {
    expect(foldText('Jürgen')).toBe('jurgen');
    expect(foldText('António')).toBe('antonio');
  });

  it('leaves plain ASCII untouched', () => {
    expect(foldAccents('interpol 2018')).toBe('interpol 2018');
  });
});
