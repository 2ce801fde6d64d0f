/**
 * file → SourceDocument → Passage[]. The only place where loading, cleaning, metadata and
 * chunking meet; each step stays swappable through its options.
 *
 * Logging: `options.logger` (default silent) gets
 *   debug "document loaded"  {source, format, encoding?, chars, pages?}
 *   debug "boilerplate removed" {source, removed: {reason: count}, lines: [...]}
 *   warn  "loader warning"   {source, warning}   (e.g. PDF pages without text, DOCX conversion notes)
 * Errors are thrown (AppError DOCUMENT_UNSUPPORTED / DOCUMENT_UNREADABLE), not logged: the caller
 * decides whether a bad file stops the run or is skipped with a warning.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AppError } from '../core/errors.js';
import { silentLogger, type Logger } from '../core/logger.js';
import type { Passage, SourceDocument } from '../core/types.js';
import { chunkDocument, type ChunkOptions } from './chunk.js';
import { cleanText, remapPages, type CleanOptions } from './clean.js';
import { loaderFor, type LoaderRegistryOptions } from './loaders/index.js';
import { documentMetadata, type MetadataOptions } from './metadata.js';
import { toSource } from './scan.js';

export { scanCorpus, toSource, type CorpusFile, type ScanOptions, type ScanResult, type SkippedFile } from './scan.js';

export interface PipelineOptions {
  logger: Logger;
  loaders: Partial<LoaderRegistryOptions>;
  clean: Partial<CleanOptions>;
  metadata: Partial<MetadataOptions>;
  /** Refuse files larger than this before reading them into memory. */
  maxFileBytes: number;
}

export const DEFAULT_PIPELINE: PipelineOptions = {
  logger: silentLogger,
  loaders: {},
  clean: {},
  metadata: {},
  maxFileBytes: 50 * 1024 * 1024,
};

/** Read, load, clean and describe one file; `source` is its POSIX path relative to `rootDir`. */
export async function loadDocument(filePath: string, rootDir: string, options: Partial<PipelineOptions> = {}): Promise<SourceDocument> {
  const opts: PipelineOptions = { ...DEFAULT_PIPELINE, ...options };
  const source = toSource(rootDir, filePath);
  if (source === '' || source === '..' || source.startsWith('../') || path.isAbsolute(source)) {
    throw new AppError('INVALID_PARAMETER', `"${filePath}" is not inside the corpus folder "${rootDir}".`);
  }
  let bytes: Buffer;
  try {
    const st = await fs.stat(filePath);
    if (st.size > opts.maxFileBytes) {
      throw new AppError('DOCUMENT_UNREADABLE', `Cannot read "${source}": file too large (${st.size} bytes > limit ${opts.maxFileBytes}).`, {
        details: { file: source },
      });
    }
    bytes = await fs.readFile(filePath);
  } catch (cause) {
    if (cause instanceof AppError) throw cause;
    const code = (cause as NodeJS.ErrnoException).code ?? 'error';
    throw new AppError('DOCUMENT_UNREADABLE', `Cannot read "${source}": ${code}.`, { cause, details: { file: source } });
  }
  return documentFromBytes(bytes, source, opts);
}

/** Same as loadDocument for bytes that are not on disk (uploads); `source` is kept as given. */
export async function documentFromBytes(bytes: Uint8Array, source: string, options: Partial<PipelineOptions> = {}): Promise<SourceDocument> {
  const opts: PipelineOptions = { ...DEFAULT_PIPELINE, ...options };
  const log = opts.logger;
  const hash = createHash('sha256').update(bytes).digest('hex');
  const fileName = path.posix.basename(source);
  const loader = loaderFor(fileName, bytes, opts.loaders);
  const loaded = await loader.load(bytes, source);
  log.debug('document loaded', {
    source,
    format: loaded.format,
    chars: loaded.text.length,
    ...(loaded.encoding ? { encoding: loaded.encoding } : {}),
    ...(loaded.pages ? { pages: loaded.pages.length } : {}),
  });
  for (const warning of loaded.warnings ?? []) log.warn('loader warning', { source, warning });

  const cleaned = cleanText(loaded.text, opts.clean);
  if (cleaned.removed.length > 0) {
    const counts: Record<string, number> = {};
    for (const r of cleaned.removed) counts[r.reason] = (counts[r.reason] ?? 0) + 1;
    log.debug('boilerplate removed', { source, removed: counts, lines: cleaned.removed.map((r) => `${r.reason}: ${r.text}`) });
  }
  if (cleaned.text.trim() === '') {
    throw new AppError('DOCUMENT_UNREADABLE', `Cannot read "${source}": no text left once boilerplate is removed.`, {
      details: { file: source },
    });
  }

  const meta = documentMetadata(cleaned.text, loaded, source, opts.metadata);
  const doc: SourceDocument = { source, title: meta.title, date: meta.date, text: cleaned.text, hash, format: loaded.format };
  if (loaded.pages) doc.pages = remapPages(loaded.pages, cleaned.segments);
  return doc;
}

/** Passages of a document (see ./chunk.ts for the rules and defaults). */
export function passagesOf(doc: SourceDocument, chunking: Partial<ChunkOptions> = {}): Passage[] {
  return chunkDocument(doc, chunking);
}
