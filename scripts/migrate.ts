/**
 * Move an index between stores without re-embedding, then verify the copy.
 *
 *   npx tsx scripts/migrate.ts --to postgres [--from data/index] [--database-url URL]
 *   npx tsx scripts/migrate.ts --to hnsw     [--out data/index]  [--database-url URL]
 *   options: --schema NAME --table-prefix PREFIX (Postgres location), --batch N (passages per
 *            write), --sample N (vectors/queries verified), --replace (reset a non-empty target)
 *
 * DATABASE_URL (and INDEX_DIR, LOG_LEVEL) are read from the environment when flags are absent.
 * Exit 0 when the copy is verified; otherwise the error's catalog exit code (4 when the copy does
 * not match the source) with the reason on stderr.
 */
import { parseArgs } from 'node:util';
import { isEntryPoint } from '../core/cli.js';
import { configFromEnv } from '../core/config.js';
import { AppError, toAppError } from '../core/errors.js';
import { createLogger, type Logger } from '../core/logger.js';
import { acquireIndexLock, newManifest, HnswStore, copyStore, DEFAULT_MIGRATE, migrateStore, verifyCopy, type CopyReport, type VerifyReport, VectorsOnlyEmbeddings, DEFAULT_PG_OPTIONS, PgStore, redactConnectionString } from '../index/index.js';
import type { PassageStore } from '../index/index.js';

const USAGE = `usage: npx tsx scripts/migrate.ts --to postgres|hnsw [--from DIR] [--out DIR] [--database-url URL]
       [--schema NAME] [--table-prefix PREFIX] [--batch N] [--sample N] [--replace]`;

interface MigrateCliOptions {
  to: 'postgres' | 'hnsw';
  dir: string;
  databaseUrl: string;
  schema: string;
  tablePrefix: string;
  batchPassages: number;
  sampleSize: number;
  replace: boolean;
}

/** Flags (then environment) → options; 'help' when --help was asked. */
export function parseMigrateArgs(argv: string[], env: Record<string, string | undefined>): MigrateCliOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        to: { type: 'string' },
        from: { type: 'string' },
        out: { type: 'string' },
        'database-url': { type: 'string' },
        schema: { type: 'string' },
        'table-prefix': { type: 'string' },
        batch: { type: 'string' },
        sample: { type: 'string' },
        replace: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (err) {
    throw new AppError('INVALID_PARAMETER', `${(err as Error).message}\n${USAGE}`);
  }
  if (parsed.help) return 'help';
  const config = configFromEnv(env);
  const to = parsed.to;
  if (to !== 'postgres' && to !== 'hnsw') throw new AppError('INVALID_PARAMETER', `--to must be postgres or hnsw.\n${USAGE}`);
  if (to === 'postgres' && parsed.out) throw new AppError('INVALID_PARAMETER', '--out is for --to hnsw; use --from DIR with --to postgres.');
  if (to === 'hnsw' && parsed.from) throw new AppError('INVALID_PARAMETER', '--from is for --to postgres; use --out DIR with --to hnsw.');
  const databaseUrl = parsed['database-url'] ?? config.databaseUrl;
  if (!databaseUrl) throw new AppError('INVALID_PARAMETER', 'Pass --database-url URL or set DATABASE_URL.');
  const positive = (name: string, raw: string | undefined, fallback: number) => {
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new AppError('INVALID_PARAMETER', `--${name} must be a positive integer, got "${raw}".`);
    return Number(raw);
  };
  return {
    to,
    dir: (to === 'postgres' ? parsed.from : parsed.out) ?? config.indexDir,
    databaseUrl,
    schema: parsed.schema ?? DEFAULT_PG_OPTIONS.schema,
    tablePrefix: parsed['table-prefix'] ?? DEFAULT_PG_OPTIONS.tablePrefix,
    batchPassages: positive('batch', parsed.batch, DEFAULT_MIGRATE.batchPassages),
    sampleSize: positive('sample', parsed.sample, DEFAULT_MIGRATE.sampleSize),
    replace: parsed.replace ?? false,
  };
}

export async function runMigrate(o: MigrateCliOptions, logger: Logger): Promise<{ copy: CopyReport; verify: VerifyReport }> {
  const pgOptions = { connectionString: o.databaseUrl, schema: o.schema, tablePrefix: o.tablePrefix, logger };
  const migrateOptions = { batchPassages: o.batchPassages, sampleSize: o.sampleSize, logger };
  const stores: PassageStore[] = [];
  try {
    if (o.to === 'postgres') {
      // Loading reads one complete generation: a concurrent ingest cannot hand us a half state.
      const from = await HnswStore.load(new VectorsOnlyEmbeddings(), { root: o.dir, logger });
      stores.push(from);
      const m = from.manifest();
      const to = await PgStore.open({ ...pgOptions, embedder: m.embedder, chunking: m.chunking, reset: o.replace });
      stores.push(to);
      return await migrateStore(from, to, migrateOptions);
    }
    const from = await PgStore.open(pgOptions);
    stores.push(from);
    // The folder is written like an ingest writes it: under its lock, as one atomic generation.
    const lock = await acquireIndexLock(o.dir, logger);
    try {
      if (!o.replace && (await HnswStore.exists(o.dir))) {
        throw new AppError('CONFLICT', `An index already exists at ${o.dir}; pass --replace to write a new generation over it.`);
      }
      const m = from.manifest();
      const to = HnswStore.empty(new VectorsOnlyEmbeddings(), newManifest(m.embedder, m.chunking), { root: o.dir, logger });
      const copy = await copyStore(from, to, { ...migrateOptions, allowNonEmptyTarget: false });
      // Verify what is on disk, not what is in memory.
      const reloaded = await HnswStore.load(new VectorsOnlyEmbeddings(), { root: o.dir, logger });
      stores.push(reloaded);
      return { copy, verify: await verifyCopy(from, reloaded, migrateOptions) };
    } finally {
      await lock.release();
    }
  } finally {
    for (const s of stores) await s.close().catch(() => undefined);
  }
}

async function main(): Promise<number> {
  let logger: Logger = createLogger({ level: 'info' }).child({ cmd: 'migrate' });
  try {
    // Inside the try: a bad environment value is reported like any other input error.
    const config = configFromEnv(process.env);
    logger = createLogger({ level: config.logLevel }).child({ cmd: 'migrate' });
    const o = parseMigrateArgs(process.argv.slice(2), process.env);
    if (o === 'help') {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    const where = `${redactConnectionString(o.databaseUrl)} (${o.schema}.${o.tablePrefix}*)`;
    const [src, dst] = o.to === 'postgres' ? [o.dir, where] : [where, o.dir];
    const { copy, verify } = await runMigrate(o, logger);
    process.stdout.write(
      [
        `Migrated ${src} → ${dst}`,
        `  copied   ${copy.documents} documents, ${copy.passages} passages in ${copy.batches} batches (${(copy.ms / 1000).toFixed(1)} s), no re-embedding`,
        `  verified counts and every record/passage equal; ${verify.vectorsChecked} sampled vectors within ${verify.maxVectorError.toExponential(1)}; ` +
          `top hit equal for ${verify.topOneAgreement}/${verify.queriesChecked} sample queries, mean top-${DEFAULT_MIGRATE.topK} overlap ${verify.meanOverlap.toFixed(3)}`,
        '',
      ].join('\n'),
    );
    return 0;
  } catch (err) {
    const e = toAppError(err);
    if (e.code === 'INTERNAL') logger.error('migration crashed', { error: err instanceof Error ? err : String(err) });
    process.stderr.write(`migrate: ${e.message}\nhint: ${e.hint}\n`);
    return e.exitCode;
  }
}

if (isEntryPoint(import.meta.url)) {
  process.exitCode = await main();
}
