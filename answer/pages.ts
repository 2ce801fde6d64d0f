/**
 * Page-true citations: a passage that runs from one PDF page onto the next is cited with the page
 * of the sentence the answer quotes from it (core/pages.ts maps the sentence's offset to its
 * page); `pages` keeps every page the passage covers. Citations without a quoted sentence keep
 * the passage's first page.
 */
import { pageAt } from '../core/pages.js';
import type { Passage } from '../core/types.js';
import type { Citation, Quote } from './types.js';

export function withQuotedPages(citations: Citation[], quotes: readonly Quote[] | undefined, passageOf: (id: string) => Passage | undefined): Citation[] {
  if (!quotes?.length) return citations;
  return citations.map((c) => {
    if (!c.pages || c.pages.length < 2) return c;
    const passage = passageOf(c.id);
    if (!passage) return c;
    for (const q of quotes) {
      if (q.n !== c.n) continue;
      const at = passage.text.indexOf(q.text.trim());
      if (at < 0) continue;
      const page = pageAt(passage, at);
      return page === undefined ? c : { ...c, page };
    }
    return c;
  });
}
