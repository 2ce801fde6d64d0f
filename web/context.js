// Which text surrounds a cited passage in its document, from /api/sources/:id.

/**
 * @typedef {{ id: string, text: string, start: number, end: number, ordinal: number }} Brief
 * @typedef {{ id: string, source: string, title: string, date: string | null, text: string, start: number, end: number,
 *   ordinal: number, page?: number, pages?: number[], previous: Brief | null, next: Brief | null,
 *   document: { source: string, title: string, date: string | null, format: string, passages: number } | null }} SourceView
 */

/**
 * Passages overlap (the splitter repeats a sentence or two); show each character once. Offsets
 * are trusted only when they agree with the texts' lengths.
 * @param {Pick<SourceView, 'text' | 'start' | 'end' | 'previous' | 'next'>} s
 */
export function contextParts(s) {
  const exact = (/** @type {{text: string, start: number, end: number}} */ p) => p.text.length === p.end - p.start;
  let before = '';
  let gapBefore = false;
  if (s.previous) {
    if (exact(s.previous) && exact(s)) {
      before = s.previous.text.slice(0, Math.max(0, Math.min(s.previous.text.length, s.start - s.previous.start)));
      gapBefore = s.previous.end < s.start;
    } else {
      before = s.previous.text;
      gapBefore = true;
    }
  }
  let after = '';
  let gapAfter = false;
  if (s.next) {
    if (exact(s.next) && exact(s)) {
      after = s.next.text.slice(Math.max(0, s.end - s.next.start));
      gapAfter = s.next.start > s.end;
    } else {
      after = s.next.text;
      gapAfter = true;
    }
  }
  return { before, gapBefore, after, gapAfter };
}

/**
 * Cut a passage into plain and quoted parts (each quote found verbatim; overlapping or missing
 * quotes are ignored), in text order. Joining the parts gives the passage back.
 * @param {string} text @param {string[]} quotes
 * @returns {{ text: string, quoted: boolean }[]}
 */
export function splitQuotes(text, quotes) {
  /** @type {[number, number][]} */
  const spans = [];
  for (const q of quotes) {
    const needle = q.trim();
    if (!needle) continue;
    const at = text.indexOf(needle);
    if (at >= 0) spans.push([at, at + needle.length]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  /** @type {{ text: string, quoted: boolean }[]} */
  const out = [];
  let pos = 0;
  for (const [start, end] of spans) {
    if (start < pos) continue;
    if (start > pos) out.push({ text: text.slice(pos, start), quoted: false });
    out.push({ text: text.slice(start, end), quoted: true });
    pos = end;
  }
  if (pos < text.length) out.push({ text: text.slice(pos), quoted: false });
  return out;
}
