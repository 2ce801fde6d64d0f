/**
 * One place that picks the store: `databaseUrl` set → Postgres + pgvector (shared by several
 * processes), else the HNSW files under `indexDir` (the default). Server and ingest CLI call this
 * with values from AppConfig and never construct a store themselves.
 */
import { Embeddings } from '@langchain/core/embeddings';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { AppError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { silentLogger } from '../../core/logger.js';
import type { EmbedderInfo } from '../embedders/types.js';
import { newManifest } from '../manifest.js';
import { HnswStore } from './hnsw.js';
import { DEFAULT_PG_OPTIONS, PgStore } from './postgres.js';
import type { ChunkingInfo, PassageStore } from './types.js';

export interface OpenStoreOptions {
  /** AppConfig.databaseUrl: Postgres when set, HNSW files otherwise. */
  databaseUrl: string | null;
  /** AppConfig.indexDir: the HNSW folder (unused with Postgres). */
  indexDir: string;
  /** Recorded when the index is new or rebuilt; an existing index keeps its own (compare its
   * manifest with `incompatibilities()` to decide on a rebuild, as before). */
  embedder: EmbedderInfo;
  chunking: ChunkingInfo;
  /** Start from an empty index. HNSW: nothing changes on disk until flush() swaps the generation
   * atomically. Postgres: the tables are dropped and recreated now. */
  rebuild: boolean;
  /** Postgres only: schema and table prefix (several indexes can share one database). */
  pgSchema: string;
  pgTablePrefix: string;
  /** Only HNSWLib's constructor needs one; the stores take vectors and never call it. */
  embeddings: EmbeddingsInterface | null;
  logger: Logger;
}

export const DEFAULT_OPEN_STORE: Omit<OpenStoreOptions, 'embedder' | 'chunking'> = {
  databaseUrl: null,
  indexDir: 'data/index',
  rebuild: false,
  pgSchema: DEFAULT_PG_OPTIONS.schema,
  pgTablePrefix: DEFAULT_PG_OPTIONS.tablePrefix,
  embeddings: null,
  logger: silentLogger,
};

/**
 * Open the configured store: existing data when present, an empty index otherwise.
 *
 *   const store = await openStore({ databaseUrl: config.databaseUrl, indexDir: config.indexDir,
 *                                   embedder: embedder.info, chunking, logger });
 */
export async function openStore(options: Partial<OpenStoreOptions> & Pick<OpenStoreOptions, 'embedder' | 'chunking'>): Promise<PassageStore> {
  const o: OpenStoreOptions = { ...DEFAULT_OPEN_STORE, ...options };
  if (o.databaseUrl) {
    return PgStore.open({
      connectionString: o.databaseUrl,
      schema: o.pgSchema,
      tablePrefix: o.pgTablePrefix,
      embedder: o.embedder,
      chunking: o.chunking,
      reset: o.rebuild,
      logger: o.logger,
    });
  }
  const embeddings = o.embeddings ?? new VectorsOnlyEmbeddings();
  if (!o.rebuild && (await HnswStore.exists(o.indexDir))) {
    return HnswStore.load(embeddings, { root: o.indexDir, logger: o.logger });
  }
  return HnswStore.empty(embeddings, newManifest(o.embedder, o.chunking), { root: o.indexDir, logger: o.logger });
}

/**
 * The `Embeddings` handed to HNSWLib when only stored vectors are moved (migration, tools, tests):
 * the store API takes vectors, so calling it is a bug and fails loudly instead of embedding.
 */
export class VectorsOnlyEmbeddings extends Embeddings {
  constructor() {
    super({});
  }

  override async embedDocuments(): Promise<number[][]> {
    throw new AppError('INTERNAL', 'This store was opened for stored vectors only; nothing may be embedded through it.');
  }

  override async embedQuery(): Promise<number[]> {
    throw new AppError('INTERNAL', 'This store was opened for stored vectors only; nothing may be embedded through it.');
  }
}
