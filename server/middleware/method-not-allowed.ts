/**
 * 405 METHOD_NOT_ALLOWED (JSON, with an Allow header) when a path exists with other methods, e.g.
 * DELETE /api/search; truly unknown paths stay 404 ROUTE_NOT_FOUND. Unlike hono's built-in
 * methodNotAllowed, catch-all routes (the static page's GET *) do not count: otherwise every
 * unknown path would claim to allow GET.
 */
import type { Hono, MiddlewareHandler } from 'hono';
import { TrieRouter } from 'hono/router/trie-router';
import { AppError } from '../../core/errors.js';
import { errorResponse } from '../errors.js';

export interface MethodNotAllowedOptions {
  /** Route patterns left out of the table (wildcards by default). */
  ignore: (path: string) => boolean;
}

export const DEFAULT_METHOD_NOT_ALLOWED: MethodNotAllowedOptions = {
  ignore: (p) => p.includes('*'),
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyHono = Hono<any, any, any>;

export function methodNotAllowed(app: AnyHono, options: Partial<MethodNotAllowedOptions> = {}): MiddlewareHandler {
  const o: MethodNotAllowedOptions = { ...DEFAULT_METHOD_NOT_ALLOWED, ...options };
  let router: TrieRouter<Set<string>> | null = null;
  // Built on first use: every route is registered by then.
  const table = (): TrieRouter<Set<string>> => {
    if (router) return router;
    const byPath = new Map<string, Set<string>>();
    for (const r of app.routes) {
      if (r.method === 'ALL' || o.ignore(r.path)) continue;
      const set = byPath.get(r.path) ?? new Set<string>();
      set.add(r.method);
      if (r.method === 'GET') set.add('HEAD');
      byPath.set(r.path, set);
    }
    router = new TrieRouter<Set<string>>();
    for (const [p, methods] of byPath) router.add('ALL', p, methods);
    return router;
  };
  return async (c, next) => {
    await next();
    if (c.res.status !== 404 || c.error) return;
    const allowed = new Set<string>();
    for (const [methods] of table().match('ALL', c.req.path)[0]) for (const m of methods as Set<string>) allowed.add(m);
    if (allowed.size === 0 || allowed.has(c.req.method)) return;
    const allow = [...allowed].sort().join(', ');
    c.res = errorResponse(c, new AppError('METHOD_NOT_ALLOWED', `${c.req.method} is not allowed on ${c.req.path} (allowed: ${allow}).`), { Allow: allow });
  };
}
