import { describe, expect, it } from 'vitest';
import { contextParts, splitQuotes } from '../../web/context.js';
import { splitMarkers } from '../../web/markers.js';

const known = (max: number) => (n: number) => n >= 1 && n <= max;

describe('splitMarkers', () => {
  it('turns [n] into citation segments and keeps the text around them', () => {
    expect(splitMarkers('António Guterres [1]. Et Stock [2].', known(2))).toEqual([
      { type: 'text', text: 'António Guterres ' },
      { type: 'cite', n: 1 },
      { type: 'text', text: '. Et Stock ' },
      { type: 'cite', n: 2 },
      { type: 'text', text: '.' },
    ]);
  });

  it('splits grouped markers [1, 3] and [2; 4]', () => {
    expect(splitMarkers('a [1, 3] b [2;4]', known(4)).filter((s) => s.type === 'cite')).toEqual([
      { type: 'cite', n: 1 },
      { type: 'cite', n: 3 },
      { type: 'cite', n: 2 },
      { type: 'cite', n: 4 },
    ]);
  });

  it('leaves unknown numbers, half-streamed markers and other brackets as text', () => {
    expect(splitMarkers('voir [7] et [1', known(2))).toEqual([{ type: 'text', text: 'voir [7] et [1' }]);
    expect(splitMarkers('[a] [1, 9] <b>x</b>', known(2))).toEqual([{ type: 'text', text: '[a] [1, 9] <b>x</b>' }]);
  });
});

describe('contextParts', () => {
  const doc = 'Alpha beta. Gamma delta. Epsilon zeta. Eta theta.';
  const piece = (start: number, end: number) => ({ id: `${start}`, text: doc.slice(start, end), start, end, ordinal: 0 });

  it('shows overlapping neighbours without repeating the shared text', () => {
    // previous = [0, 24), passage = [12, 38), next = [25, end): overlaps on both sides.
    const parts = contextParts({ ...piece(12, 38), previous: piece(0, 24), next: piece(25, doc.length) });
    expect(parts.before + doc.slice(12, 38) + parts.after).toBe(doc);
    expect(parts).toEqual({ before: 'Alpha beta. ', gapBefore: false, after: ' Eta theta.', gapAfter: false });
  });

  it('marks a gap between passages and keeps neighbours whole', () => {
    const parts = contextParts({ ...piece(12, 24), previous: piece(0, 11), next: piece(25, 38) });
    expect(parts).toEqual({ before: 'Alpha beta.', gapBefore: true, after: 'Epsilon zeta.', gapAfter: true });
  });

  it('does not trust offsets that disagree with the texts', () => {
    const parts = contextParts({ ...piece(12, 24), previous: { ...piece(0, 20), text: 'cleaned text' }, next: null });
    expect(parts).toEqual({ before: 'cleaned text', gapBefore: true, after: '', gapAfter: false });
  });
});

describe('splitQuotes', () => {
  const passage = 'Avant. La rencontre a eu lieu à New York. Après, la presse. Fin.';

  it('marks the quoted sentences and gives the passage back when joined', () => {
    const parts = splitQuotes(passage, ['La rencontre a eu lieu à New York.', 'Fin.']);
    expect(parts.map((p) => p.text).join('')).toBe(passage);
    expect(parts.filter((p) => p.quoted).map((p) => p.text)).toEqual(['La rencontre a eu lieu à New York.', 'Fin.']);
  });

  it('ignores quotes that are absent, empty or overlap an earlier one', () => {
    const parts = splitQuotes(passage, ['absent', ' ', 'New York. Après', 'La rencontre a eu lieu à New York.']);
    expect(parts.filter((p) => p.quoted).map((p) => p.text)).toEqual(['La rencontre a eu lieu à New York.']);
    expect(parts.map((p) => p.text).join('')).toBe(passage);
    expect(splitQuotes(passage, [])).toEqual([{ text: passage, quoted: false }]);
  });
});
