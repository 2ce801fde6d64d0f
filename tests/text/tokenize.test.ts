import { describe, expect, it } from 'vitest';
import { tokenize, type Token } from '../../text/tokenize.js';

const norms = (text: string, opts = {}) => tokenize(text, opts).filter((t) => !t.compound).map((t) => t.norm);

describe('tokenize', () => {
  it('gives offsets into the original text', () => {
    const text = "Le Secrétaire général d’INTERPOL, M. Stock, a déclaré : « 43 000 profils » (l'ONUDC).";
    const tokens = tokenize(text);
    expect(tokens.length).toBeGreaterThan(10);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.raw);
  });

  it('keeps numbers whole: digit groups, decimals, years, ordinals', () => {
    expect(norms('plus de 43 000 profils')).toEqual(['plus', 'de', '43000', 'profils']);
    expect(norms('plus de 43\u00a0000\u00a0profils')).toEqual(['plus', 'de', '43000', 'profils']);
    expect(norms('43\u202f000 et 1 000 000')).toEqual(['43000', 'et', '1000000']);
    expect(norms('4,5 milliards')).toEqual(['4.5', 'milliards']);
    expect(norms('43,000 fighters and 4.5 billion')).toEqual(['43000', 'fighters', 'and', '4.5', 'billion']);
    expect(norms('1.000.000 €')).toEqual(['1000000']);
    expect(norms('en 2018, puis en 2030.')).toEqual(['en', '2018', 'puis', 'en', '2030']);
    expect(norms('la 25ème session, la 6e édition, le 1er mai, the 25th session')).toEqual([
      'la', '25', 'session', 'la', '6', 'édition', 'le', '1', 'mai', 'the', '25', 'session',
    ]);
  });

  it('does not glue separate numbers together', () => {
    expect(norms('en 1997 2004')).toEqual(['en', '1997', '2004']);
    expect(norms('les 8 et 9 décembre')).toEqual(['les', '8', 'et', '9', 'décembre']);
    const kinds = tokenize('les 8 et 9').map((t) => t.kind);
    expect(kinds).toEqual(['word', 'number', 'word', 'number']);
  });

  it('removes French elisions, whatever the apostrophe and case', () => {
    expect(norms("l'ONU d’INTERPOL qu'elles j'ai n'a s’est c'est m'a t'a")).toEqual(['onu', 'interpol', 'elles', 'ai', 'a', 'est', 'est', 'a', 'a']);
    expect(norms("jusqu'à lorsqu'il puisqu’elle quoiqu'on")).toEqual(['à', 'il', 'elle', 'on']);
    expect(norms("L'ONUDC et D'INTERPOL")).toEqual(['onudc', 'et', 'interpol']);
  });

  it('keeps lexicalised apostrophes', () => {
    expect(norms("aujourd'hui, aujourd’hui, presqu'île")).toEqual(["aujourd'hui", "aujourd'hui", "presqu'île"]);
  });

  it('elision offsets point at the word itself', () => {
    const text = 'le rôle d’INTERPOL';
    const t = tokenize(text).find((x) => x.norm === 'interpol') as Token;
    expect(text.slice(t.start, t.end)).toBe('INTERPOL');
  });

  it('strips the English possessive', () => {
    expect(norms("INTERPOL's databases and Stock’s speech")).toEqual(['interpol', 'databases', 'and', 'stock', 'speech']);
  });

  it('emits hyphenated words whole (compound) and part by part', () => {
    const tokens = tokenize('les garde-côtes et le CCG-POL');
    const compound = tokens.filter((t) => t.compound).map((t) => t.norm);
    expect(compound).toEqual(['garde-côtes', 'ccg-pol']);
    expect(tokens.filter((t) => !t.compound).map((t) => t.norm)).toEqual(['les', 'garde', 'côtes', 'et', 'le', 'ccg', 'pol']);
    const parts = tokens.filter((t) => t.norm === 'côtes');
    expect(parts[0]?.start).toBe('les garde-'.length);
    expect(tokenize('garde-côtes', { compounds: false }).map((t) => t.norm)).toEqual(['garde', 'côtes']);
  });

  it('marks acronyms, including dotted ones', () => {
    const tokens = tokenize('ONU, U.N. et Interpol');
    expect(tokens.map((t) => [t.norm, t.kind])).toEqual([
      ['onu', 'acronym'],
      ['un', 'acronym'],
      ['et', 'word'],
      ['interpol', 'word'],
    ]);
  });

  it('can leave elisions and possessives alone', () => {
    expect(norms("l'ONU INTERPOL's", { elisions: false, possessives: false })).toEqual(["l'onu", "interpol's"]);
  });
});
