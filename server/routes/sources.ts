import { Hono } from 'hono';
import { AppError } from '../../core/errors.js';
import { pagesField } from '../../core/pages.js';
import type { Passage } from '../../core/types.js';
import type { AppEnv } from '../types.js';
import { passageIdSchema, validate } from '../validation.js';

const brief = (p: Passage | null) => (p ? { id: p.id, text: p.text, start: p.start, end: p.end, ordinal: p.ordinal } : null);

export function sourceRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/api/sources/:id', validate('param', passageIdSchema), async (c) => {
    const { id } = c.req.valid('param');
    const ctx = await c.var.deps.service.context(id);
    if (!ctx) throw new AppError('NOT_FOUND', `No passage with id ${id}.`);
    const { passage: p, document } = ctx;
    return c.json({
      id: p.id,
      source: p.source,
      title: p.title,
      date: p.date,
      text: p.text,
      start: p.start,
      end: p.end,
      ordinal: p.ordinal,
      ...(p.page !== undefined ? { page: p.page } : {}),
      ...pagesField(p),
      previous: brief(ctx.previous),
      next: brief(ctx.next),
      document: document
        ? { source: document.source, title: document.title, date: document.date, format: document.format, passages: document.passages }
        : null,
    });
  });
  return app;
}
