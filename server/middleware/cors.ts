/**
 * CORS is off unless origins are configured: the page is served by this server (same origin), so
 * only an explicit list of other origins (exact matches, no wildcard) may call the API from a browser.
 */
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

export interface CorsOptions {
  /** Exact origins ("https://intranet.example"); empty = no CORS headers at all. */
  origins: string[];
  maxAgeSeconds: number;
}

export const DEFAULT_CORS: CorsOptions = { origins: [], maxAgeSeconds: 600 };

/** The CORS middleware for `origins`, or null when CORS stays off. */
export function corsFor(options: Partial<CorsOptions> = {}): MiddlewareHandler | null {
  const o: CorsOptions = { ...DEFAULT_CORS, ...options };
  const allowed = new Set(o.origins);
  if (allowed.size === 0) return null;
  return cors({
    // Echo the origin only when it is listed exactly; anything else gets no Allow-Origin header.
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Authorization', 'Content-Type', 'Accept'],
    exposeHeaders: ['Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'RateLimit-Policy'],
    maxAge: o.maxAgeSeconds,
  });
}
