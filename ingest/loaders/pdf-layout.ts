/**
 * PDF pages are positioned text items, not paragraphs: every visual line ends with a hard break,
 * mid-sentence. Since a line break ends a sentence downstream, lines are re-flowed into
 * paragraphs here, from geometry: a line continues the paragraph above it when it sits at the
 * usual line spacing with the same font size; a larger gap, a font change, a jump up (new column)
 * or a list bullet starts a new paragraph (blank line). Running headers / footers stay separate
 * paragraphs (they sit apart), so the cleaner can recognise them as repeated lines.
 */
import type { StructuredTextItem } from 'unpdf';

export interface PdfLayoutOptions {
  /** Line spacing assumed (× font size) when a page has too few lines to measure it. */
  lineHeight: number;
  /** A gap this many times the page's usual line spacing starts a new paragraph. */
  paragraphGap: number;
  /** Font sizes differing by more than this (pt) are different blocks (heading vs body). */
  fontSizeTolerance: number;
  /** "coopé-" + "ration" → "coopération" when a line ends in letter + hyphen and the next starts in lower case. */
  dehyphenate: boolean;
}

export const DEFAULT_PDF_LAYOUT: PdfLayoutOptions = {
  lineHeight: 1.2,
  paragraphGap: 1.5,
  fontSizeTolerance: 1,
  dehyphenate: true,
};

interface Line {
  text: string;
  y: number;
  size: number;
}

const BULLET = /^(?:[•·▪‣◦–—-]\s|\d{1,3}[.)]\s|[a-z][.)]\s)/u;

export function pageText(items: readonly StructuredTextItem[], options: Partial<PdfLayoutOptions> = {}): string {
  const o: PdfLayoutOptions = { ...DEFAULT_PDF_LAYOUT, ...options };
  const lines = toLines(items);
  if (lines.length === 0) return '';
  const gaps = lines.slice(1).map((l, i) => lines[i]!.y - l.y).filter((g) => g > 0).sort((a, b) => a - b);
  // The lower quartile of gaps is the line spacing: paragraph gaps are the (rarer) larger ones.
  const measured = gaps.length >= 4 ? gaps[Math.floor(gaps.length / 4)]! : null;

  let out = lines[0]!.text;
  for (let i = 1; i < lines.length; i++) {
    const prev = lines[i - 1]!;
    const line = lines[i]!;
    const gap = prev.y - line.y;
    const spacing = measured ?? o.lineHeight * Math.max(prev.size, line.size);
    const sameParagraph =
      gap > 0 &&
      gap <= spacing * o.paragraphGap &&
      Math.abs(prev.size - line.size) <= o.fontSizeTolerance &&
      !BULLET.test(line.text);
    if (!sameParagraph) out += '\n\n' + line.text;
    else if (o.dehyphenate && /\p{L}-$/u.test(out) && /^\p{Ll}/u.test(line.text)) out = out.slice(0, -1) + line.text;
    else out += ' ' + line.text;
  }
  return out;
}

/** Items → visual lines: an item flagged end-of-line, or a baseline change, closes the line. */
function toLines(items: readonly StructuredTextItem[]): Line[] {
  const lines: Line[] = [];
  let cur: Line | null = null;
  let closed = false;
  for (const item of items) {
    const size = item.fontSize || item.height || 10;
    if (cur && (closed || Math.abs(item.y - cur.y) > size * 0.5)) {
      push(lines, cur);
      cur = null;
    }
    if (!cur) cur = { text: '', y: item.y, size };
    cur.text += item.str;
    if (item.str.trim() !== '') cur.size = Math.max(cur.size, size);
    closed = item.hasEOL;
  }
  if (cur) push(lines, cur);
  return lines;
}

function push(lines: Line[], line: Line): void {
  const text = line.text.replace(/[ \t]+/gu, ' ').trim();
  if (text !== '') lines.push({ ...line, text });
}
