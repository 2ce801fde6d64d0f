/**
 * Server-Sent Events from an async generator, with one rule: the first item is pulled before the
 * response starts, so a failure before any output (index not ready, retrieval error) is an
 * ordinary JSON error with its HTTP status through the one onError. Once streaming, a failure
 * becomes a final `error` event carrying the same JSON body. A client that goes away aborts the
 * work (LLM call included) and stops the generator.
 */
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { toHttpError } from './errors.js';

export interface SseMessage {
  event?: string;
  data: string;
}

export interface SseOptions<T> {
  /** SSE messages for one item of the source. */
  render: (item: T) => SseMessage[];
  /** Messages ending a stream that failed. */
  renderError: (err: AppError) => SseMessage[];
  /** Messages after the source is exhausted (e.g. OpenAI's `data: [DONE]`). */
  trailer?: SseMessage[];
  logger: Logger;
  /** Aborted when the client disconnects. */
  abort?: AbortController;
}

export async function sseFrom<T>(c: Context, source: AsyncGenerator<T, void, undefined>, options: SseOptions<T>): Promise<Response> {
  const first = await source.next();
  return streamSSE(c, async (stream) => {
    stream.onAbort(() => {
      options.abort?.abort();
    });
    try {
      let item = first;
      while (!item.done) {
        for (const message of options.render(item.value)) await stream.writeSSE(message);
        if (stream.aborted) {
          await source.return(undefined);
          return;
        }
        item = await source.next();
      }
      for (const message of options.trailer ?? []) await stream.writeSSE(message);
    } catch (err) {
      const appErr = toHttpError(err);
      const fields = { code: appErr.code, method: c.req.method, path: c.req.path, midStream: true };
      if (appErr.status >= 500) options.logger.error('stream failed', { ...fields, error: err instanceof Error ? err : String(err) });
      else options.logger.debug('stream stopped', { ...fields, message: appErr.message });
      if (!stream.aborted) for (const message of options.renderError(appErr)) await stream.writeSSE(message);
    }
  });
}

/** The client asked for an event stream (Accept: text/event-stream, possibly among others). */
export function wantsEventStream(accept: string | undefined): boolean {
  return (accept ?? '').toLowerCase().includes('text/event-stream');
}

/** An AbortController that follows the request's own signal (client gone). */
export function requestAbort(c: Context): AbortController {
  const controller = new AbortController();
  const signal = c.req.raw.signal;
  if (signal.aborted) controller.abort();
  else signal.addEventListener('abort', () => controller.abort(), { once: true });
  return controller;
}
