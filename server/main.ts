/**
 * `npm start`: read the configuration, make sure the index matches the corpus (ingesting or
 * rebuilding when it is missing, stale, built differently or damaged), then serve.
 */
import { serve } from '@hono/node-server';
import { runCli } from '../core/cli.js';
import { configFromEnv } from '../core/config.js';
import { createLogger } from '../core/logger.js';
import { createEmbedder } from '../index/embedders/auto.js';
import { createRetriever } from '../index/retrieve/factory.js';
import { IndexService } from '../index/service.js';
import { openStore } from '../index/store/open.js';
import { chunkingInfo } from '../ingest/chunk.js';
import { indexStatus, updateIndex } from '../ingest/indexer.js';
import { createApp } from './app.js';

await runCli('start', async () => {
  const config = configFromEnv();
  const logger = createLogger({ level: config.logLevel });
  const embedder = createEmbedder(config.embedder, { modelDir: config.modelDir, model: config.modelName }, logger);
  const where = { corpusDir: config.corpusDir, indexDir: config.indexDir, databaseUrl: config.databaseUrl };

  const status = await indexStatus({ ...where, embedder, logger });
  if (status.state !== 'fresh') {
    logger.info('index needs ingest', { state: status.state, reasons: status.reasons.slice(0, 10) });
    // A missing, stale or damaged index is rebuilt from the corpus; an incompatible or corrupt one
    // is rebuilt from scratch (the corpus is the source of truth; nothing is lost).
    await updateIndex({ ...where, embedder, logger, rebuild: status.state === 'incompatible' || status.state === 'corrupt' });
  }

  const store = await openStore({ ...where, embedder: embedder.info, chunking: chunkingInfo(), logger });
  const retriever = await createRetriever(store, embedder, { logger });
  const service = new IndexService(store, embedder, retriever);
  await service.refresh();

  const app = createApp({ config, logger, service, startedAt: Date.now() });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    logger.info('listening', { url: `http://${host}:${info.port}` });
    process.stdout.write(`Assistant ready on http://${host}:${info.port}  (${store.manifest().passages} passages, ${embedder.info.name} embedder)\n`);
  });

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info('shutting down', { signal });
      // close() stops accepting connections and resolves once in-flight requests have finished.
      server.close(() => {
        void store.close().finally(resolve);
      });
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  return 0;
});
