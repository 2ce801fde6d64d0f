/**
 * Request deadline: a handler that has not produced its response within `ms` gets a 504 TIMEOUT
 * JSON answer. The deadline covers the time to the response head only: once a handler has
 * returned a streaming response (SSE chat), the stream runs to its end, bounded by the answer
 * pipeline's own LLM timeout, so a started answer is never cut mid-sentence.
 *
 * Handlers cannot be preempted; they get `c.var.requestSignal`, aborted at the deadline or when
 * the client goes away, to stop work nobody will read (LLM calls, queued slots).
 */
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../core/errors.js';

declare module 'hono' {
  interface ContextVariableMap {
    /** Aborted when the request times out or the client disconnects. */
    requestSignal: AbortSignal;
  }
}

export interface TimeoutOptions {
  ms: number;
}

export const DEFAULT_TIMEOUT: TimeoutOptions = { ms: 30_000 };

export function requestTimeout(options: Partial<TimeoutOptions> = {}): MiddlewareHandler {
  const o: TimeoutOptions = { ...DEFAULT_TIMEOUT, ...options };
  return async (c, next) => {
    // Not AbortSignal.any(): on Node 20 it keeps every composite signal alive when the request's
    // own signal is an undici one (app.request(), other runtimes), ~3 KB a request. One
    // controller fed by both causes does the same job without it.
    const deadline = new AbortController();
    const client = c.req.raw.signal;
    if (client.aborted) deadline.abort(client.reason);
    else client.addEventListener('abort', () => deadline.abort(client.reason), { once: true });
    c.set('requestSignal', deadline.signal);
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const err = new AppError('TIMEOUT', `The request took longer than ${o.ms} ms.`, { details: { timeoutMs: o.ms } });
        deadline.abort(err);
        reject(err);
      }, o.ms);
    });
    try {
      await Promise.race([next(), expired]);
    } finally {
      clearTimeout(timer);
    }
  };
}
