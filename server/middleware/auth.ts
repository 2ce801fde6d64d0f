/**
 * Optional API key: when one is configured, /api and /v1 require `Authorization: Bearer <key>`
 * (the scheme OpenAI clients already send). Keys are compared as SHA-256 digests with
 * timingSafeEqual: equal lengths whatever the input, and no early exit that leaks a prefix.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../core/errors.js';

export interface ApiKeyOptions {
  /** AppConfig.apiKey; null = no authentication (the middleware is a pass-through). */
  key: string | null;
  realm: string;
}

export const DEFAULT_API_KEY: ApiKeyOptions = { key: null, realm: 'assistant' };

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** Constant-time equality of two secrets of any lengths. */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

export function apiKeyAuth(options: Partial<ApiKeyOptions> = {}): MiddlewareHandler {
  const o: ApiKeyOptions = { ...DEFAULT_API_KEY, ...options };
  if (!o.key) return async (_c, next) => next();
  const expected = o.key;
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
    if (!match?.[1]) {
      c.header('WWW-Authenticate', `Bearer realm="${o.realm}"`);
      throw new AppError('UNAUTHORIZED', 'This server requires an API key: send "Authorization: Bearer <key>".');
    }
    if (!sameSecret(match[1], expected)) {
      c.header('WWW-Authenticate', `Bearer realm="${o.realm}", error="invalid_token"`);
      throw new AppError('UNAUTHORIZED', 'The API key is not valid.');
    }
    await next();
  };
}
