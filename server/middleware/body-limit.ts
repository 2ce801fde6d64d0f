/**
 * Request body size limits by route group, with hono/body-limit: JSON endpoints get the small
 * AppConfig.bodyLimitBytes; the upload group (POST /api/documents) gets uploadLimitBytes instead,
 * never both (a global JSON limit would cut every upload). Over the limit → 413 PAYLOAD_TOO_LARGE
 * before the body is parsed; without Content-Length the body is counted while it streams in.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit as honoBodyLimit } from 'hono/body-limit';
import { AppError } from '../../core/errors.js';

export interface BodyLimitGroup {
  /** Path prefix ("/api/documents" matches it and everything below it). */
  prefix: string;
  maxBytes: number;
}

export interface BodyLimitOptions {
  /** Limit for every body the middleware sees that no group claims. */
  defaultMaxBytes: number;
  /** First matching prefix wins. */
  groups: BodyLimitGroup[];
}

export const DEFAULT_BODY_LIMIT: BodyLimitOptions = { defaultMaxBytes: 64 * 1024, groups: [] };

export function bodyLimits(options: Partial<BodyLimitOptions> = {}): MiddlewareHandler {
  const o: BodyLimitOptions = { ...DEFAULT_BODY_LIMIT, ...options };
  const make = (maxBytes: number): MiddlewareHandler =>
    honoBodyLimit({
      maxSize: maxBytes,
      onError: () => {
        throw new AppError('PAYLOAD_TOO_LARGE', `The request body is larger than ${maxBytes} bytes.`, { details: { limitBytes: maxBytes } });
      },
    });
  const groups = o.groups.map((g) => ({ ...g, mw: make(g.maxBytes) }));
  const fallback = make(o.defaultMaxBytes);
  return async (c, next) => {
    const p = c.req.path;
    const group = groups.find((g) => p === g.prefix || p.startsWith(`${g.prefix}/`));
    return (group ? group.mw : fallback)(c, next);
  };
}
