/**
 * The real server for the browser test: a copy of corpus/ in a temp folder (uploads and deletes
 * must never touch the committed corpus), a real index over it (tests/helpers/test-index.ts), and
 * the production app with live uploads, listening on 127.0.0.1 with a random port, as server/main.ts
 * serves it.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { DEFAULT_CONFIG, type AppConfig } from '../../core/config.js';
import { silentLogger, type Logger } from '../../core/logger.js';
import { createLiveContext } from '../../ingest/live.js';
import { createApp } from '../../server/app.js';
import { openConversationStores } from '../../server/conversation-stores.js';
import type { Translator } from '../../text/index.js';
import { buildTestIndex, TEST_CORPUS_DIR } from '../helpers/test-index.js';

export interface AppServerOptions {
  /** Folder copied into the temp corpus. */
  corpusDir: string;
  /** Overrides of the app configuration, merged over DEFAULT_APP_SERVER.config (corpusDir, dataDir
   * and indexDir are set here). */
  config: Partial<AppConfig>;
  logger: Logger;
  /** French → English translator for English answers (null: French quotations). */
  translator: Translator | null;
}

export const DEFAULT_APP_SERVER: AppServerOptions = {
  corpusDir: TEST_CORPUS_DIR,
  // A browser test makes dozens of API calls a minute from one address: no rate limit unless asked.
  config: { rateLimit: { windowMs: 60_000, max: 0 } },
  logger: silentLogger,
  translator: null,
};

export interface AppServer {
  url: string;
  /** Where conversations and feedback are kept (files, as `npm start` keeps them). */
  dataDir: string;
  /** Stop and start the server again on the same port over the same folders: a server restart. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startAppServer(options: Partial<AppServerOptions> = {}): Promise<AppServer> {
  const o: AppServerOptions = { ...DEFAULT_APP_SERVER, ...options };
  const root = await mkdtemp(path.join(os.tmpdir(), 'chat-web-'));
  const corpusDir = path.join(root, 'corpus');
  await cp(o.corpusDir, corpusDir, { recursive: true });
  const index = await buildTestIndex({ corpusDir, logger: o.logger });
  const dataDir = path.join(root, 'data');
  const config: AppConfig = {
    ...DEFAULT_CONFIG,
    ...DEFAULT_APP_SERVER.config,
    ...o.config,
    host: '127.0.0.1',
    port: 0,
    corpusDir,
    dataDir,
    indexDir: index.indexDir,
    embedder: 'lexical',
    conversations: { ...DEFAULT_CONFIG.conversations, dir: path.join(dataDir, 'conversations') },
  };
  // Uploads and deletes go to the temp corpus; answers use the app's default answerer over the
  // same service, recording into conversations kept in files (as server/main.ts builds it).
  const documents = createLiveContext(index.service, { corpusDir, indexDir: index.indexDir, logger: o.logger });
  const listen = async (port: number) => {
    const { sessions, feedback } = openConversationStores(config, index.store, o.logger);
    const app = createApp({ config, logger: o.logger, service: index.service, startedAt: Date.now(), documents, sessions, feedback, translator: o.translator });
    return new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => resolve(s));
    });
  };
  const stop = async (s: ReturnType<typeof serve>) => {
    // Open keep-alive sockets (the browser's) would hold close() forever.
    if ('closeAllConnections' in s) s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  let server = await listen(0);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    async restart() {
      await stop(server);
      server = await listen(port);
    },
    async close() {
      await stop(server);
      await index.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
