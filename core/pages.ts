/**
 * Pages of a passage from a paginated source (PDF). A passage may run from one page onto the
 * next: `pagesOf` lists every page it covers, and `pageAt` says on which page a character of the
 * passage lies, so a citation can name the page of the sentence it quotes rather than the page
 * the passage starts on.
 *
 *   pageAt(passage, passage.text.indexOf(quotedSentence))   // → 2
 */
import type { PageSpan, Passage } from './types.js';

/** The parts of [start, end) on each page (document offsets), in page order; [] when unpaginated. */
export function pageSpansWithin(pages: readonly PageSpan[], start: number, end: number): PageSpan[] {
  const out: PageSpan[] = [];
  for (const p of pages) {
    const s = Math.max(p.start, start);
    const e = Math.min(p.end, end);
    if (s < e) out.push({ page: p.page, start: s, end: e });
  }
  // Text between two pages (the blank line joining them) belongs to no page: a passage lying
  // entirely in such a gap still gets the page before it.
  if (out.length === 0) {
    let before: PageSpan | undefined;
    for (const p of pages) if (p.start <= start) before = p;
    const page = before ?? pages[0];
    if (page) out.push({ page: page.page, start, end });
  }
  return out;
}

/** Every page the passage covers, first to last; undefined for unpaginated sources. */
export function pagesOf(p: Pick<Passage, 'page' | 'pageSpans'>): number[] | undefined {
  if (p.pageSpans?.length) return [...new Set(p.pageSpans.map((s) => s.page))];
  return p.page === undefined ? undefined : [p.page];
}

/**
 * The page of the character at `offset` in the passage's text (0-based, relative to the
 * passage); an offset in the gap between two pages counts for the next page. Undefined for
 * unpaginated sources; the passage's first page when its spans are unknown (older indexes).
 */
export function pageAt(p: Pick<Passage, 'start' | 'page' | 'pageSpans'>, offset: number): number | undefined {
  const spans = p.pageSpans;
  if (!spans?.length) return p.page;
  const at = p.start + Math.max(0, offset);
  for (const s of spans) if (at < s.end) return s.page;
  return spans[spans.length - 1]!.page;
}

/** `{ pages }` for JSON responses of paginated passages, `{}` otherwise. */
export function pagesField(p: Pick<Passage, 'page' | 'pageSpans'>): { pages?: number[] } {
  const pages = pagesOf(p);
  return pages ? { pages } : {};
}
