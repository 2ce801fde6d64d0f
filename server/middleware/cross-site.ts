/**
 * Writes only from where they should come. A multipart POST is a "simple" request: any page the
 * user opens — on another site, or on another port of localhost — can send one to this server
 * without a CORS preflight and plant (or delete) documents. Browsers say where a request comes
 * from, so state-changing methods are refused (403 CROSS_SITE_REQUEST) when:
 *   - `Sec-Fetch-Site` is present and not `same-origin` / `none` (cross-site and same-site alike:
 *     localhost:4201 is "same-site" with localhost:3000), or, without it (older browsers),
 *   - `Origin` is present and is not this server's own origin (its Host header);
 * unless the origin is one the operator listed in CORS_ORIGINS. Requests carrying neither header
 * (curl, scripts, server-to-server) are not from a browser page and pass; they are what API_KEY is for.
 */
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../core/errors.js';

export interface CrossSiteOptions {
  /** Origins allowed to write from another site (AppConfig.corsOrigins). */
  allowedOrigins: readonly string[];
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function crossSiteWrites(options: CrossSiteOptions): MiddlewareHandler {
  const allowed = new Set(options.allowedOrigins);
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    const site = c.req.header('sec-fetch-site')?.toLowerCase();
    if (origin !== undefined && allowed.has(origin)) return next();
    if (site !== undefined) {
      if (site === 'same-origin' || site === 'none') return next();
      throw refused(origin, site);
    }
    if (origin !== undefined && !sameOrigin(origin, c.req.header('host') ?? new URL(c.req.url).host)) throw refused(origin, null);
    await next();
  };
}

function sameOrigin(origin: string, host: string): boolean {
  if (origin === 'null') return false;
  try {
    const u = new URL(origin);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.host.toLowerCase() === normalHost(host, u.protocol);
  } catch {
    return false;
  }
}

/** The Host header as URL.host writes it (default port dropped). */
function normalHost(host: string, protocol: string): string {
  try {
    return new URL(`${protocol}//${host.trim()}`).host.toLowerCase();
  } catch {
    return host.trim().toLowerCase();
  }
}

function refused(origin: string | undefined, site: string | null): AppError {
  const from = origin && origin !== 'null' ? origin.slice(0, 200) : 'another site';
  return new AppError('CROSS_SITE_REQUEST', `Refused: a write sent by a page from ${from}${site ? ` (Sec-Fetch-Site: ${site})` : ''}, not by this server's own page.`, {
    details: { origin: origin?.slice(0, 200) ?? null, secFetchSite: site },
  });
}
