/**
 * `npm run ingest -- [--dir corpus] [--embedder auto|transformers|lexical] [--model-dir DIR]
 *                    [--index data/index] [--rebuild] [--batch-size N] [--log-level L]`
 * Flags override the environment (see core/config.ts); both are read here, once.
 */
import { parseArgs } from 'node:util';
import { runCli } from '../core/cli.js';
import { configFromEnv } from '../core/config.js';
import { AppError } from '../core/errors.js';
import { createLogger } from '../core/logger.js';
import { createEmbedder } from '../index/index.js';
import { updateIndex } from './indexer.js';

const HELP = `Usage: npm run ingest -- [options]

  --dir DIR          corpus folder (default: CORPUS_DIR or ./corpus)
  --embedder NAME    auto | lexical | transformers (default: EMBEDDER or auto)
  --model-dir DIR    local folder with transformers model files (default: MODEL_DIR)
  --index DIR        HNSW index folder (default: INDEX_DIR or data/index)
  --rebuild          discard an index built with another embedder/chunking and rebuild it
  --batch-size N     passages per embedding call (default 64)
  --log-level LEVEL  debug | info | warn | error (default: LOG_LEVEL or info)
  -h, --help         this help
`;

await runCli('ingest', async () => {
  let args;
  try {
    args = parseArgs({
      options: {
        dir: { type: 'string' },
        embedder: { type: 'string' },
        'model-dir': { type: 'string' },
        index: { type: 'string' },
        rebuild: { type: 'boolean', default: false },
        'batch-size': { type: 'string' },
        'log-level': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: false,
    }).values;
  } catch (err) {
    throw new AppError('INVALID_PARAMETER', `${(err as Error).message}\n\n${HELP}`);
  }
  if (args.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const env = { ...process.env };
  if (args.dir) env['CORPUS_DIR'] = args.dir;
  if (args.embedder) env['EMBEDDER'] = args.embedder;
  if (args['model-dir']) env['MODEL_DIR'] = args['model-dir'];
  if (args.index) env['INDEX_DIR'] = args.index;
  if (args['log-level']) env['LOG_LEVEL'] = args['log-level'];
  const config = configFromEnv(env);
  const batch = args['batch-size'];
  if (batch !== undefined && !/^[1-9]\d*$/.test(batch)) throw new AppError('INVALID_PARAMETER', `--batch-size must be a positive integer, got "${batch}".`);
  const logger = createLogger({ level: config.logLevel, ...(config.logFormat ? { format: config.logFormat } : {}) });
  const embedder = createEmbedder(config.embedder, { modelDir: config.modelDir, model: config.modelName }, logger);
  const report = await updateIndex({
    corpusDir: config.corpusDir,
    indexDir: config.indexDir,
    databaseUrl: config.databaseUrl,
    pgSchema: config.pgSchema,
    pgTablePrefix: config.pgTablePrefix,
    embedder,
    rebuild: args.rebuild,
    ...(batch ? { batchSize: Number(batch) } : {}),
    logger,
  });
  process.stdout.write(
    `Indexed ${report.documents} documents, ${report.passages} passages ` +
      `(added ${report.added.length}, updated ${report.updated.length}, removed ${report.removed.length}, ` +
      `unchanged ${report.unchanged.length}, skipped ${report.skipped.length}; embedded ${report.embedded} passages) ` +
      `in ${(report.durationMs / 1000).toFixed(2)} s with the ${embedder.info.name} embedder → ${config.databaseUrl ? 'Postgres' : config.indexDir}\n`,
  );
  for (const s of report.skipped) process.stdout.write(`  skipped ${s.source}: ${s.reason}\n`);
  return 0;
});
