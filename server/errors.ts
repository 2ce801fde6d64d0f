/**
 * The single place where failures become HTTP responses: AppError → its catalog status and JSON
 * body; Hono's HTTPException (body limit, …) → the matching catalog code; anything else → a generic
 * 500 whose details stay in the server log. Clients never see a stack trace.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, type ErrorCode } from '../core/errors.js';
import type { Logger } from '../core/logger.js';

const HTTP_TO_CODE: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'OVERLOADED',
  504: 'TIMEOUT',
};

export function toHttpError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof HTTPException) {
    const code = HTTP_TO_CODE[err.status] ?? (err.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST');
    return new AppError(code, err.message || 'Request rejected.', { cause: err });
  }
  return new AppError('INTERNAL', 'Internal error.', { cause: err });
}

export function errorResponse(c: Context, err: AppError, headers: Record<string, string> = {}): Response {
  for (const [k, v] of Object.entries(headers)) c.header(k, v);
  return c.json(err.toJSON(), err.status as ContentfulStatusCode);
}

export function makeOnError(logger: Logger) {
  return (err: unknown, c: Context): Response => {
    const appErr = toHttpError(err);
    const fields = { code: appErr.code, method: c.req.method, path: c.req.path };
    if (appErr.status >= 500) logger.error('request failed', { ...fields, error: err instanceof Error ? err : String(err), stack: err instanceof Error ? err.stack : undefined });
    else logger.debug('request rejected', { ...fields, message: appErr.message });
    const headers: Record<string, string> = {};
    const retry = appErr.details?.['retryAfterSeconds'];
    if (typeof retry === 'number') headers['Retry-After'] = String(retry);
    return errorResponse(c, appErr, headers);
  };
}

export function notFound(c: Context): Response {
  return errorResponse(c, new AppError('ROUTE_NOT_FOUND', `No route for ${c.req.method} ${c.req.path}.`));
}
