/**
 * The index stage's one public face (ingest, answer, server, eval, bench import from here, never
 * from a file inside index/): embedders, passage stores, the retriever and its configuration, the
 * loaded-index service, the ingest lock and manifests.
 */
export { chooseEmbedder, createEmbedder, DEFAULT_CREATE_EMBEDDER } from './embedders/auto.js';
export type { CreateEmbedderOptions, EmbedderDecision } from './embedders/auto.js';
export { DEFAULT_LEXICAL_OPTIONS, LEXICAL_MODEL, LexicalEmbeddings } from './embedders/lexical.js';
export type { LexicalEmbeddingsInit, LexicalEmbeddingsOptions } from './embedders/lexical.js';
export { DEFAULT_TRANSFORMERS_OPTIONS, TransformersEmbeddings } from './embedders/transformers.js';
export type { TransformersEmbeddingsOptions } from './embedders/transformers.js';
export { AssistantEmbeddings } from './embedders/types.js';
export type { EmbedderChoice, EmbedderInfo, EmbedderName } from './embedders/types.js';

export { DEFAULT_OPEN_STORE, VectorsOnlyEmbeddings, openStore } from './store/open.js';
export type { OpenStoreOptions } from './store/open.js';
export type { ChunkingInfo, IndexManifest, PassageStore, VectorHit } from './store/types.js';
export { DEFAULT_HNSW_OPTIONS, HnswStore } from './store/hnsw.js';
export { DEFAULT_PG_OPTIONS, PgStore } from './store/postgres.js';
export type { PgStoreOptions } from './store/postgres.js';
export { redactConnectionString } from './store/postgres-errors.js';
export { DEFAULT_MIGRATE, copyStore, migrateStore, verifyCopy } from './store/migrate.js';
export type { CopyReport, MigrateOptions, VerifyReport } from './store/migrate.js';
export { CURRENT_FILE, currentGeneration } from './store/generations.js';
export { INDEX_FORMAT_VERSION, incompatibilities, newManifest } from './manifest.js';
export { LOCK_FILE, acquireIndexLock } from './lock.js';
export type { IndexLock } from './lock.js';
export { IndexService } from './service.js';
export type { PassageContext } from './service.js';

export { createRetriever, DEFAULT_RETRIEVER } from './retrieve/factory.js';
export type { RetrieverOptions } from './retrieve/factory.js';
export { DEFAULT_RETRIEVAL_CONFIG, mergeRetrievalConfig, parseRetrievalConfig, readRetrievalConfig } from './retrieve/config.js';
export type { RetrievalConfig, RetrievalConfigInput } from './retrieve/config.js';
export { evidenceForHits } from './retrieve/evidence-standalone.js';
export { answerTypes } from './retrieve/answer-type.js';
export type { AnswerType, AnswerTypeInfo } from './retrieve/answer-type.js';
export type { Diagnostics, EvidenceQuote, Retriever, SearchEvidence, SearchMode, SearchOptions, SearchResult } from './retrieve/types.js';
export { DEFAULT_ENGLISH_SIDE, EnglishSide } from './xling/english-side.js';
export type { EnglishSideOptions } from './xling/english-side.js';
