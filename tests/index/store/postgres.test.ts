/**
 * The PassageStore contract on Postgres + pgvector (real pgvector in PGlite, reached through the
 * real `pg` client over the wire protocol), then what only the shared store has: several
 * instances on one database, idempotent schema creation, prefixes, versioning, errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { AppError } from '../../../core/errors.js';
import { PgStore, type PgStoreOptions } from '../../../index/store/postgres.js';
import { SCHEMA_VERSION } from '../../../index/store/postgres-sql.js';
import type { PassageStore } from '../../../index/store/types.js';
import { startPglite, type PgliteServer } from '../../helpers/pglite.js';
import { passage, randomUnitVectors, record, runStoreContract, testChunking, testEmbedder } from './contract.js';

let server: PgliteServer;
let seq = 0;
const prefixes = new Map<PassageStore, string>();

beforeAll(async () => {
  server = await startPglite();
});
afterAll(async () => {
  await server?.stop();
});

/** One connection per store: PGlite is a single backend multiplexed by pglite-socket (see helper). */
const base = (): Partial<PgStoreOptions> => ({ connectionString: server.url, poolMax: 1 });
const freshPrefix = () => `t${++seq}_`;

runStoreContract('postgres', {
  async create(dimension) {
    const tablePrefix = freshPrefix();
    const store = await PgStore.open({ ...base(), tablePrefix, embedder: testEmbedder(dimension), chunking: testChunking });
    prefixes.set(store, tablePrefix);
    return store;
  },
  async reopen(store) {
    const tablePrefix = prefixes.get(store);
    if (!tablePrefix) throw new Error('unknown store');
    await store.flush();
    await store.close();
    // No embedder given: an existing index is opened from its own meta.
    const again = await PgStore.open({ ...base(), tablePrefix });
    prefixes.set(again, tablePrefix);
    return again;
  },
});

describe('PgStore specifics', () => {
  const open = (o: Partial<PgStoreOptions>) => PgStore.open({ ...base(), embedder: testEmbedder(8), chunking: testChunking, ...o });

  it('two instances on the same database share the data; refresh() updates the manifest copy', async () => {
    const tablePrefix = freshPrefix();
    const a = await open({ tablePrefix });
    const b = await open({ tablePrefix });
    try {
      const vs = randomUnitVectors(3, 8, 11);
      await a.upsertDocuments([{ record: record('one.txt'), passages: [0, 1, 2].map((i) => passage('one.txt', i)), vectors: vs }]);
      // Reads go to the database: B sees A's commit at once.
      expect(await b.count()).toBe(3);
      expect((await b.searchVector(vs[1] as number[], 1))[0]?.passage.id).toBe('one.txt#1');
      expect((await b.getPassage('one.txt#2'))?.text).toBe(passage('one.txt', 2).text);
      // The manifest is a cached copy until refresh().
      expect(b.manifest().passages).toBe(0);
      const m = await b.refresh();
      expect(m.passages).toBe(3);
      expect(b.manifest().documents['one.txt']).toEqual(record('one.txt', { passages: 3 }));
      await b.removeDocuments(['one.txt']);
      expect(await a.count()).toBe(0);
      expect((await a.refresh()).documents).toEqual({});
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('a loader that closes without flush() leaves the index build to the next open', async () => {
    const tablePrefix = freshPrefix();
    const a = await open({ tablePrefix });
    await a.upsertDocuments([{ record: record('k.txt'), passages: [passage('k.txt', 0)], vectors: randomUnitVectors(1, 8, 2) }]);
    await a.close();
    const b = await open({ tablePrefix });
    try {
      expect(b.vectorIndexPending).toBe(false);
      const idx = await server.db.query(`SELECT 1 FROM pg_indexes WHERE indexname = $1`, [`${tablePrefix}passages_embedding_hnsw`]);
      expect(idx.rows).toHaveLength(1);
    } finally {
      await b.close();
    }
  });

  it('schema creation is idempotent and the existing index keeps its own embedder', async () => {
    const tablePrefix = freshPrefix();
    const first = await open({ tablePrefix });
    await first.upsertDocuments([{ record: record('k.txt'), passages: [passage('k.txt', 0)], vectors: randomUnitVectors(1, 8, 2) }]);
    const created = first.manifest().createdAt;
    await first.close();
    const second = await open({ tablePrefix });
    // Opening with another embedder does not alter an existing index: the caller compares manifests.
    const third = await PgStore.open({ ...base(), tablePrefix, embedder: testEmbedder(16), chunking: testChunking });
    try {
      expect(second.manifest().createdAt).toBe(created);
      expect(await second.count()).toBe(1);
      expect(third.manifest().embedder.dimension).toBe(8);
      const tables = await server.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_tables WHERE tablename LIKE $1`,
        [`${tablePrefix}%`],
      );
      expect(tables.rows[0]?.n).toBe(3);
      const idx = await server.db.query<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE indexname = $1`, [`${tablePrefix}passages_embedding_hnsw`]);
      expect(idx.rows[0]?.indexdef).toMatch(/USING hnsw \(embedding vector_cosine_ops\)/);
    } finally {
      await second.close();
      await third.close();
    }
  });

  it('prefixes and schemas isolate indexes sharing one database', async () => {
    const p1 = freshPrefix();
    const a = await open({ tablePrefix: p1 });
    const b = await open({ tablePrefix: p1, schema: 'other_space' });
    try {
      await a.upsertDocuments([{ record: record('a.txt'), passages: [passage('a.txt', 0)], vectors: randomUnitVectors(1, 8, 5) }]);
      expect(await a.count()).toBe(1);
      expect(await b.count()).toBe(0);
      expect(b.manifest().documents).toEqual({});
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('reset drops the index and recreates it with the new embedder (rebuild)', async () => {
    const tablePrefix = freshPrefix();
    const a = await open({ tablePrefix });
    await a.upsertDocuments([{ record: record('a.txt'), passages: [passage('a.txt', 0)], vectors: randomUnitVectors(1, 8, 5) }]);
    await a.close();
    const b = await PgStore.open({ ...base(), tablePrefix, embedder: testEmbedder(16), chunking: testChunking, reset: true });
    try {
      expect(await b.count()).toBe(0);
      expect(b.manifest().embedder.dimension).toBe(16);
      await b.upsertDocuments([{ record: record('a.txt'), passages: [passage('a.txt', 0)], vectors: randomUnitVectors(1, 16, 5) }]);
      expect(await b.count()).toBe(1);
    } finally {
      await b.close();
    }
  });

  it('refuses a database written by a newer schema version', async () => {
    const tablePrefix = freshPrefix();
    const a = await open({ tablePrefix });
    await a.close();
    await server.db.query(`UPDATE public."${tablePrefix}meta" SET value = $1::jsonb WHERE key = 'schema_version'`, [JSON.stringify(SCHEMA_VERSION + 1)]);
    const err = await open({ tablePrefix }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'INDEX_MISMATCH' });
    expect((err as Error).message).toMatch(new RegExp(`schema version ${SCHEMA_VERSION + 1}.*knows up to ${SCHEMA_VERSION}`));
  });

  it('opening a missing index without an embedder is INDEX_MISSING', async () => {
    await expect(PgStore.open({ ...base(), tablePrefix: freshPrefix() })).rejects.toMatchObject({ code: 'INDEX_MISSING' });
  });

  it('an unreachable database is STORE_UNAVAILABLE and the message hides the password', async () => {
    // A port nothing listens on: grab a free port from the OS and close it again.
    const net = await import('node:net');
    const port = await new Promise<number>((resolve) => {
      const srv = net.createServer().listen(0, '127.0.0.1', () => {
        const addr = srv.address();
        srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 1));
      });
    });
    const err = await PgStore.open({
      connectionString: `postgres://app:s3cr%40t-pw@127.0.0.1:${port}/rag`,
      embedder: testEmbedder(8),
      chunking: testChunking,
      connectionTimeoutMs: 2000,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'STORE_UNAVAILABLE', status: 503 });
    const text = `${(err as Error).message} ${JSON.stringify((err as AppError).toJSON())}`;
    expect(text).toContain(`postgres://app:***@127.0.0.1:${port}/rag`);
    expect(text).not.toMatch(/s3cr/);
  });

  it('search uses the HNSW index with ef_search = max(40, 2k) set locally', async () => {
    const tablePrefix = freshPrefix();
    const store = await open({ tablePrefix });
    const vs = randomUnitVectors(30, 8, 9);
    try {
      await store.upsertDocuments([{ record: record('v.txt'), passages: vs.map((_, i) => passage('v.txt', i)), vectors: vs }]);
      // Loaded into an empty index: the HNSW index is built by flush(), once, after the load.
      const indexName = `${tablePrefix}passages_embedding_hnsw`;
      const hasIndex = async () => (await server.db.query(`SELECT 1 FROM pg_indexes WHERE indexname = $1`, [indexName])).rows.length === 1;
      expect(store.vectorIndexPending).toBe(true);
      expect(await hasIndex()).toBe(false);
      await store.flush();
      expect(store.vectorIndexPending).toBe(false);
      expect(await hasIndex()).toBe(true);
      // Exact answer by brute force; with 30 points the HNSW graph must find it.
      const q = randomUnitVectors(1, 8, 99)[0] as number[];
      const exact = vs
        .map((v, i) => ({ id: `v.txt#${i}`, s: v.reduce((acc, x, j) => acc + x * (q[j] ?? 0), 0) }))
        .sort((x, y) => y.s - x.s)
        .slice(0, 5)
        .map((x) => x.id);
      // The store's searches are served by the HNSW index even where the planner, left alone,
      // would pick a seq scan (30 rows); the index's own scan counter proves it.
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      const indexScans = async () => {
        await client.query('SELECT pg_stat_force_next_flush()');
        const r = await client.query<{ n: string }>(`SELECT idx_scan AS n FROM pg_stat_user_indexes WHERE indexrelname = $1`, [indexName]);
        return Number(r.rows[0]?.n);
      };
      try {
        const before = await indexScans();
        expect((await store.searchVector(q, 5)).map((h) => h.passage.id)).toEqual(exact);
        expect(await indexScans()).toBe(before + 1);
        // k beyond what ef_search allows switches to an exact scan instead of returning fewer rows.
        expect(await store.searchVector(q, 600)).toHaveLength(30);
        expect(await indexScans()).toBe(before + 1);
        // SET LOCAL: nothing leaked into the (shared, in PGlite) session.
        expect((await client.query('SHOW hnsw.ef_search')).rows[0]).toEqual({ 'hnsw.ef_search': '40' });
        expect((await client.query('SHOW enable_seqscan')).rows[0]).toEqual({ enable_seqscan: 'on' });
      } finally {
        await client.end();
      }
    } finally {
      await store.close();
    }
  });

  it('rejects bad identifiers and non-integer k', async () => {
    await expect(open({ tablePrefix: 'x"; drop table y; --' })).rejects.toMatchObject({ code: 'INVALID_PARAMETER' });
    await expect(open({ schema: 'Public' })).rejects.toMatchObject({ code: 'INVALID_PARAMETER' });
    const store = await open({ tablePrefix: freshPrefix() });
    try {
      await expect(store.searchVector(randomUnitVectors(1, 8, 1)[0] as number[], 2.5)).rejects.toMatchObject({ code: 'INVALID_PARAMETER' });
    } finally {
      await store.close();
    }
  });
});
