/** Public API of the ingest stage (file → SourceDocument → Passage[]); see each module for details. */
export { DEFAULT_PIPELINE, documentFromBytes, loadDocument, passagesOf, type PipelineOptions } from './pipeline.js';
export { DEFAULT_SCAN, scanCorpus, toSource, type CorpusFile, type ScanOptions, type ScanResult, type SkippedFile } from './scan.js';
export { CHUNKING_INFO, DEFAULT_CHUNKING, chunkDocument, chunkingInfo, passageId, type ChunkOptions } from './chunk.js';
export { DEFAULT_CLEAN, cleanText, remapPages, type CleanOptions, type CleanResult, type RemovalReason, type RemovedLine } from './clean.js';
export { DEFAULT_METADATA, documentMetadata, extractDate, extractTitle, type MetadataOptions } from './metadata.js';
export { DEFAULT_DATES, findDates, isDateLine, parseDate, type DateMatch, type DateOptions } from './dates.js';
export { DEFAULT_SENTENCES, isHeadingLike, splitSentences, type SentenceOptions, type SentenceSpan } from './sentences.js';
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
