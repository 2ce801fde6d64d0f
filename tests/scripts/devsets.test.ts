import { describe, expect, it } from 'vitest';
import { sentenceSpans } from '../../scripts/devsets/build.js';
import { keepPair, readMo } from '../../scripts/devsets/wesnoth.js';

/** A little-endian GNU .mo file holding `pairs` (the format Debian's catalogues use). */
function mo(pairs: [string, string][]): Buffer {
  const n = pairs.length;
  const header = 28;
  const tables = header + 16 * n;
  const strings: Buffer[] = [];
  let offset = tables;
  const orig: number[] = [];
  const trans: number[] = [];
  for (const [id] of pairs) {
    const b = Buffer.from(`${id}\0`);
    orig.push(b.length - 1, offset);
    strings.push(b);
    offset += b.length;
  }
  for (const [, str] of pairs) {
    const b = Buffer.from(`${str}\0`);
    trans.push(b.length - 1, offset);
    strings.push(b);
    offset += b.length;
  }
  const head = Buffer.alloc(tables);
  head.writeUInt32LE(0x950412de, 0);
  head.writeUInt32LE(0, 4);
  head.writeUInt32LE(n, 8);
  head.writeUInt32LE(header, 12);
  head.writeUInt32LE(header + 8 * n, 16);
  [...orig, ...trans].forEach((v, i) => head.writeUInt32LE(v, header + 4 * i));
  return Buffer.concat([head, ...strings]);
}

describe('dev-set builders', () => {
  it('reads .mo catalogues and keeps plain sentence lines only', () => {
    const pairs = readMo(mo([['Everyone fall back!', 'Que tout le monde se replie !'], ['Defeat $enemy', 'Vaincre $enemy']]));
    expect(pairs).toEqual([
      ['Everyone fall back!', 'Que tout le monde se replie !'],
      ['Defeat $enemy', 'Vaincre $enemy'],
    ]);
    expect(keepPair('Everyone fall back!', 'Que tout le monde se replie !')).toBe(true);
    expect(keepPair('Defeat $enemy leader now.', 'Vaincre $enemy maintenant.')).toBe(false);
    expect(keepPair('Victory', 'Victoire')).toBe(false);
  });

  it('splits Spanish paragraphs into sentences without breaking abbreviations', () => {
    const text = 'Los Panthers ganaron. El Sr. Smith llegó a EE. UU. en 2015. ¿Por qué? Nadie sabe.';
    expect(sentenceSpans(text).map(([a, b]) => text.slice(a, b))).toEqual(['Los Panthers ganaron.', 'El Sr. Smith llegó a EE. UU. en 2015.', '¿Por qué?', 'Nadie sabe.']);
  });
});
