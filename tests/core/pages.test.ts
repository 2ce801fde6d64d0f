import { describe, expect, it } from 'vitest';
import { pageAt, pagesField, pagesOf, pageSpansWithin } from '../../core/pages.js';
import type { PageSpan } from '../../core/types.js';

// Two pages joined by a blank line: "aaaa\n\nbbbb" → page 1 = [0, 4), page 2 = [6, 10).
const PAGES: PageSpan[] = [
  { page: 1, start: 0, end: 4 },
  { page: 2, start: 6, end: 10 },
];

describe('page spans of a passage', () => {
  it('lists every page a passage covers, clipped to the passage', () => {
    expect(pageSpansWithin(PAGES, 2, 9)).toEqual([
      { page: 1, start: 2, end: 4 },
      { page: 2, start: 6, end: 9 },
    ]);
    expect(pageSpansWithin(PAGES, 6, 8)).toEqual([{ page: 2, start: 6, end: 8 }]);
    // A passage lying in the gap between pages keeps the page before it.
    expect(pageSpansWithin(PAGES, 4, 6)).toEqual([{ page: 1, start: 4, end: 6 }]);
    expect(pageSpansWithin([], 0, 3)).toEqual([]);
  });

  it('maps a character offset of the passage to its page', () => {
    const passage = { start: 2, page: 1, pageSpans: pageSpansWithin(PAGES, 2, 9) };
    expect(pagesOf(passage)).toEqual([1, 2]);
    expect(pageAt(passage, 0)).toBe(1); // document offset 2
    expect(pageAt(passage, 1)).toBe(1);
    expect(pageAt(passage, 2)).toBe(2); // offset 4: the blank line counts for the next page
    expect(pageAt(passage, 4)).toBe(2); // offset 6: first character of page 2
    expect(pageAt(passage, 99)).toBe(2);
  });

  it('falls back to the first page for passages indexed without spans, and to nothing when unpaginated', () => {
    expect(pagesOf({ page: 3 })).toEqual([3]);
    expect(pageAt({ start: 0, page: 3 }, 10)).toBe(3);
    expect(pagesOf({})).toBeUndefined();
    expect(pageAt({ start: 0 }, 0)).toBeUndefined();
    expect(pagesField({})).toEqual({});
    expect(pagesField({ page: 1, pageSpans: PAGES })).toEqual({ pages: [1, 2] });
  });
});
