/**
 * Citation numbering: [n] follows the order in which passages are first cited in the answer text,
 * and the citation list holds exactly the cited passages.
 */
import { pagesField } from '../../core/pages.js';
import type { Passage } from '../../core/types.js';
import type { Citation } from '../types.js';

export function citationOf(passage: Passage, n: number): Citation {
  return {
    n,
    id: passage.id,
    source: passage.source,
    title: passage.title,
    date: passage.date,
    text: passage.text,
    ...(passage.page !== undefined ? { page: passage.page } : {}),
    ...pagesField(passage),
  };
}

export class CitationNumbering {
  private readonly byId = new Map<string, Citation>();

  /** The number of a passage: its existing one, or the next free one. */
  number(passage: Passage): number {
    const known = this.byId.get(passage.id);
    if (known) return known.n;
    const citation = citationOf(passage, this.byId.size + 1);
    this.byId.set(passage.id, citation);
    return citation.n;
  }

  list(): Citation[] {
    return [...this.byId.values()];
  }
}

/** Passages offered as "see also" when the answer is declined, numbered in rank order. */
export function seeAlsoOf(passages: readonly Passage[], max: number): Citation[] {
  const seen = new Set<string>();
  const out: Citation[] = [];
  for (const p of passages) {
    if (out.length >= max) break;
    if (seen.has(p.id)) continue;
    seen.add(p.id);
    out.push(citationOf(p, out.length + 1));
  }
  return out;
}
