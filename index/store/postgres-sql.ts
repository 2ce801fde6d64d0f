/**
 * Table names and DDL of the Postgres store. Generated in TypeScript rather than kept in .sql
 * files because every statement depends on the schema, the table prefix and the vector dimension.
 *
 * Layout (schema version 1), each name prefixed by `tablePrefix`:
 *   meta       key text PK → value jsonb: schema_version, format_version, embedder, chunking,
 *              created_at, updated_at (the manifest fields that are not per document)
 *   documents  one row per source file (the manifest's `documents`)
 *   passages   one row per passage with its embedding vector(dim); FK to documents ON DELETE CASCADE
 *   HNSW index on passages.embedding (vector_cosine_ops) + (source, ordinal) b-tree for listings
 *   (the HNSW index is built after the first load of an empty index, see createVectorIndexSql)
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../core/errors.js';

/** Bump when the table layout changes; a database written by a newer build is refused. */
export const SCHEMA_VERSION = 1;

/** pgvector's HNSW index supports at most 2000 dimensions for `vector`. */
export const MAX_HNSW_DIMENSION = 2000;

/** pgvector caps hnsw.ef_search at 1000; beyond it a query falls back to an exact scan. */
export const MAX_EF_SEARCH = 1000;

export interface PgNames {
  schema: string;
  prefix: string;
  /** Schema-qualified, quoted table names, ready to splice into SQL. */
  meta: string;
  documents: string;
  passages: string;
  /** Unqualified index names (an index always lives in its table's schema). */
  sourceIndex: string;
  vectorIndex: string;
  /** Schema-qualified vector index name for to_regclass(). */
  vectorIndexQualified: string;
  /** Advisory-lock key serialising schema creation/reset for this (schema, prefix). */
  lockKey: string;
  /** Human-readable location for messages, e.g. public.assistant_* */
  label: string;
}

const SCHEMA_RE = /^[a-z_][a-z0-9_]{0,62}$/;
const PREFIX_RE = /^[a-z_][a-z0-9_]{0,39}$/;

/** Identifiers are restricted to lowercase [a-z0-9_] (and still quoted) so no input can inject SQL. */
export function pgNames(schema: string, prefix: string): PgNames {
  if (!SCHEMA_RE.test(schema)) {
    throw new AppError('INVALID_PARAMETER', `Postgres schema "${schema}" must match ${SCHEMA_RE} (lowercase letters, digits, _).`);
  }
  if (prefix !== '' && !PREFIX_RE.test(prefix)) {
    throw new AppError('INVALID_PARAMETER', `Table prefix "${prefix}" must be empty or match ${PREFIX_RE} (lowercase letters, digits, _).`);
  }
  const t = (name: string) => `${quoteIdent(schema)}.${quoteIdent(prefix + name)}`;
  // A signed 64-bit key derived from the location: pg_advisory_xact_lock(bigint) is portable,
  // unlike hashtext(), which is an internal function.
  const lockKey = createHash('sha256').update(`passage-store:${schema}.${prefix}`).digest().readBigInt64BE(0).toString();
  return {
    schema,
    prefix,
    meta: t('meta'),
    documents: t('documents'),
    passages: t('passages'),
    sourceIndex: quoteIdent(`${prefix}passages_source_ordinal`),
    vectorIndex: quoteIdent(`${prefix}passages_embedding_hnsw`),
    vectorIndexQualified: `${quoteIdent(schema)}.${quoteIdent(`${prefix}passages_embedding_hnsw`)}`,
    lockKey,
    label: `${schema}.${prefix}*`,
  };
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Idempotent DDL for a store of `dimension`-d vectors. Sources use the "C" collation so
 * `ORDER BY source` is code-point order, the same order the HNSW store's listPassages() gives.
 * Dates and ingestedAt stay text: the manifest must round-trip byte for byte (migration compares it).
 */
export function createSchemaSql(n: PgNames, dimension: number): string[] {
  if (!Number.isInteger(dimension) || dimension < 1 || dimension > MAX_HNSW_DIMENSION) {
    throw new AppError('INVALID_PARAMETER', `Vector dimension ${dimension} is not supported by a pgvector HNSW index (1–${MAX_HNSW_DIMENSION}).`);
  }
  const statements: string[] = [];
  if (n.schema !== 'public') statements.push(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(n.schema)}`);
  statements.push(
    `CREATE TABLE IF NOT EXISTS ${n.meta} (
       key text PRIMARY KEY,
       value jsonb NOT NULL
     )`,
    `CREATE TABLE IF NOT EXISTS ${n.documents} (
       source text COLLATE "C" PRIMARY KEY,
       title text NOT NULL,
       date text,
       hash text NOT NULL,
       format text NOT NULL,
       passages integer NOT NULL CHECK (passages >= 0),
       chars integer NOT NULL,
       ingested_at text NOT NULL
     )`,
    `CREATE TABLE IF NOT EXISTS ${n.passages} (
       id text PRIMARY KEY,
       source text COLLATE "C" NOT NULL REFERENCES ${n.documents} (source) ON DELETE CASCADE,
       ordinal integer NOT NULL,
       "start" integer NOT NULL,
       "end" integer NOT NULL,
       page integer,
       title text NOT NULL,
       date text,
       text text NOT NULL,
       embedding vector(${dimension}) NOT NULL
     )`,
    `CREATE INDEX IF NOT EXISTS ${n.sourceIndex} ON ${n.passages} (source, ordinal)`,
  );
  return statements;
}

/**
 * The HNSW index (pgvector defaults m = 16, ef_construction = 64). Kept apart from the tables:
 * building it once after a bulk load is several times faster than maintaining it row by row
 * (measured 6× on PGlite; pgvector's README gives the same advice for Postgres).
 */
export function createVectorIndexSql(n: PgNames): string {
  return `CREATE INDEX IF NOT EXISTS ${n.vectorIndex} ON ${n.passages} USING hnsw (embedding vector_cosine_ops)`;
}

/** Drops the store's tables (rebuild); CASCADE takes the indexes with them. */
export function dropSchemaSql(n: PgNames): string[] {
  return [`DROP TABLE IF EXISTS ${n.passages}, ${n.documents}, ${n.meta} CASCADE`];
}

/** Columns of a passage row as selected (never the embedding unless asked). */
export const PASSAGE_COLUMNS = `id, source, ordinal, "start", "end", page, title, date, text`;
export const DOCUMENT_COLUMNS = `source, title, date, hash, format, passages, chars, ingested_at`;

/**
 * A multi-row VALUES list with numbered parameters: `rows` rows of `width` params, the cast list
 * applied per column (e.g. ['', '', '::vector']). Starts at $1.
 */
export function valuesList(rows: number, casts: readonly string[]): string {
  const width = casts.length;
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    const cells = casts.map((cast, c) => `$${r * width + c + 1}${cast}`);
    out.push(`(${cells.join(', ')})`);
  }
  return out.join(',\n');
}
