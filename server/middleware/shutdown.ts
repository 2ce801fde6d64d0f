/**
 * Graceful stop of the HTTP server on SIGTERM/SIGINT: stop accepting connections at once, let
 * in-flight requests (SSE answers included) finish, then run the cleanup and resolve with exit
 * code 0. Keep-alive connections would otherwise hold Node's close() open until their idle
 * timeout and could even carry new requests: responses sent while draining say
 * `Connection: close` and idle connections are closed as soon as they become idle. A hard
 * deadline (AppConfig.shutdownTimeoutMs) ends whatever is still running, with exit code 1; a
 * second signal does the same at once.
 *
 * Lives beside the middleware because it is the other half of "stay up, lose nothing": it is not
 * a middleware itself. server/main.ts wires it.
 */
import type { Server } from 'node:http';
import type { Logger } from '../../core/logger.js';

export interface ShutdownOptions {
  /** Hard deadline after the first signal, ms (0 = end connections at once). */
  timeoutMs: number;
  /** How often idle keep-alive connections are closed while draining, ms. */
  idleSweepMs: number;
  signals: NodeJS.Signals[];
  logger: Logger;
  /** Runs once the server is closed (or the deadline passed): close stores, watchers … */
  cleanup: () => Promise<void>;
}

export interface ShutdownHandle {
  /** Resolves with the exit code once shut down: 0 graceful, 1 forced by the deadline or a second signal. */
  done: Promise<number>;
  /** Start the shutdown as if a signal had arrived. */
  stop(reason: string): void;
}

type ClosableServer = Pick<Server, 'close' | 'on'> & Partial<Pick<Server, 'closeIdleConnections' | 'closeAllConnections'>>;

export function handleShutdown(server: ClosableServer, options: Partial<ShutdownOptions> & Pick<ShutdownOptions, 'logger'>): ShutdownHandle {
  const o: ShutdownOptions = { timeoutMs: 10_000, idleSweepMs: 100, signals: ['SIGTERM', 'SIGINT'], cleanup: async () => {}, ...options };
  let started = false;
  let finished = false;
  let resolveDone!: (code: number) => void;
  const done = new Promise<number>((resolve) => (resolveDone = resolve));

  const finish = (code: number) => {
    if (finished) return;
    finished = true;
    for (const s of o.signals) process.off(s, onSignal);
    void o
      .cleanup()
      .catch((err: unknown) => o.logger.error('cleanup after shutdown failed', { error: err instanceof Error ? err : String(err) }))
      .finally(() => resolveDone(code));
  };

  const force = (why: string) => {
    o.logger.warn('shutdown forced; ending open connections', { reason: why });
    server.closeAllConnections?.();
    finish(1);
  };

  const stop = (reason: string) => {
    if (started) return force(`second ${reason}`);
    started = true;
    // Listening socket closed now: new connections are refused from here on.
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(deadline);
      o.logger.info('all requests finished');
      finish(0);
    });
    server.on('request', (_req, res) => {
      if (!res.headersSent) res.setHeader('Connection', 'close');
    });
    server.closeIdleConnections?.();
    const sweep = setInterval(() => server.closeIdleConnections?.(), o.idleSweepMs);
    sweep.unref();
    const deadline = setTimeout(() => {
      clearInterval(sweep);
      force(`deadline of ${o.timeoutMs} ms`);
    }, o.timeoutMs);
    deadline.unref();
    o.logger.info('shutting down', { signal: reason, deadlineMs: o.timeoutMs });
  };

  function onSignal(signal: NodeJS.Signals) {
    stop(signal);
  }
  for (const s of o.signals) process.on(s, onSignal);
  return { done, stop };
}
