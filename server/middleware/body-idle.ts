/**
 * A client that starts an upload and then stops sending must not hold its socket (and the memory
 * of a half-read body) until Node's 300 s request timeout: while the body is being received, the
 * socket may stay silent at most `idleMs`, then it is closed. Once the body is complete the
 * timeout is lifted, so the (possibly long) parse and indexing that follow are not cut short.
 * Only with @hono/node-server (it exposes the IncomingMessage); elsewhere a pass-through.
 */
import type { IncomingMessage } from 'node:http';
import type { MiddlewareHandler } from 'hono';

export interface BodyIdleOptions {
  idleMs: number;
}

export function bodyIdleTimeout(options: BodyIdleOptions): MiddlewareHandler {
  return async (c, next) => {
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    const socket = incoming?.socket;
    if (!incoming || !socket || incoming.complete) return next();
    const onIdle = () => socket.destroy(new Error(`request body idle for ${options.idleMs} ms`));
    const lift = () => {
      socket.setTimeout(0);
      socket.off('timeout', onIdle);
    };
    socket.setTimeout(options.idleMs);
    socket.on('timeout', onIdle);
    incoming.once('end', lift);
    try {
      await next();
    } finally {
      incoming.off('end', lift);
      lift();
    }
  };
}
