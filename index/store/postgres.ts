/**
 * The shared store: passages, vectors and the manifest in Postgres + pgvector, for deployments
 * where several server instances (or a corpus too large for one process) share one index.
 *
 * Why `pg` + `pgvector` directly and not LangChain's PGVectorStore: PGVectorStore keeps one
 * collection table with metadata as JSONB and uuid ids, creates its own schema, and its writes
 * run outside any transaction we control. Our contract needs relational documents/passages
 * tables (FK + ON DELETE CASCADE), replace-by-source in ONE transaction together with the
 * manifest, our own ids, an ordered listPassages(), per-query ef_search, and a schema version.
 * That is a few SQL statements with `pg`; the vector type itself comes from `pgvector`.
 *
 * Consistency model: every read (search, getPassage, listPassages, getVectors, count) goes to the
 * database, so it sees other processes' committed writes at once. Only manifest() is a cached
 * copy, refreshed on open and after this instance's writes; call refresh() to pick up writes made
 * by other processes (e.g. a server after an ingest ran elsewhere).
 */
import pg from 'pg';
import type { Pool, PoolClient } from 'pg';
import { AppError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { silentLogger } from '../../core/logger.js';
import type { DocumentRecord, Passage } from '../../core/types.js';
import type { EmbedderInfo } from '../embedders/types.js';
import { INDEX_FORMAT_VERSION } from '../manifest.js';
import { redactConnectionString, secretsOf, toStoreError } from './postgres-errors.js';
import {
  buildManifest,
  documentParams,
  DOCUMENT_INSERT_CASTS,
  metaRows,
  parseMeta,
  passageParams,
  PASSAGE_INSERT_CASTS,
  PASSAGE_INSERT_COLUMNS,
  toPassage,
  vectorFromSql,
  vectorToSql,
  type DocumentRow,
  type MetaValues,
  type PassageRow,
} from './postgres-rows.js';
import {
  createSchemaSql,
  createVectorIndexSql,
  DOCUMENT_COLUMNS,
  dropSchemaSql,
  MAX_EF_SEARCH,
  PASSAGE_COLUMNS,
  pgNames,
  SCHEMA_VERSION,
  valuesList,
  type PgNames,
} from './postgres-sql.js';
import type { ChunkingInfo, IndexManifest, PassageStore, VectorHit } from './types.js';

export interface PgStoreOptions {
  /** postgres://user:pass@host:port/db (DATABASE_URL). Ignored when `pool` is given. */
  connectionString: string | null;
  /** An existing pool to use (not ended by close()); else one is created from connectionString. */
  pool: Pool | null;
  /** Postgres schema holding the tables (created if missing). */
  schema: string;
  /** Prefix of every table/index name, so several indexes can share one database/schema. */
  tablePrefix: string;
  /** Embedder and chunking recorded when the index is created; ignored when it already exists. */
  embedder: EmbedderInfo | null;
  chunking: ChunkingInfo | null;
  /** Drop and recreate the tables on open (a rebuild, e.g. after an embedder change). Unlike the
   * HNSW store's atomic generation swap, readers see an empty index until the re-ingest commits. */
  reset: boolean;
  /** Opened on an empty index (new, reset, or emptied), load first and build the HNSW index at
   * flush(): several times faster than maintaining it row by row. Until then searches are exact
   * scans; a store closed without flush() gets its index from the next open(). */
  deferIndexBuild: boolean;
  /** maintenance_work_mem for that build (e.g. '1GB'); null = the server's setting. A graph that
   * does not fit is built much more slowly (pgvector logs a notice). */
  indexBuildMemory: string | null;
  /** Floor of hnsw.ef_search; each query uses max(floor, 2·k) (pgvector's default is 40). */
  efSearch: number;
  /** Rows per multi-row INSERT (10 params a row; Postgres allows 65535 params a statement). */
  insertBatchRows: number;
  /** Size of the pool this store creates. */
  poolMax: number;
  /** Give up connecting after this long (pg waits forever by default). */
  connectionTimeoutMs: number;
  logger: Logger;
}

export const DEFAULT_PG_OPTIONS: PgStoreOptions = {
  connectionString: null,
  pool: null,
  schema: 'public',
  tablePrefix: 'assistant_',
  embedder: null,
  chunking: null,
  reset: false,
  deferIndexBuild: true,
  indexBuildMemory: null,
  efSearch: 40,
  insertBatchRows: 500,
  poolMax: 10,
  connectionTimeoutMs: 10_000,
  logger: silentLogger,
};

type UpsertDoc = { record: DocumentRecord; passages: Passage[]; vectors: number[][] };

export class PgStore implements PassageStore {
  readonly kind = 'postgres' as const;
  private readonly pool: Pool;
  private readonly ownsPool: boolean;
  private readonly names: PgNames;
  private readonly opts: PgStoreOptions;
  private readonly target: string;
  private readonly secrets: string[];
  private readonly onPoolError: (err: Error) => void;
  private current: IndexManifest;
  private closed = false;
  /** The HNSW index is still to be built (deferred bulk load); flush() builds it. */
  private indexPending = false;

  private constructor(pool: Pool, ownsPool: boolean, names: PgNames, opts: PgStoreOptions, manifest: IndexManifest, onPoolError: (err: Error) => void) {
    this.pool = pool;
    this.ownsPool = ownsPool;
    this.names = names;
    this.opts = opts;
    this.current = manifest;
    this.onPoolError = onPoolError;
    this.secrets = secretsOf(opts.connectionString);
    this.target = describeTarget(opts, names);
  }

  /**
   * Connect, create the schema if missing (idempotent, serialised by an advisory lock so two
   * processes opening a fresh database at once do not race), check the schema version and load
   * the manifest. A new index needs `embedder` and `chunking`; an existing one ignores them
   * (compare `manifest()` with `incompatibilities()` as for the HNSW store).
   */
  static async open(options: Partial<PgStoreOptions>): Promise<PgStore> {
    const opts: PgStoreOptions = { ...DEFAULT_PG_OPTIONS, ...options };
    validateOptions(opts);
    const names = pgNames(opts.schema, opts.tablePrefix);
    const ctx = { action: 'open', target: describeTarget(opts, names), secrets: secretsOf(opts.connectionString) };
    const ownsPool = !opts.pool;
    const pool =
      opts.pool ??
      new pg.Pool({
        connectionString: opts.connectionString ?? undefined,
        max: opts.poolMax,
        connectionTimeoutMillis: opts.connectionTimeoutMs,
        application_name: 'doc-assistant',
      });
    // An idle client dying (server restart) is emitted on the pool; unhandled it would crash the process.
    const onPoolError = (err: Error) =>
      opts.logger.warn('postgres connection lost', { error: toStoreError(err, { ...ctx, action: 'idle connection' }).message });
    pool.on('error', onPoolError);
    try {
      const { meta, indexPending } = await withTransaction(pool, async (client) => ensureSchema(client, names, opts, ctx.target));
      const store = new PgStore(pool, ownsPool, names, opts, buildManifest(meta, []), onPoolError);
      store.indexPending = indexPending;
      await store.refresh();
      opts.logger.debug('postgres index opened', { target: ctx.target, passages: store.current.passages, dimension: meta.embedder.dimension });
      return store;
    } catch (err) {
      pool.off('error', onPoolError);
      if (ownsPool) await pool.end().catch(() => undefined);
      throw toStoreError(err, ctx);
    }
  }

  manifest(): IndexManifest {
    return this.current;
  }

  /** Reload the manifest from the database (sees writes committed by other processes). */
  async refresh(): Promise<IndexManifest> {
    this.current = await this.run('refresh', () =>
      withTransaction(this.pool, (client) => readManifest(client, this.names, this.target), 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY'),
    );
    return this.current;
  }

  async upsertDocuments(docs: UpsertDoc[]): Promise<void> {
    if (docs.length === 0) return;
    this.validateUpsert(docs);
    // Rows locked in source order: two writers with overlapping batches cannot deadlock.
    const sorted = [...docs].sort((a, b) => (a.record.source < b.record.source ? -1 : a.record.source > b.record.source ? 1 : 0));
    const sources = sorted.map((d) => d.record.source);
    const n = this.names;
    const started = Date.now();
    this.current = await this.run('upsert', () =>
      withTransaction(this.pool, async (client) => {
        // Document rows first: the row lock makes a concurrent upsert of the same source wait
        // until this one commits, and its DELETE (a fresh snapshot) then sees our passages.
        for (const batch of chunks(sorted, this.opts.insertBatchRows)) {
          await client.query(
            `INSERT INTO ${n.documents} (${DOCUMENT_COLUMNS}) VALUES ${valuesList(batch.length, DOCUMENT_INSERT_CASTS)}
             ON CONFLICT (source) DO UPDATE SET title = EXCLUDED.title, date = EXCLUDED.date, hash = EXCLUDED.hash,
               format = EXCLUDED.format, passages = EXCLUDED.passages, chars = EXCLUDED.chars, ingested_at = EXCLUDED.ingested_at`,
            batch.flatMap((d) => documentParams(d.record, d.passages.length)),
          );
        }
        await client.query(`DELETE FROM ${n.passages} WHERE source = ANY($1::text[])`, [sources]);
        const rows = sorted.flatMap((d) => d.passages.map((p, i) => ({ p, v: d.vectors[i] as number[] })));
        for (const batch of chunks(rows, this.opts.insertBatchRows)) {
          await client.query(
            `INSERT INTO ${n.passages} (${PASSAGE_INSERT_COLUMNS}) VALUES ${valuesList(batch.length, PASSAGE_INSERT_CASTS)}`,
            batch.flatMap((r) => passageParams(r.p, r.v)),
          );
        }
        await touch(client, n);
        return readManifest(client, n, this.target);
      }),
    );
    this.opts.logger.debug('postgres upsert', { documents: docs.length, passages: docs.reduce((s, d) => s + d.passages.length, 0), ms: Date.now() - started });
  }

  async removeDocuments(sources: string[]): Promise<number> {
    if (sources.length === 0) return 0;
    const n = this.names;
    let removed = 0;
    this.current = await this.run('remove', () =>
      withTransaction(this.pool, async (client) => {
        const p = await client.query(`DELETE FROM ${n.passages} WHERE source = ANY($1::text[])`, [sources]);
        const d = await client.query(`DELETE FROM ${n.documents} WHERE source = ANY($1::text[])`, [sources]);
        removed = p.rowCount ?? 0;
        if (removed > 0 || (d.rowCount ?? 0) > 0) await touch(client, n);
        return readManifest(client, n, this.target);
      }),
    );
    this.opts.logger.debug('postgres remove', { sources: sources.length, passages: removed });
    return removed;
  }

  /** Replaces the recorded skipped files (a meta row, committed at once like every write). */
  async setSkipped(skipped: Record<string, { hash: string; reason: string }>): Promise<void> {
    const n = this.names;
    this.current = await this.run('setSkipped', () =>
      withTransaction(this.pool, async (client) => {
        await client.query(
          `INSERT INTO ${n.meta} (key, value) VALUES ('skipped', $1::jsonb) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
          [JSON.stringify(skipped)],
        );
        return readManifest(client, n, this.target);
      }),
    );
  }

  async searchVector(vector: number[], k: number): Promise<VectorHit[]> {
    if (!Number.isInteger(k)) throw new AppError('INVALID_PARAMETER', `k must be an integer, got ${k}.`);
    if (k <= 0) return [];
    this.checkVector(vector, 'Query vector');
    const n = this.names;
    // SET LOCAL dies with the transaction, so a pooled connection never carries one query's
    // setting into the next. Sent with BEGIN as one simple-protocol message (one round trip);
    // the values spliced in are integers computed here, never input text.
    const setting =
      k > MAX_EF_SEARCH / 2
        ? // ef_search cannot exceed 1000 and an HNSW scan returns at most ef_search rows: an exact
          // scan is the only way to honour such a k.
          'SET LOCAL enable_indexscan = off'
        : // Postgres costs a seq scan without its TOAST reads (vectors ≥ 2 KB, i.e. ≥ 510 dims, are
          // stored out of line), so it often prefers one over the HNSW index; pgvector's docs
          // advise enable_seqscan = off. This query has no WHERE clause: the index is always right.
          `SET LOCAL hnsw.ef_search = ${Math.max(this.opts.efSearch, 2 * k)}; SET LOCAL enable_seqscan = off`;
    const rows = await this.run('search', () =>
      withTransaction(
        this.pool,
        async (client) => {
          const res = await client.query<PassageRow & { distance: number }>(
            `SELECT ${PASSAGE_COLUMNS}, embedding <=> $1::vector AS distance
               FROM ${n.passages} ORDER BY embedding <=> $1::vector LIMIT $2`,
            [vectorToSql(vector), k],
          );
          return res.rows;
        },
        `BEGIN READ ONLY; ${setting}`,
      ),
    );
    // cosine distance = 1 − cos, as in the HNSW store
    return rows.map((r) => ({ passage: toPassage(r), similarity: 1 - Number(r.distance) }));
  }

  async getPassage(id: string): Promise<Passage | undefined> {
    const res = await this.run('getPassage', () => this.pool.query<PassageRow>(`SELECT ${PASSAGE_COLUMNS} FROM ${this.names.passages} WHERE id = $1`, [id]));
    const row = res.rows[0];
    return row ? toPassage(row) : undefined;
  }

  async listPassages(): Promise<Passage[]> {
    const res = await this.run('listPassages', () =>
      this.pool.query<PassageRow>(`SELECT ${PASSAGE_COLUMNS} FROM ${this.names.passages} ORDER BY source, ordinal`),
    );
    return res.rows.map(toPassage);
  }

  async getVectors(ids: string[]): Promise<number[][]> {
    if (ids.length === 0) return [];
    const res = await this.run('getVectors', () =>
      this.pool.query<{ id: string; embedding: string }>(`SELECT id, embedding::text AS embedding FROM ${this.names.passages} WHERE id = ANY($1::text[])`, [
        [...new Set(ids)],
      ]),
    );
    const byId = new Map(res.rows.map((r) => [r.id, r.embedding]));
    return ids.map((id) => {
      const text = byId.get(id);
      if (text === undefined) throw new AppError('NOT_FOUND', `No passage ${id} in the index.`);
      return vectorFromSql(text);
    });
  }

  async count(): Promise<number> {
    const res = await this.run('count', () => this.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${this.names.passages}`));
    return res.rows[0]?.n ?? 0;
  }

  /**
   * Every write commits before it returns, so nothing needs flushing for durability. The one job
   * left is the deferred HNSW index build after a bulk load into an empty index (see
   * `deferIndexBuild`); it takes a SHARE lock, so other processes keep reading meanwhile.
   */
  async flush(): Promise<void> {
    if (!this.indexPending) return;
    const n = this.names;
    const started = Date.now();
    await this.run('index build', () =>
      withTransaction(this.pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [n.lockKey]);
        if (this.opts.indexBuildMemory) await client.query(`SELECT set_config('maintenance_work_mem', $1, true)`, [this.opts.indexBuildMemory]);
        await client.query(createVectorIndexSql(n));
      }),
    );
    this.indexPending = false;
    this.opts.logger.info('postgres HNSW index built', { target: this.target, passages: this.current.passages, ms: Date.now() - started });
  }

  /** Whether the HNSW index is still to be built by flush() (bulk load in progress). */
  get vectorIndexPending(): boolean {
    return this.indexPending;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.indexPending && this.current.passages > 0) this.opts.logger.warn('postgres store closed before flush(): the HNSW index will be built by the next open', { target: this.target });
    this.pool.off('error', this.onPoolError);
    if (this.ownsPool) await this.pool.end();
  }

  private async run<T>(action: string, fn: () => Promise<T>): Promise<T> {
    if (this.closed) throw new AppError('INTERNAL', `The Postgres store ${this.target} is closed (${action}).`);
    try {
      return await fn();
    } catch (err) {
      throw toStoreError(err, { action, target: this.target, secrets: this.secrets });
    }
  }

  private checkVector(v: number[], what: string): void {
    const dim = this.current.embedder.dimension;
    if (v.length !== dim) throw new AppError('INTERNAL', `${what} has ${v.length} dimensions, the index has ${dim}.`);
    for (const x of v) {
      if (!Number.isFinite(x)) throw new AppError('INTERNAL', `${what} holds a non-finite value (${x}); pgvector refuses NaN/Infinity.`);
    }
  }

  /** Everything is checked before the transaction starts, so a bad batch changes nothing. */
  private validateUpsert(docs: UpsertDoc[]): void {
    const seen = new Set<string>();
    for (const d of docs) {
      const source = d.record.source;
      if (seen.has(source)) throw new AppError('INTERNAL', `${source} appears twice in one upsert.`);
      seen.add(source);
      if (d.passages.length !== d.vectors.length) {
        throw new AppError('INTERNAL', `${source}: ${d.passages.length} passages but ${d.vectors.length} vectors.`);
      }
      d.passages.forEach((p, i) => {
        if (p.source !== source) throw new AppError('INTERNAL', `Passage ${p.id} names source ${p.source} but is upserted under ${source}.`);
        this.checkVector(d.vectors[i] as number[], `Vector of passage ${p.id}`);
      });
    }
  }
}

function validateOptions(o: PgStoreOptions): void {
  if (!o.pool && !o.connectionString) {
    throw new AppError('INVALID_PARAMETER', 'The Postgres store needs a connection string (DATABASE_URL) or a pool.');
  }
  const intIn = (name: string, v: number, min: number, max: number) => {
    if (!Number.isInteger(v) || v < min || v > max) throw new AppError('INVALID_PARAMETER', `${name} must be an integer in [${min}, ${max}], got ${v}.`);
  };
  intIn('efSearch', o.efSearch, 1, MAX_EF_SEARCH);
  intIn('insertBatchRows', o.insertBatchRows, 1, 6000);
  intIn('poolMax', o.poolMax, 1, 1000);
  intIn('connectionTimeoutMs', o.connectionTimeoutMs, 0, 600_000);
  if (o.indexBuildMemory !== null && !/^\d+\s*(kB|MB|GB)$/.test(o.indexBuildMemory)) {
    throw new AppError('INVALID_PARAMETER', `indexBuildMemory must look like "512MB" or "2GB", got "${o.indexBuildMemory}".`);
  }
}

function describeTarget(o: PgStoreOptions, names: PgNames): string {
  const where = o.connectionString ? redactConnectionString(o.connectionString) : 'the given pool';
  return `${where} (${names.label})`;
}

async function withTransaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query(begin);
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (err) {
    try {
      await client.query('ROLLBACK');
    } catch (rollbackErr) {
      // The connection itself is gone: do not hand it back to the pool.
      broken = rollbackErr as Error;
    }
    throw err;
  } finally {
    client.release(broken);
  }
}

/**
 * Creates or checks the schema inside the caller's transaction. Returns the meta values and
 * whether the HNSW index is left for flush() (empty index, deferIndexBuild). A non-empty table
 * without the index (a loader that never flushed) gets it now.
 */
async function ensureSchema(client: PoolClient, n: PgNames, o: PgStoreOptions, target: string): Promise<{ meta: MetaValues; indexPending: boolean }> {
  await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [n.lockKey]);
  if (o.reset) {
    for (const sql of dropSchemaSql(n)) await client.query(sql);
    o.logger.info('postgres index reset', { target });
  }
  const hasVector = await client.query(`SELECT 1 FROM pg_extension WHERE extname = 'vector'`);
  if (hasVector.rowCount === 0) {
    try {
      await client.query('CREATE EXTENSION IF NOT EXISTS vector');
    } catch (err) {
      throw new AppError(
        'STORE_UNAVAILABLE',
        `The pgvector extension is not enabled on ${target} and could not be created (${(err as Error).message}). ` +
          'Install pgvector on the server and run `CREATE EXTENSION vector;` as a privileged user.',
        { cause: err },
      );
    }
  }
  const exists = await client.query<{ t: string | null }>(`SELECT to_regclass($1) AS t`, [`${n.meta}`]);
  let meta: MetaValues;
  if (exists.rows[0]?.t) {
    const rows = await client.query<{ key: string; value: unknown }>(`SELECT key, value FROM ${n.meta}`);
    const version = rows.rows.find((r) => r.key === 'schema_version')?.value;
    if (typeof version === 'number' && version > SCHEMA_VERSION) {
      throw new AppError(
        'INDEX_MISMATCH',
        `The Postgres index ${target} has schema version ${version}; this build knows up to ${SCHEMA_VERSION}. ` +
          'Upgrade this application, or use another table prefix/schema for this build.',
        { details: { schemaVersion: version, supported: SCHEMA_VERSION } },
      );
    }
    meta = parseMeta(rows.rows, target);
  } else {
    if (!o.embedder || !o.chunking) {
      throw new AppError('INDEX_MISSING', `No index in ${target}: pass the embedder and chunking to create one (run the ingest).`);
    }
    const now = new Date().toISOString();
    meta = {
      schema_version: SCHEMA_VERSION,
      format_version: INDEX_FORMAT_VERSION,
      embedder: o.embedder,
      chunking: o.chunking,
      created_at: now,
      updated_at: now,
    };
  }
  // Always run the idempotent DDL: it also completes a schema an older, interrupted open left partial.
  for (const sql of createSchemaSql(n, meta.embedder.dimension)) await client.query(sql);
  for (const [key, value] of metaRows(meta)) {
    await client.query(`INSERT INTO ${n.meta} (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO NOTHING`, [key, value]);
  }
  let indexPending = false;
  const hasIndex = await client.query<{ t: string | null }>(`SELECT to_regclass($1) AS t`, [n.vectorIndexQualified]);
  if (!hasIndex.rows[0]?.t) {
    const any = await client.query<{ e: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${n.passages}) AS e`);
    if (o.deferIndexBuild && !any.rows[0]?.e) indexPending = true;
    else {
      if (o.indexBuildMemory) await client.query(`SELECT set_config('maintenance_work_mem', $1, true)`, [o.indexBuildMemory]);
      await client.query(createVectorIndexSql(n));
    }
  }
  return { meta, indexPending };
}

async function readManifest(client: PoolClient, n: PgNames, target: string): Promise<IndexManifest> {
  const metaRes = await client.query<{ key: string; value: unknown }>(`SELECT key, value FROM ${n.meta}`);
  const docs = await client.query<DocumentRow>(`SELECT ${DOCUMENT_COLUMNS} FROM ${n.documents} ORDER BY source`);
  return buildManifest(parseMeta(metaRes.rows, target), docs.rows);
}

async function touch(client: PoolClient, n: PgNames): Promise<void> {
  await client.query(`UPDATE ${n.meta} SET value = $1::jsonb WHERE key = 'updated_at'`, [JSON.stringify(new Date().toISOString())]);
}

function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
