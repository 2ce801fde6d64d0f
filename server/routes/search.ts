import { Hono } from 'hono';
import type { Hit } from '../../core/types.js';
import type { AppEnv } from '../types.js';
import { DEFAULT_K, searchQuerySchema, validate } from '../validation.js';

/** The public result shape of the /api/search contract (extra fields are additive). */
export function resultOf(hit: Hit) {
  const p = hit.passage;
  return {
    id: p.id,
    source: p.source,
    title: p.title,
    date: p.date,
    text: p.text,
    score: round(hit.score),
    ...(p.page !== undefined ? { page: p.page } : {}),
  };
}

export function searchRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/api/search', validate('query', searchQuerySchema), async (c) => {
    const { q, k, mode } = c.req.valid('query');
    const result = await c.var.deps.service.retriever.search(q, { k: k ?? DEFAULT_K, ...(mode ? { mode } : {}) });
    return c.json({ answerable: result.answerable, lang: result.lang, results: result.hits.map(resultOf) });
  });
  return app;
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
