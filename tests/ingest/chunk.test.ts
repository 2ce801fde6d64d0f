import { createHash } from 'node:crypto';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import type { Passage, SourceDocument } from '../../core/types.js';
import { CHUNKING_INFO, DEFAULT_CHUNKING, chunkDocument, passageId } from '../../ingest/chunk.js';
import { documentFromBytes, loadDocument, passagesOf } from '../../ingest/pipeline.js';
import { splitSentences } from '../../text/sentences.js';
import { CORPUS, CORPUS_FILES, twoPagePdf } from './helpers.js';

let docs: SourceDocument[] = [];
beforeAll(async () => {
  docs = await Promise.all(CORPUS_FILES.map((f) => loadDocument(path.join(CORPUS, f), CORPUS)));
});

function checkInvariants(doc: SourceDocument, passages: Passage[], maxChars: number) {
  const sentences = splitSentences(doc.text);
  passages.forEach((p, i) => {
    expect(p.text).toBe(doc.text.slice(p.start, p.end));
    expect(p.ordinal).toBe(i);
    expect(p.id).toMatch(/^[0-9a-f]{16}$/);
    expect(p).toMatchObject({ source: doc.source, title: doc.title, date: doc.date });
    if (i > 0) expect(p.start).toBeGreaterThan(passages[i - 1]!.start);
    const inside = sentences.filter((s) => s.start >= p.start && s.end <= p.end);
    // starts and ends on sentence boundaries, never only a heading, never ends on a heading
    expect(inside[0]?.start).toBe(p.start);
    expect(inside[inside.length - 1]?.end).toBe(p.end);
    expect(inside.some((s) => !s.heading)).toBe(true);
    if (p.end !== sentences[sentences.length - 1]!.end) expect(inside[inside.length - 1]!.heading).toBe(false);
    if (inside.length > 1) expect(p.text.length).toBeLessThanOrEqual(maxChars);
  });
  for (const s of sentences) {
    expect(passages.some((p) => s.start >= p.start && s.end <= p.end), doc.text.slice(s.start, s.end)).toBe(true);
  }
}

describe('chunking the real corpus with the defaults', () => {
  it('reports passages per document and their size distribution', () => {
    const rows = docs.map((d) => {
      const sizes = passagesOf(d).map((p) => p.text.length);
      return `${d.source}  chars=${d.text.length}  passages=${sizes.length}  sizes=${sizes.join(',')}`;
    });
    const all = docs.flatMap((d) => passagesOf(d).map((p) => p.text.length)).sort((a, b) => a - b);
    const q = (f: number) => all[Math.min(all.length - 1, Math.floor(f * all.length))];
    console.log(
      `${rows.join('\n')}\nTOTAL ${all.length} passages  min=${all[0]} p25=${q(0.25)} median=${q(0.5)} p75=${q(0.75)} max=${all[all.length - 1]} ` +
        `mean=${Math.round(all.reduce((a, b) => a + b, 0) / all.length)}`,
    );
    expect(all.length).toBeGreaterThan(0);
  });

  it.each(CORPUS_FILES.map((f, i) => [f, i] as const))('%s: exact offsets, full coverage, headings attached, size ≤ max', (_f, i) => {
    const doc = docs[i]!;
    const passages = passagesOf(doc);
    checkInvariants(doc, passages, DEFAULT_CHUNKING.maxChars);
  });

  it('consecutive passages overlap by exactly one sentence, except at a new section or when it cannot fit', () => {
    let overlaps = 0;
    let sectionStarts = 0;
    let noRoom = 0;
    for (const doc of docs) {
      const sentences = splitSentences(doc.text);
      const passages = passagesOf(doc);
      for (let i = 1; i < passages.length; i++) {
        const prev = passages[i - 1]!;
        const cur = passages[i]!;
        if (cur.start < prev.end) {
          const shared = sentences.filter((s) => s.start >= cur.start && s.end <= prev.end);
          expect(shared).toHaveLength(1);
          expect(shared[0]!.end).toBe(prev.end);
          overlaps++;
          continue;
        }
        const first = sentences.find((s) => s.start === cur.start)!;
        const prevSentences = sentences.filter((s) => s.start >= prev.start && s.end <= prev.end);
        const lastOfPrev = prevSentences[prevSentences.length - 1]!;
        if (first.heading) sectionStarts++;
        else {
          // A one-sentence passage cannot share its only sentence, and the overlap is dropped
          // when it and the next sentence would exceed maxChars together.
          expect(prevSentences.length === 1 || first.end - lastOfPrev.start > DEFAULT_CHUNKING.maxChars).toBe(true);
          noRoom++;
        }
      }
    }
    expect(overlaps).toBeGreaterThan(5);
    expect(sectionStarts).toBeGreaterThan(0);
    expect(noRoom).toBeLessThanOrEqual(2);
  });

  it('attaches the 003 section heading to the text after it', () => {
    const doc = docs[3]!;
    const p = passagesOf(doc).find((x) => x.text.includes('Une vision et une responsabilité communes'))!;
    expect(p.text.startsWith('Une vision et une responsabilité communes\n\n« Le Dialogue est l’occasion')).toBe(true);
  });
});

describe('passage ids', () => {
  it('are the first 16 hex chars of sha256(source, start, end, text)', () => {
    const text = 'INTERPOL collabore avec l’ONU depuis 1949.';
    const expected = createHash('sha256').update(`a.txt\n10\n52\n${text}`).digest('hex').slice(0, 16);
    expect(passageId('a.txt', 10, 52, text)).toBe(expected);
  });

  it('are stable across runs and change when the text or the source changes', async () => {
    const again = await loadDocument(path.join(CORPUS, CORPUS_FILES[1]), CORPUS);
    const a = passagesOf(docs[1]!).map((p) => p.id);
    const b = passagesOf(again).map((p) => p.id);
    expect(b).toEqual(a);
    expect(new Set(a).size).toBe(a.length);

    const edited = { ...again, text: again.text.replace('4,5 milliards', '5,4 milliards') };
    const c = passagesOf(edited);
    const changed = c.filter((p, i) => p.id !== a[i]);
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.every((p) => p.text.includes('5,4 milliards'))).toBe(true);

    const renamed = passagesOf({ ...again, source: 'autre.txt' }).map((p) => p.id);
    expect(renamed.some((id, i) => id === a[i])).toBe(false);
  });
});

describe('chunking rules on generated text', () => {
  const doc = (text: string): SourceDocument => ({ source: 'x.txt', title: 'X', date: null, text, hash: '', format: 'txt' });

  it('cuts a sentence longer than maxChars at whitespace, covering all of it', () => {
    const long = Array.from({ length: 400 }, (_, i) => `mot${i}`).join(' ') + '.';
    const d = doc(`Titre\n${long}`);
    const passages = chunkDocument(d, { targetChars: 200, maxChars: 300, overlapSentences: 0 });
    expect(passages.every((p) => p.text.length <= 300 + 'Titre\n'.length)).toBe(true);
    expect(passages.map((p) => p.text).join(' ').replace('Titre\n', '')).toBe(long);
  });

  it('never emits a passage that is only a heading, even at the end of a document', () => {
    const d = doc('Intro\nPremière phrase du texte. Deuxième phrase du texte.\nSection finale');
    const passages = chunkDocument(d, { targetChars: 10, maxChars: 60, overlapSentences: 1 });
    checkInvariants(d, passages, 60);
    expect(passages[passages.length - 1]!.text.endsWith('Section finale')).toBe(true);
    expect(passages.some((p) => p.text === 'Section finale')).toBe(false);
  });

  it('with no overlap, passages tile the sentences', () => {
    const d = doc('Un. Deux. Trois. Quatre. Cinq. Six.');
    const passages = chunkDocument(d, { targetChars: 8, maxChars: 20, overlapSentences: 0 });
    // "Trois." stops short of 8: "Trois. Quatre." would overshoot the target by more (6 > 2).
    expect(passages.map((p) => p.text)).toEqual(['Un. Deux.', 'Trois.', 'Quatre.', 'Cinq. Six.']);
    const withOverlap = chunkDocument(d, { targetChars: 8, maxChars: 20, overlapSentences: 1 });
    expect(withOverlap.map((p) => p.text)).toEqual(['Un. Deux.', 'Deux. Trois.', 'Trois. Quatre.', 'Quatre. Cinq.', 'Cinq. Six.']);
  });

  it('sets the page of each passage from the PDF page spans', async () => {
    const d = await documentFromBytes(await twoPagePdf(), 'rapport.pdf');
    const passages = passagesOf(d, { targetChars: 40, maxChars: 120, overlapSentences: 0 });
    expect(passages.map((p) => [p.page, p.text])).toEqual([
      [1, 'Première page : l’accord « Paix » a été signé.'],
      [1, 'Deuxième ligne de la page un. M. Stock a parlé.'],
      [2, 'Seconde page : 43 000 profils et 4,5 milliards.'],
      [2, 'La coopération continue avec INTERPOL.'],
    ]);
    expect(passagesOf(d).map((p) => p.page)).toEqual([1]); // one default-size passage starting on page 1
  });

  it('exports the chunking parameters for the index manifest and rejects nonsense', () => {
    expect(CHUNKING_INFO).toEqual({ targetChars: 500, maxChars: 900, overlapSentences: 1, version: 1 });
    expect(() => chunkDocument(doc('A.'), { targetChars: 900, maxChars: 500 })).toThrow(AppError);
    expect(() => chunkDocument(doc('A.'), { overlapSentences: -1 })).toThrow(/overlap/);
  });
});
