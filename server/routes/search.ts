import { Hono } from 'hono';
import { AppError } from '../../core/errors.js';
import { pagesField } from '../../core/pages.js';
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
    ...pagesField(p),
  };
}

export function searchRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/api/search', validate('query', searchQuerySchema), async (c) => {
    const { q, k, mode } = c.req.valid('query');
    const rerank = flag(c.req.query('rerank'), 'rerank');
    const debug = flag(c.req.query('debug'), 'debug') === true;
    const result = await c.var.deps.service.retriever.search(q, {
      k: k ?? DEFAULT_K,
      ...(mode ? { mode } : {}),
      ...(rerank !== undefined ? { rerank } : {}),
      ...(debug ? { explain: true } : {}),
    });
    const results = result.hits.map((hit, i) => ({
      ...resultOf(hit),
      ...(debug && result.hitDiagnostics?.[i] ? { diagnostics: result.hitDiagnostics[i] } : {}),
    }));
    return c.json({
      answerable: result.answerable,
      lang: result.lang,
      results,
      ...(debug && result.diagnostics ? { diagnostics: result.diagnostics } : {}),
    });
  });
  return app;
}

/** Optional boolean query parameters (rerank=on|off, debug=1): anything else is a 400, never ignored. */
function flag(raw: string | undefined, name: string): boolean | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (/^(1|true|on|yes)$/i.test(raw)) return true;
  if (/^(0|false|off|no)$/i.test(raw)) return false;
  throw new AppError('INVALID_PARAMETER', `${name} must be true or false (1/0, on/off), got "${raw}".`);
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
