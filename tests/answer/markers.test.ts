import { describe, expect, it } from 'vitest';
import { CitationFilter } from '../../answer/compose/markers.js';
import { chunkText } from '../../answer/chunks.js';

function run(chunks: string[], available: number) {
  const f = new CitationFilter(available);
  const out = chunks.map((c) => f.push(c));
  out.push(f.flush());
  return { text: out.join(''), out, f };
}

describe('CitationFilter (LLM citation markers)', () => {
  it('keeps valid markers, drops unknown ones with their space, renumbers by first appearance', () => {
    const { text, f } = run(['Accord signé en 2016 [3]. Piraterie [9]. Siège à Lyon [1] et [3].'], 4);
    expect(text).toBe('Accord signé en 2016 [1]. Piraterie. Siège à Lyon [2] et [1].');
    expect(f.cited).toEqual([3, 1]);
    expect(f.invalid).toEqual([9]);
  });

  it('never lets a split marker through before it is complete', () => {
    const { out, text } = run(['Texte [', '9', ']. Suite [', '1]', '.'], 2);
    expect(out.join('')).toBe(text);
    expect(out.some((o) => o.includes('9'))).toBe(false);
    expect(text).toBe('Texte. Suite [1].');
  });

  it('splits lists "[1, 2]" into "[1][2]" and passes other brackets through', () => {
    expect(run(['Voir [2, 1] et [sic] [0].'], 2).text).toBe('Voir [1][2] et [sic].');
  });
});

describe('chunkText', () => {
  it('cuts into small pieces that join back exactly and never split a marker', () => {
    const text = 'D’après les documents : INTERPOL collabore avec l’ONU depuis 1949. [1] Et encore [12]  ';
    const chunks = chunkText(text, { wordsPerChunk: 3 });
    expect(chunks.join('')).toBe(text);
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks) expect(c).not.toMatch(/\[\d*$|^\d*\]/);
  });
});
