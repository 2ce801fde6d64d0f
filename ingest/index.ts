/**
 * The ingest stage's one public face (file → SourceDocument → Passage[] → index): server, eval,
 * bench and scripts import from here. Sentence splitting lives in the text layer (text/index.ts).
 */
export { DEFAULT_PIPELINE, documentFromBytes, loadDocument, passagesOf, type PipelineOptions } from './pipeline.js';
export { DEFAULT_SCAN, scanCorpus, toSource, type CorpusFile, type ScanOptions, type ScanResult, type SkippedFile } from './scan.js';
export { CHUNKING_INFO, DEFAULT_CHUNKING, chunkDocument, chunkingInfo, passageId, type ChunkOptions } from './chunk.js';
export { DEFAULT_CLEAN, cleanText, remapPages, type CleanOptions, type CleanResult, type RemovalReason, type RemovedLine } from './clean.js';
export { DEFAULT_METADATA, documentMetadata, extractDate, extractTitle, type MetadataOptions } from './metadata.js';
export { DEFAULT_DATES, findDates, isDateLine, parseDate, type DateMatch, type DateOptions } from './dates.js';
export { DEFAULT_PROGRESS, createProgress, type ProgressOptions, type ProgressReporter } from './progress.js';
export {
  DEFAULT_LOADER_REGISTRY,
  loaderFor,
  loaderForExtension,
  loaderForMimeType,
  supportedExtensions,
  type LoaderRegistryOptions,
} from './loaders/index.js';
export type { LoadedDocument, Loader } from './loaders/types.js';
export { DEFAULT_INDEXER, indexStatus, updateIndex } from './indexer.js';
export type { IndexerOptions, IndexReport, IndexState, IndexStatus } from './indexer.js';
export { DEFAULT_LIVE_INDEX, addDocument, createLiveContext, removeDocument, syncFile } from './live.js';
export type { AddedDocument, LiveContext, LiveIndexOptions, RemoveOptions, SyncOutcome } from './live.js';
export { DEFAULT_CORPUS_WATCHER, watchCorpus } from './watch.js';
export type { CorpusWatcher, CorpusWatcherOptions } from './watch.js';
