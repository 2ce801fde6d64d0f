/**
 * GET /api/documents/:source — a document to read: its cleaned text as indexed, put back together
 * from its passages (consecutive passages overlap by a sentence; each character appears once), the
 * passages' places in that text, and for PDFs where each page starts. Nothing is parsed again: the
 * preview shows exactly what retrieval and citations see.
 *
 *   {"source","title","date","format","chars","passages":[{"id","ordinal","start","end","page"?,"pages"?}],
 *    "text","pageStarts"?:[{"page","offset"}]}
 */
import { Hono } from 'hono';
import { pagesOf } from '../../core/pages.js';
import { AppError } from '../../core/errors.js';
import type { Passage } from '../../core/types.js';
import type { AppEnv } from '../types.js';

export interface DocumentText {
  text: string;
  passages: { id: string; ordinal: number; start: number; end: number; page?: number; pages?: number[] }[];
  pageStarts: { page: number; offset: number }[];
}

/**
 * Stitch passages (ordered by position) into one text. What lies between two passages that do
 * not touch is not stored: a blank line stands for it (a single space when it was one character).
 */
export function stitchPassages(passages: readonly Passage[]): DocumentText {
  const sorted = [...passages].sort((a, b) => a.start - b.start || a.ordinal - b.ordinal);
  let text = '';
  let covered = sorted[0]?.start ?? 0; // document offset reached so far
  let delta = -covered; // stitched offset = document offset + delta (constant between gaps)
  const out: DocumentText['passages'] = [];
  const pageStarts: DocumentText['pageStarts'] = [];
  const seenPages = new Set<number>();
  for (const p of sorted) {
    if (p.start > covered) {
      const filler = p.start - covered === 1 ? ' ' : '\n\n';
      text += filler;
      delta += filler.length - (p.start - covered);
      covered = p.start;
    }
    if (p.end > covered) {
      text += p.text.slice(covered - p.start);
      covered = p.end;
    }
    const pages = pagesOf(p);
    out.push({
      id: p.id,
      ordinal: p.ordinal,
      start: p.start + delta,
      end: p.end + delta,
      ...(p.page !== undefined ? { page: p.page } : {}),
      ...(pages ? { pages } : {}),
    });
    for (const span of p.pageSpans ?? (p.page !== undefined ? [{ page: p.page, start: p.start, end: p.end }] : [])) {
      if (seenPages.has(span.page)) continue;
      seenPages.add(span.page);
      pageStarts.push({ page: span.page, offset: Math.max(0, span.start + delta) });
    }
  }
  return { text, passages: out, pageStarts: pageStarts.sort((a, b) => a.offset - b.offset) };
}

export function previewRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // `{.+}`: the source may contain "/" (uploads/x.pdf), sent raw or as %2F.
  app.get('/api/documents/:source{.+}', (c) => {
    const source = c.req.param('source');
    const service = c.var.deps.service;
    const doc = service.store.manifest().documents[source];
    const passages = service.passagesOf(source);
    if (!doc || passages.length === 0) throw new AppError('NOT_FOUND', `No indexed document named "${source}".`);
    const stitched = stitchPassages(passages);
    return c.json({
      source: doc.source,
      title: doc.title,
      date: doc.date,
      format: doc.format,
      chars: doc.chars,
      passages: stitched.passages,
      text: stitched.text,
      ...(stitched.pageStarts.length > 0 ? { pageStarts: stitched.pageStarts } : {}),
    });
  });
  return app;
}
