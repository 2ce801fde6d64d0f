/**
 * `npm start`: read the configuration, make sure the index matches the corpus (ingesting or
 * rebuilding when it is missing, stale, built differently or damaged), then serve.
 */
import type { Server } from 'node:http';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { corpusViewOf, createAnswerer } from '../answer/index.js';
import { runCli } from '../core/cli.js';
import { configFromEnv } from '../core/config.js';
import { createLogger } from '../core/logger.js';
import { createEmbedder, readRetrievalConfig, createRetriever, IndexService, openStore } from '../index/index.js';
import { chunkingInfo, indexStatus, updateIndex, createLiveContext, watchCorpus } from '../ingest/index.js';
import { openTranslators } from './translator.js';
import { createApp } from './app.js';
import { openConversationStores } from './conversation-stores.js';
import { checkBindAddress } from './bind.js';
import { handleShutdown } from './middleware/shutdown.js';

await runCli('start', async () => {
  // `npm start -- --watch` is WATCH=true.
  const config = { ...configFromEnv(), ...(process.argv.slice(2).includes('--watch') ? { watch: true } : {}) };
  // Before any work: a network-wide listen address needs an API key (or an explicit opt-out).
  checkBindAddress(config);
  const logger = createLogger({ level: config.logLevel, ...(config.logFormat ? { format: config.logFormat } : {}) });
  const embedder = createEmbedder(config.embedder, { modelDir: config.modelDir, model: config.modelName }, logger);
  const where = {
    corpusDir: config.corpusDir,
    indexDir: config.indexDir,
    databaseUrl: config.databaseUrl,
    pgSchema: config.pgSchema,
    pgTablePrefix: config.pgTablePrefix,
  };

  const status = await indexStatus({ ...where, embedder, logger });
  if (status.state !== 'fresh') {
    logger.info('index needs ingest', { state: status.state, reasons: status.reasons.slice(0, 10) });
    // A missing, stale or damaged index is rebuilt from the corpus; an incompatible or corrupt one
    // is rebuilt from scratch (the corpus is the source of truth; nothing is lost).
    await updateIndex({ ...where, embedder, logger, rebuild: status.state === 'incompatible' || status.state === 'corrupt' });
  }

  const store = await openStore({ ...where, embedder: embedder.info, chunking: chunkingInfo(), logger });
  // Calibrated retrieval settings (mode, rerank, answerability threshold) are read once, here.
  const retrievalConfig = await readRetrievalConfig(config.retrievalConfigPath, logger);
  // English questions also search an English rendering of the passages when Apertium is installed
  // (translations cached beside the index, so a restart translates nothing again).
  const englishSide = { cacheFile: path.join(config.indexDir, 'translations-fr-en.jsonl') };
  const retriever = await createRetriever(store, embedder, { logger, config: retrievalConfig, englishSide });
  const service = new IndexService(store, embedder, retriever);
  await service.refresh();

  const documents = createLiveContext(service, { corpusDir: config.corpusDir, indexDir: config.indexDir, logger });
  // Saved conversations and feedback: in Postgres beside the passages, else files in the data folder.
  const { sessions, feedback } = openConversationStores(config, store, logger);
  // Answers go through the service's retriever, so live uploads (which swap it) are seen at once.
  const translators = openTranslators(logger);
  const answerer = createAnswerer({
    retriever: { search: (q, o) => service.retriever.search(q, o) },
    logger,
    corpus: corpusViewOf(service),
    llm: config.llm,
    translator: translators.toEnglish,
    frenchTranslator: translators.toFrench,
    sessions,
  });
  const app = createApp({ config, logger, service, startedAt: Date.now(), documents, answerer, sessions, feedback });
  const watcher = config.watch ? await watchCorpus(documents) : null;
  // Several servers may share one Postgres index: re-read it now and then so every process
  // answers from the same passages after another one ingested or accepted an upload.
  const sync =
    store.kind === 'postgres' && config.storeSyncMs > 0
      ? setInterval(() => {
          service.syncFromStore().then(
            (changed) => changed && logger.info('index changed in the database; reloaded', { passages: store.manifest().passages }),
            (err: unknown) => logger.warn('index sync failed', { error: err instanceof Error ? err : String(err) }),
          );
        }, config.storeSyncMs)
      : null;
  sync?.unref();
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    logger.info('listening', { url: `http://${host}:${info.port}` });
    process.stdout.write(`Assistant ready on http://${host}:${info.port}  (${store.manifest().passages} passages, ${embedder.info.name} embedder)\n`);
  });

  // SIGTERM/SIGINT: refuse new connections, let in-flight requests finish, exit 0; after
  // SHUTDOWN_TIMEOUT_MS (or a second signal) end the rest and exit 1.
  const shutdown = handleShutdown(server as Server, {
    timeoutMs: config.shutdownTimeoutMs,
    logger,
    cleanup: async () => {
      if (sync) clearInterval(sync);
      await watcher?.close();
      await translators.close();
      await store.close();
    },
  });
  // Under `npm start`, npm does not pass SIGTERM on to this process: it just exits, leaving us
  // orphaned. Treat the launcher's exit as the stop signal so a supervisor stopping npm still gets
  // a graceful shutdown (run `node --import tsx server/main.ts` directly to avoid the indirection).
  if (process.env['npm_lifecycle_event'] === 'start') {
    const launcher = process.ppid;
    const watch = setInterval(() => {
      if (process.ppid !== launcher) shutdown.stop('launcher exited');
    }, 500);
    watch.unref();
    void shutdown.done.finally(() => clearInterval(watch));
  }
  return shutdown.done;
});
// Whatever handle is left (a model runtime's threads, a forgotten timer) must not keep a stopped
// server alive: exit with the code runCli set.
process.exit();
