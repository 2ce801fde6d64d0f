/**
 * The middleware stack, in the order requests meet it. One function so the order lives in one
 * place (server/app.ts calls it before mounting routes):
 *
 *   every path     1 security headers (outermost: error responses get them too)
 *                  2 Host allow-list → 403 (DNS rebinding; host-check.ts)
 *                  3 CORS, only when origins are configured (before auth: preflights carry no key)
 *                  4 cross-site writes → 403 (Origin / Sec-Fetch-Site; cross-site.ts)
 *                  5 405 for known paths with another method
 *   /api, /v1      6 rate limit per client, weighted by cost (before auth, so key guessing is
 *                    throttled too)
 *                  7 API key, when configured
 *                  8 request deadline → 504 (not on POST /api/documents: upload + ingest of a
 *                    large file legitimately takes longer; its body has an idle timeout instead,
 *                    and parsing its own time and memory limits)
 *                  9 body size: bodyLimitBytes, except the upload group (uploadLimitBytes)
 *   POST /api/chat, /v1 10 JSON-only bodies → 415 (other methods: 405 from 5)
 *   answer routes  11 concurrency cap + short queue → 503 (chat, completions; search has its own)
 *
 * /health and the static page are reachable without a key and are not rate limited.
 */
import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { AppConfig } from '../../core/config.js';
import { apiKeyAuth } from './auth.js';
import { bodyIdleTimeout } from './body-idle.js';
import { bodyLimits } from './body-limit.js';
import { concurrencyLimit, type ConcurrencyGate } from './concurrency.js';
import { corsFor } from './cors.js';
import { crossSiteWrites } from './cross-site.js';
import { defaultAllowedHosts, hostCheck } from './host-check.js';
import { requireJson } from './json-only.js';
import { methodNotAllowed } from './method-not-allowed.js';
import { rateLimit } from './rate-limit.js';
import { securityHeaders } from './security-headers.js';
import { requestTimeout } from './timeout.js';

export type StackConfig = Pick<
  AppConfig,
  | 'apiKey'
  | 'host'
  | 'allowedHosts'
  | 'corsOrigins'
  | 'rateLimit'
  | 'trustProxy'
  | 'answerConcurrency'
  | 'answerQueue'
  | 'requestTimeoutMs'
  | 'bodyLimitBytes'
  | 'uploadLimitBytes'
  | 'uploadIdleTimeoutMs'
>;

/** Path patterns of the API (hono syntax). */
export const API_PATHS = ['/api/*', '/v1/*'] as const;
/** Routes behind the answer-pipeline cap. */
export const ANSWER_PATHS = ['/api/chat', '/v1/chat/completions'] as const;
export const SEARCH_PATHS = ['/api/search'] as const;
/** The upload group: its own body limit, no request deadline. */
export const UPLOAD_PREFIX = '/api/documents';

export interface MountedStack {
  /** The gates, for /health-style introspection and tests. */
  answerGate: ConcurrencyGate;
  searchGate: ConcurrencyGate;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function mountMiddleware(app: Hono<any, any, any>, config: StackConfig): MountedStack {
  app.use('*', securityHeaders());
  app.use('*', hostCheck({ allowed: config.allowedHosts ?? defaultAllowedHosts(config.host) }));
  const cors = corsFor({ origins: config.corsOrigins });
  if (cors) app.use('*', cors);
  app.use('*', crossSiteWrites({ allowedOrigins: config.corsOrigins }));
  app.use('*', methodNotAllowed(app));

  const limiter = rateLimit({ ...config.rateLimit, trustProxy: config.trustProxy });
  const auth = apiKeyAuth({ key: config.apiKey });
  const deadline = unless((c) => c.req.method === 'POST' && c.req.path === UPLOAD_PREFIX, requestTimeout({ ms: config.requestTimeoutMs }));
  const bodies = bodyLimits({ defaultMaxBytes: config.bodyLimitBytes, groups: [{ prefix: UPLOAD_PREFIX, maxBytes: config.uploadLimitBytes }] });
  for (const p of API_PATHS) app.use(p, limiter, auth, deadline, bodies);
  const idle = bodyIdleTimeout({ idleMs: config.uploadIdleTimeoutMs });
  app.use(UPLOAD_PREFIX, async (c, next) => (c.req.method === 'POST' ? idle(c, next) : next()));

  // POST only: a PUT/PATCH on these paths has no route, so it is a 405, not a 415 about its body.
  const json = requireJson();
  app.on('POST', '/api/chat', json);
  app.on('POST', '/v1/*', json);

  const gateOptions = { concurrency: config.answerConcurrency, queue: config.answerQueue };
  const answer = concurrencyLimit({ ...gateOptions, name: 'answer' });
  const search = concurrencyLimit({ ...gateOptions, name: 'search' });
  for (const p of ANSWER_PATHS) app.use(p, answer);
  for (const p of SEARCH_PATHS) app.use(p, search);
  return { answerGate: answer.gate, searchGate: search.gate };
}

function unless(skip: (c: Context) => boolean, mw: MiddlewareHandler): MiddlewareHandler {
  return async (c, next) => (skip(c) ? next() : mw(c, next));
}
