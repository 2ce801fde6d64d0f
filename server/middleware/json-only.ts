/**
 * JSON-only bodies for the chat and OpenAI-compatible endpoints: a POST/PUT/PATCH whose
 * Content-Type is not application/json is refused with 415 before anything parses it, so a form
 * post (curl -d, an HTML form from another site) never reaches the answer pipeline. This is the
 * one place that checks it; routes just read c.req.json().
 */
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../core/errors.js';

export interface JsonOnlyOptions {
  /** Methods that carry a body to check. */
  methods: string[];
}

export const DEFAULT_JSON_ONLY: JsonOnlyOptions = { methods: ['POST', 'PUT', 'PATCH'] };

export function isJsonContentType(value: string | undefined): boolean {
  if (!value) return false;
  const type = value.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json';
}

export function requireJson(options: Partial<JsonOnlyOptions> = {}): MiddlewareHandler {
  const o: JsonOnlyOptions = { ...DEFAULT_JSON_ONLY, ...options };
  const methods = new Set(o.methods);
  return async (c, next) => {
    if (methods.has(c.req.method)) {
      const type = c.req.header('content-type');
      if (!isJsonContentType(type)) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Send the body as JSON with "Content-Type: application/json" (got ${type ? `"${type.slice(0, 100)}"` : 'none'}).`);
      }
    }
    await next();
  };
}
