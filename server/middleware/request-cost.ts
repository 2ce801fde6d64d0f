/**
 * What a request costs against its client's rate-limit budget, in units, known before the handler
 * runs (URL, method, Content-Length): a short search is 1, a long question more (the query
 * analysis grows with its length), a chat answer more than a search, an upload or a delete much
 * more (parsing, embedding and an index write). /health and the page are not rate limited at all.
 */
import type { Context } from 'hono';

export interface RequestCostOptions {
  /** GET /api/search: base + one unit per `searchCharsPerUnit` characters of q. */
  search: number;
  searchCharsPerUnit: number;
  /** POST /api/chat and /v1/chat/completions: base + one unit per `chatBytesPerUnit` body bytes. */
  chat: number;
  chatBytesPerUnit: number;
  /** POST /api/documents: base + one unit per `uploadBytesPerUnit` body bytes. */
  upload: number;
  uploadBytesPerUnit: number;
  /** DELETE /api/documents/…. */
  remove: number;
  /** Anything else under /api and /v1 (document list, sources, models). */
  other: number;
}

export const DEFAULT_REQUEST_COST: RequestCostOptions = {
  search: 1,
  searchCharsPerUnit: 200,
  chat: 2,
  chatBytesPerUnit: 200,
  upload: 10,
  uploadBytesPerUnit: 64 * 1024,
  remove: 5,
  other: 1,
};

export function requestCost(c: Context, options: RequestCostOptions = DEFAULT_REQUEST_COST): number {
  const o = options;
  const method = c.req.method;
  const p = c.req.path;
  const length = Number(c.req.header('content-length') ?? 0) || 0;
  if (method === 'GET' && p === '/api/search') return o.search + Math.floor((c.req.query('q') ?? '').length / o.searchCharsPerUnit);
  if (method === 'POST' && (p === '/api/chat' || p === '/v1/chat/completions')) return o.chat + Math.floor(length / o.chatBytesPerUnit);
  if (method === 'POST' && p === '/api/documents') return o.upload + Math.floor(length / o.uploadBytesPerUnit);
  if (method === 'DELETE' && p.startsWith('/api/documents/')) return o.remove;
  return o.other;
}
