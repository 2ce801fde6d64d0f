import { describe, expect, it } from 'vitest';
import { DEFAULT_RELEVANCE, holdsSpan, isRelevant, matchedGold, normalizeForMatch, requiredChars, sameSource } from '../../eval/relevance.js';

const SRC = '001_9e0b992cc2ec1990.txt';
const passage = (text: string, source = SRC) => ({ source, text });

describe('normalizeForMatch', () => {
  it('unifies apostrophes, quotes, dashes, whitespace (NBSP included) and case', () => {
    expect(normalizeForMatch('L’ONU  et\u00a0l\'ONUDC ʼx')).toBe("l'onu et l'onudc 'x");
    expect(normalizeForMatch('«\u00a0système mondial\u00a0»')).toBe(normalizeForMatch('"système mondial"'));
    expect(normalizeForMatch('INTERPOL – ONU')).toBe('interpol - onu');
    expect(normalizeForMatch('43\u00a0000\u202fprofils\n\tétrangers ')).toBe('43 000 profils étrangers');
  });

  it('keeps accents (they carry meaning in French) but composes them', () => {
    expect(normalizeForMatch('Sécurité')).toBe('sécurité');
    expect(normalizeForMatch('Se\u0301curite\u0301')).toBe('sécurité');
  });
});

describe('isRelevant', () => {
  const gold = { source: SRC, text: 'figurent plus de 43\u00a0000\u00a0profils de terroristes étrangers' };

  it('matches a passage holding the span despite typography and case differences', () => {
    expect(isRelevant(passage("Dans les bases d'INTERPOL FIGURENT plus de 43 000 profils de terroristes étrangers, selon M. Stock."), gold)).toBe(true);
    const curly = { source: '004_9afdffdf36575cd6.txt', text: "L'ONUDC et INTERPOL combattent le trafic d'humains" };
    expect(isRelevant(passage('Depuis 2016, l’ONUDC et INTERPOL combattent le trafic d’humains et de migrants.', curly.source), curly)).toBe(true);
  });

  it('rejects the same text from another source', () => {
    expect(isRelevant(passage('figurent plus de 43 000 profils de terroristes étrangers', '000_87e5c8281a3b5988.txt'), gold)).toBe(false);
  });

  it('accepts a passage holding at least half of the span, at the start, middle or end', () => {
    const span = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMN'; // 50 chars
    const g = { source: 'x.txt', text: span };
    const n = normalizeForMatch(span);
    expect(requiredChars(n.length)).toBe(25);
    expect(isRelevant(passage('… ' + span.slice(0, 25), 'x.txt'), g)).toBe(true); // chunk ends inside the span
    expect(isRelevant(passage(span.slice(25) + ' …', 'x.txt'), g)).toBe(true); // chunk starts inside it
    expect(isRelevant(passage('[' + span.slice(12, 37) + ']', 'x.txt'), g)).toBe(true); // middle
    expect(isRelevant(passage(span.slice(0, 24), 'x.txt'), g)).toBe(false); // just under half
    expect(isRelevant(passage(span.slice(0, 20) + ' ' + span.slice(30), 'x.txt'), g)).toBe(false); // two pieces, neither half
  });

  it('uses the half rule on real chunk boundaries', () => {
    const g = { source: SRC, text: 'En 2017, les services chargés de l’application de la loi du monde entier ont effectué quelque 4,5 milliards de recherches dans les bases de données d’INTERPOL' };
    const tail = 'du monde entier ont effectué quelque 4,5 milliards de recherches dans les bases de données d’INTERPOL, donnant lieu à un million de réponses positives.';
    const head = 'figurent plus de 43 000 profils. En 2017, les services chargés';
    expect(isRelevant(passage(tail), g)).toBe(true);
    expect(isRelevant(passage(head), g)).toBe(false);
  });

  it('requires short spans whole: half of "depuis 1949" would match too much', () => {
    const g = { source: SRC, text: 'INTERPOL collabore avec l’ONU depuis 1949' };
    expect(requiredChars(normalizeForMatch(g.text).length, DEFAULT_RELEVANCE)).toBe(24);
    expect(isRelevant(passage('INTERPOL collabore avec l’ONU depuis 1949. En 2004…'), g)).toBe(true);
    expect(isRelevant(passage('la sécurité depuis 1949 et plus'), g)).toBe(false);
    const tiny = { source: SRC, text: '192 pays' };
    expect(isRelevant(passage('ses 192 pays membres'), tiny)).toBe(true);
    expect(isRelevant(passage('ses 192 États membres'), tiny)).toBe(false);
  });

  it('matchedGold lists every span a passage covers', () => {
    const golds = [
      { source: SRC, text: 'INTERPOL collabore avec l’ONU depuis 1949' },
      { source: '000_87e5c8281a3b5988.txt', text: 'INTERPOL collabore avec l’ONU depuis 1949' },
      { source: SRC, text: 'a ouvert ses portes à New York' },
    ];
    expect(matchedGold(passage("INTERPOL collabore avec l'ONU depuis 1949. En 2004, le Bureau a ouvert ses portes à New York."), golds)).toEqual([0, 2]);
    expect(matchedGold(passage('rien à voir'), golds)).toEqual([]);
  });

  it('holdsSpan never matches an empty span', () => {
    expect(holdsSpan('anything', '')).toBe(false);
  });
});

describe('sameSource', () => {
  it('tolerates ./, backslashes and a parent folder, nothing looser', () => {
    expect(sameSource('./a.txt', 'a.txt')).toBe(true);
    expect(sameSource('corpus\\a.txt', 'a.txt')).toBe(true);
    expect(sameSource('corpus/a.txt', 'a.txt')).toBe(true);
    expect(sameSource('ba.txt', 'a.txt')).toBe(false);
    expect(sameSource('a.txt', 'b.txt')).toBe(false);
  });
});
