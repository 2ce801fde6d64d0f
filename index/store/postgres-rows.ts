/**
 * Row ↔ domain mapping for the Postgres store, and the pgvector wire formats.
 *
 * Vectors are SENT in pgvector's binary format (vector_recv: int16 dim, int16 unused, dim × float4,
 * big-endian): `pg` sends a Buffer parameter as binary, so the server skips parsing ~10 characters
 * of decimal text per float (measured: 20× faster raw inserts on PGlite, and smaller messages).
 * They are READ as text ('[0.1,…]') through the `pgvector` package's fromSql, with an explicit
 * ::text cast, so no per-connection type registration is needed (a Pool's 'connect' hook cannot
 * await it) and a returned vector is exactly the stored float32 values.
 */
import { fromSql } from 'pgvector';
import { AppError } from '../../core/errors.js';
import type { DocumentRecord, Passage } from '../../core/types.js';
import type { EmbedderInfo } from '../embedders/types.js';
import type { ChunkingInfo, IndexManifest } from './types.js';

export interface PassageRow {
  id: string;
  source: string;
  ordinal: number;
  start: number;
  end: number;
  page: number | null;
  title: string;
  date: string | null;
  text: string;
}

export interface DocumentRow {
  source: string;
  title: string;
  date: string | null;
  hash: string;
  format: string;
  passages: number;
  chars: number;
  ingested_at: string;
}

export function toPassage(row: PassageRow): Passage {
  const p: Passage = {
    id: row.id,
    source: row.source,
    title: row.title,
    date: row.date,
    text: row.text,
    start: row.start,
    end: row.end,
    ordinal: row.ordinal,
  };
  if (row.page !== null) p.page = row.page;
  return p;
}

export function toDocumentRecord(row: DocumentRow): DocumentRecord {
  return {
    source: row.source,
    title: row.title,
    date: row.date,
    hash: row.hash,
    format: row.format,
    passages: row.passages,
    chars: row.chars,
    ingestedAt: row.ingested_at,
  };
}

/** Params of one passages row, in the column order of PASSAGE_INSERT_CASTS. */
export function passageParams(p: Passage, vector: number[]): unknown[] {
  return [p.id, p.source, p.ordinal, p.start, p.end, p.page ?? null, p.title, p.date, p.text, vectorToSql(vector)];
}
export const PASSAGE_INSERT_COLUMNS = `id, source, ordinal, "start", "end", page, title, date, text, embedding`;
export const PASSAGE_INSERT_CASTS = ['', '', '::int', '::int', '::int', '::int', '', '', '', '::vector'] as const;

export function documentParams(d: DocumentRecord, passages: number): unknown[] {
  return [d.source, d.title, d.date, d.hash, d.format, passages, d.chars, d.ingestedAt];
}
export const DOCUMENT_INSERT_CASTS = ['', '', '', '', '', '::int', '::int', ''] as const;

export function vectorToSql(v: number[]): Buffer {
  const buf = Buffer.allocUnsafe(4 + 4 * v.length);
  buf.writeInt16BE(v.length, 0);
  buf.writeInt16BE(0, 2);
  for (let i = 0; i < v.length; i++) buf.writeFloatBE(v[i] as number, 4 + 4 * i);
  return buf;
}

export function vectorFromSql(text: string): number[] {
  return fromSql(text) as number[];
}

/** Meta rows as stored (key → jsonb value). */
export interface MetaValues {
  schema_version: number;
  format_version: number;
  embedder: EmbedderInfo;
  chunking: ChunkingInfo;
  created_at: string;
  updated_at: string;
  /** Corpus files the ingest skipped (absent until setSkipped). */
  skipped?: Record<string, { hash: string; reason: string }>;
}

export function metaRows(m: MetaValues): [keyof MetaValues, string][] {
  return (Object.keys(m) as (keyof MetaValues)[]).filter((k) => m[k] !== undefined).map((k) => [k, JSON.stringify(m[k])]);
}

/** Checks the meta rows read back; a half-written meta table is a corrupt index, not a crash. */
export function parseMeta(rows: { key: string; value: unknown }[], where: string): MetaValues {
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  const num = (k: string) => {
    const v = byKey.get(k);
    if (typeof v !== 'number') throw new AppError('INDEX_CORRUPT', `The Postgres index ${where} has no valid "${k}" in its meta table.`);
    return v;
  };
  const str = (k: string) => {
    const v = byKey.get(k);
    if (typeof v !== 'string') throw new AppError('INDEX_CORRUPT', `The Postgres index ${where} has no valid "${k}" in its meta table.`);
    return v;
  };
  const embedder = byKey.get('embedder') as EmbedderInfo | undefined;
  const chunking = byKey.get('chunking') as ChunkingInfo | undefined;
  if (!embedder || typeof embedder !== 'object' || typeof embedder.dimension !== 'number' || !chunking || typeof chunking !== 'object') {
    throw new AppError('INDEX_CORRUPT', `The Postgres index ${where} has no valid embedder/chunking in its meta table.`);
  }
  const skipped = byKey.get('skipped');
  if (skipped !== undefined && (skipped === null || typeof skipped !== 'object' || Array.isArray(skipped))) {
    throw new AppError('INDEX_CORRUPT', `The Postgres index ${where} has an invalid "skipped" entry in its meta table.`);
  }
  return {
    schema_version: num('schema_version'),
    format_version: num('format_version'),
    embedder,
    chunking,
    created_at: str('created_at'),
    updated_at: str('updated_at'),
    ...(skipped ? { skipped: skipped as MetaValues['skipped'] } : {}),
  };
}

export function buildManifest(meta: MetaValues, documentRows: DocumentRow[]): IndexManifest {
  const documents: Record<string, DocumentRecord> = {};
  let passages = 0;
  for (const row of documentRows) {
    documents[row.source] = toDocumentRecord(row);
    passages += row.passages;
  }
  return {
    formatVersion: meta.format_version,
    createdAt: meta.created_at,
    updatedAt: meta.updated_at,
    embedder: meta.embedder,
    chunking: meta.chunking,
    documents,
    passages,
    ...(meta.skipped ? { skipped: meta.skipped } : {}),
  };
}
