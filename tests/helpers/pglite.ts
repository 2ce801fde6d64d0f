/**
 * A real Postgres (PGlite, WASM, in this process) with the real pgvector extension, served on the
 * wire protocol so the real `pg` client connects to it. Nothing to install, no network.
 *
 * What pglite-socket 0.2.x does (read from its README and src/index.ts):
 * - PGlite is ONE backend. PGLiteSocketServer accepts `maxConnections` sockets (default 1: a second
 *   client gets "Too many connections" and is closed) and multiplexes them through a single query
 *   queue, message by message. While a transaction is open, only the connection that opened it is
 *   served; the others wait.
 * - All connections therefore share one session: session-level SET would leak between them (the
 *   store only uses transaction-local set_config), and extended-protocol messages of two
 *   connections can interleave when both send at the same instant outside a transaction.
 * Hence: the server allows several connections (two stores, a CLI child process), and the stores
 * in tests use `poolMax: 1` so each store has one connection and its statements never overlap.
 * Tests drive stores sequentially (await each call).
 */
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface PgliteServer {
  /** postgres://postgres:postgres@127.0.0.1:<port>/postgres */
  url: string;
  /** The in-process database (for direct inspection). */
  db: PGlite;
  stop(): Promise<void>;
}

export interface PgliteServerOptions {
  maxConnections: number;
}

export const DEFAULT_PGLITE_SERVER: PgliteServerOptions = { maxConnections: 8 };

export async function startPglite(options: Partial<PgliteServerOptions> = {}): Promise<PgliteServer> {
  const opts = { ...DEFAULT_PGLITE_SERVER, ...options };
  const db = await PGlite.create({ extensions: { vector } });
  // port 0: the OS picks a free port; getServerConn() reports it once listening.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: opts.maxConnections });
  await server.start();
  const url = `postgres://postgres:postgres@${server.getServerConn()}/postgres`;
  let stopped = false;
  return {
    url,
    db,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await db.close();
    },
  };
}
