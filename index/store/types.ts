import type { DocumentRecord, Passage } from '../../core/types.js';
import type { EmbedderInfo } from '../embedders/types.js';

/** Chunking parameters recorded in the manifest: changing them invalidates the index. */
export interface ChunkingInfo {
  targetChars: number;
  maxChars: number;
  overlapSentences: number;
  version: number;
}

/** Describes an index: what built it and from which documents. Stored beside the data. */
export interface IndexManifest {
  formatVersion: number;
  createdAt: string;
  updatedAt: string;
  embedder: EmbedderInfo;
  chunking: ChunkingInfo;
  /** Keyed by source file name. */
  documents: Record<string, DocumentRecord>;
  passages: number;
  /** Size and sha256 of each data file, checked before native code reads them (a damaged file is
   * reported as INDEX_CORRUPT instead of crashing the process). */
  files?: Record<string, { bytes: number; sha256: string }>;
  /** Corpus files that could not be ingested, by source, with the hash they had: an unchanged
   * broken file is not retried (nor reported as "stale") on every start. */
  skipped?: Record<string, { hash: string; reason: string }>;
}

export interface VectorHit {
  passage: Passage;
  /** Cosine similarity in [-1, 1] (higher is closer). */
  similarity: number;
}

/**
 * The narrow interface retrieval, ingest and the server use. Implemented by the HNSW-files store
 * (default, LangChain HNSWLib) and the Postgres + pgvector store (DATABASE_URL).
 */
export interface PassageStore {
  readonly kind: 'hnsw' | 'postgres';
  manifest(): IndexManifest;
  /** Add (or replace, by source) documents' passages with their vectors (same order as passages). */
  upsertDocuments(docs: { record: DocumentRecord; passages: Passage[]; vectors: number[][] }[]): Promise<void>;
  removeDocuments(sources: string[]): Promise<number>;
  /** Record corpus files that were skipped (unreadable, unsupported) in the manifest. */
  setSkipped(skipped: Record<string, { hash: string; reason: string }>): Promise<void>;
  searchVector(vector: number[], k: number): Promise<VectorHit[]>;
  getPassage(id: string): Promise<Passage | undefined>;
  /** All passages, ordered by source then ordinal (BM25 and neighbours are built from it). */
  listPassages(): Promise<Passage[]>;
  /** Stored vectors of the given passage ids (incremental re-ingest and migration never re-embed). */
  getVectors(ids: string[]): Promise<number[][]>;
  count(): Promise<number>;
  /**
   * The manifest as last saved where this store persists (HNSW: the current generation on disk,
   * which another process may have replaced since this one loaded; null before the first save).
   * Absent for stores that are shared by design (Postgres: see refresh()).
   */
  savedManifest?(): Promise<IndexManifest | null>;
  /** Re-read state other processes may have written (Postgres: shared by several servers). */
  refresh?(): Promise<IndexManifest>;
  /** Make pending changes durable (HNSW: atomic save of a new generation; Postgres: no-op). */
  flush(): Promise<void>;
  close(): Promise<void>;
}
