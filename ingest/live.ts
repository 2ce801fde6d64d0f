/**
 * Live index updates while the server runs: upload a document, delete one, or bring one corpus file
 * in line with the index (the watched folder). The corpus folder stays the source of truth: an
 * upload is written into it (atomically, under `uploads/`) and a delete removes the file, so a
 * restart's corpus/manifest check finds everything consistent.
 *
 * Every update runs (1) after the previous one of this process (a promise queue: the ingest lock
 * below cannot tell two callers of one process apart), (2) under the ingest lock, so a CLI ingest
 * running at the same time gets or causes INGEST_LOCKED, (3) ends with store.flush() (an atomic new
 * HNSW generation; a no-op for Postgres) and IndexService.refresh(), so search sees the change at
 * once. A document that fails to load leaves nothing behind: it is loaded and embedded before any
 * file is written, and the file is removed again if the store update fails.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError, isAppError } from '../core/errors.js';
import { silentLogger, type Logger } from '../core/logger.js';
import type { DocumentRecord, Passage, SourceDocument } from '../core/types.js';
import { acquireIndexLock, type IndexLock } from '../index/index.js';
import type { IndexService, IndexManifest } from '../index/index.js';
import type { ChunkOptions } from './chunk.js';
import { embedBatch } from './indexer.js';
import { DEFAULT_LOADER_REGISTRY, loaderForExtension, supportedExtensions } from './loaders/index.js';
import { isZip } from './loaders/zip.js';
import { DEFAULT_PIPELINE, documentFromBytes, passagesOf, type PipelineOptions } from './pipeline.js';
import { DEFAULT_SCAN } from './scan.js';

export interface LiveIndexOptions {
  /** The corpus folder (AppConfig.corpusDir). */
  corpusDir: string;
  /** AppConfig.indexDir: where the ingest lock lives (for Postgres too, as for the CLI ingest). */
  indexDir: string;
  /** Folder, relative to the corpus and with "/" separators, that uploads are written to. */
  uploadsDir: string;
  /** Must match what built the index (the manifest's chunking); the server uses the defaults. */
  chunking: Partial<ChunkOptions>;
  pipeline: Partial<PipelineOptions>;
  /** Passages per embedDocuments call. */
  batchSize: number;
  /** Longest upload name kept, in UTF-8 bytes, extension excluded (file systems allow 255). */
  maxNameBytes: number;
  /** Corpus files larger than this are ignored, as the ingest scan does. */
  maxFileBytes: number;
  logger: Logger;
}

export const DEFAULT_LIVE_INDEX: LiveIndexOptions = {
  corpusDir: 'corpus',
  indexDir: 'data/index',
  uploadsDir: 'uploads',
  chunking: {},
  pipeline: {},
  batchSize: 64,
  maxNameBytes: 150,
  maxFileBytes: DEFAULT_SCAN.maxFileBytes,
  logger: silentLogger,
};

/** Runs tasks one after another, in call order; a failed task does not stop the next one. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** What the live-update functions operate on; create one per open store (server start). */
export interface LiveContext {
  readonly service: IndexService;
  readonly options: LiveIndexOptions;
  readonly queue: SerialQueue;
}

export function createLiveContext(service: IndexService, options: Partial<LiveIndexOptions> = {}): LiveContext {
  const o: LiveIndexOptions = { ...DEFAULT_LIVE_INDEX, ...options };
  if (!/^[^/.][^/]*(?:\/[^/.][^/]*)*$/u.test(o.uploadsDir)) {
    throw new AppError('INVALID_PARAMETER', `uploadsDir must be a relative folder without "." segments, got "${o.uploadsDir}".`);
  }
  return { service, options: o, queue: new SerialQueue() };
}

export interface AddedDocument extends DocumentRecord {
  /** Last page bearing text (paginated formats; not reported for duplicates, which are not re-read). */
  pages?: number;
  /** True when the same bytes were already indexed: nothing was written, this is that document. */
  duplicate: boolean;
}

/**
 * Upload: check the type, skip exact duplicates (same sha256 as an indexed document), load, split
 * and embed, write the file to `<corpus>/<uploadsDir>/<safe name>`, update the store, flush, refresh.
 * Throws DOCUMENT_UNSUPPORTED (type), DOCUMENT_UNREADABLE (content), INGEST_LOCKED (CLI ingest).
 */
export async function addDocument(bytes: Uint8Array, fileName: string, ctx: LiveContext): Promise<AddedDocument> {
  const o = ctx.options;
  const name = safeFileName(fileName, o.maxNameBytes);
  if (bytes.length > o.maxFileBytes) {
    // The ingest scan ignores larger files: such an upload would vanish at the next start.
    throw new AppError('PAYLOAD_TOO_LARGE', `"${name}" is ${bytes.length} bytes; the corpus takes files up to ${o.maxFileBytes} bytes.`, {
      details: { file: name, bytes: bytes.length, limit: o.maxFileBytes },
    });
  }
  checkUploadType(name, bytes, o.pipeline);
  const hash = sha256(bytes);
  return ctx.queue.run(async () => {
    const started = Date.now();
    const store = ctx.service.store;
    const existing = Object.values(store.manifest().documents).find((d) => d.hash === hash);
    if (existing) {
      o.logger.debug('upload is a duplicate', { source: existing.source, upload: fileName });
      return { ...existing, duplicate: true };
    }
    return withLock(ctx, async (lock) => {
      const root = await corpusRoot(o.corpusDir);
      const folder = path.join(root, ...o.uploadsDir.split('/'));
      const source = await freeSource(root, o.uploadsDir, name, store.manifest());
      const doc = await documentFromBytes(bytes, source, { ...DEFAULT_PIPELINE, ...o.pipeline, logger: o.logger });
      const prepared = await prepare(doc, ctx);
      await lock.assertHeld();
      await fs.mkdir(folder, { recursive: true });
      const file = await writeNewFileAtomically(path.join(root, ...source.split('/')), bytes);
      try {
        await store.upsertDocuments([prepared]);
        await store.flush();
      } catch (err) {
        // Nothing half-done stays behind: no file, no passages.
        await fs.rm(file, { force: true });
        await store.removeDocuments([source]).catch(() => 0);
        throw err;
      }
      await ctx.service.refresh();
      o.logger.info('document added', { source, passages: prepared.passages.length, ms: Date.now() - started });
      const added: AddedDocument = { ...prepared.record, duplicate: false };
      if (prepared.pages !== undefined) added.pages = prepared.pages;
      return added;
    });
  });
}

export interface RemoveOptions {
  /** Delete the corpus file too (API delete); false when it is already gone (watched folder). */
  deleteFile: boolean;
}

/** Remove an indexed document (looked up in the manifest: never a raw path) and, by default, its file. */
export async function removeDocument(source: string, ctx: LiveContext, options: Partial<RemoveOptions> = {}): Promise<DocumentRecord> {
  const { deleteFile } = { deleteFile: true, ...options };
  return ctx.queue.run(async () => {
    const store = ctx.service.store;
    const record = store.manifest().documents[source];
    if (!record) throw new AppError('NOT_FOUND', `No document "${source}" in the index.`, { details: { source } });
    return withLock(ctx, async (lock) => {
      await lock.assertHeld();
      if (deleteFile) {
        const file = await corpusFilePath(ctx.options.corpusDir, source);
        await fs.unlink(file).catch((err: NodeJS.ErrnoException) => {
          if (err.code !== 'ENOENT') throw err;
        });
      }
      await store.removeDocuments([source]);
      await dropSkipped(ctx, source);
      await store.flush();
      await ctx.service.refresh();
      ctx.options.logger.info('document removed', { source, passages: record.passages });
      return record;
    });
  });
}

export type SyncOutcome =
  | { action: 'added' | 'updated'; source: string; record: DocumentRecord; pages?: number }
  | { action: 'removed'; source: string; record: DocumentRecord }
  | { action: 'skipped'; source: string; reason: string }
  | { action: 'unchanged' | 'ignored'; source: string; reason: string };

/**
 * Bring one corpus file (`source`, relative to the corpus) in line with the index, from what is on
 * disk now: a new or changed file is ingested, a vanished one removed, an unchanged one (same hash,
 * e.g. the file an upload just wrote) left alone. A file that cannot be loaded is recorded as
 * skipped, as the CLI ingest does, so the index still reads "fresh" at the next start.
 */
export async function syncFile(source: string, ctx: LiveContext): Promise<SyncOutcome> {
  return ctx.queue.run(async () => {
    const o = ctx.options;
    const store = ctx.service.store;
    let file: string;
    try {
      file = await corpusFilePath(o.corpusDir, source);
    } catch (err) {
      if (isAppError(err) && err.code === 'NOT_FOUND') return { action: 'ignored', source, reason: 'outside the corpus folder' };
      throw err;
    }
    const manifest = store.manifest();
    const known = manifest.documents[source];
    const broken = manifest.skipped?.[source];
    const st = await fs.stat(file).catch(() => null);
    const hidden = source.split('/').some((seg) => seg.startsWith('.'));
    const supported = (DEFAULT_SCAN.extensions as readonly string[]).includes(path.extname(source).toLowerCase());
    // Same rules as the ingest scan, or the next start would undo what is done here.
    const real = st ? await fs.realpath(file).catch(() => null) : null;
    const linksOut = real !== null && !isInside(await corpusRoot(o.corpusDir), real);
    if (!st?.isFile() || hidden || !supported || linksOut || st.size > o.maxFileBytes) {
      if (!known && !broken) return { action: 'ignored', source, reason: st?.isFile() ? 'not a corpus document' : 'no such file' };
      return withLock(ctx, async (lock) => {
        await lock.assertHeld();
        if (known) await store.removeDocuments([source]);
        await dropSkipped(ctx, source);
        await store.flush();
        await ctx.service.refresh();
        return known ? { action: 'removed', source, record: known } : { action: 'ignored', source, reason: 'was skipped before' };
      });
    }
    const bytes = await fs.readFile(file);
    const hash = sha256(bytes);
    if (known?.hash === hash) return { action: 'unchanged', source, reason: 'same content as indexed' };
    if (!known && broken?.hash === hash) return { action: 'unchanged', source, reason: `still unreadable: ${broken.reason}` };
    return withLock(ctx, async (lock) => {
      let prepared: Prepared;
      try {
        const doc = await documentFromBytes(bytes, source, { ...DEFAULT_PIPELINE, ...o.pipeline, logger: o.logger });
        prepared = await prepare(doc, ctx);
      } catch (err) {
        if (!isAppError(err) || (err.code !== 'DOCUMENT_UNREADABLE' && err.code !== 'DOCUMENT_UNSUPPORTED')) throw err;
        // A changed file that no longer loads loses its stale passages, as in the CLI ingest.
        await lock.assertHeld();
        if (known) await store.removeDocuments([source]);
        await store.setSkipped({ ...(store.manifest().skipped ?? {}), [source]: { hash, reason: err.message } });
        await store.flush();
        if (known) await ctx.service.refresh();
        return { action: 'skipped', source, reason: err.message };
      }
      await lock.assertHeld();
      await store.upsertDocuments([prepared]);
      await dropSkipped(ctx, source);
      await store.flush();
      await ctx.service.refresh();
      const outcome: SyncOutcome = { action: known ? 'updated' : 'added', source, record: prepared.record };
      const pages = prepared.pages;
      if (pages !== undefined) outcome.pages = pages;
      return outcome;
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Upload names and types

const RESERVED_WINDOWS = /^(?:con|prn|aux|nul|com\d|lpt\d)$/iu;

/**
 * A client-supplied file name made safe to create in the uploads folder: base name only (no path
 * separators, so no traversal), no control or bidi-override characters, no leading dots (no
 * hidden files, no ".."), no characters Windows refuses, bounded length, extension kept (lower case).
 */
export function safeFileName(raw: string, maxBytes: number = DEFAULT_LIVE_INDEX.maxNameBytes): string {
  // Browsers send a base name; curl -F and old browsers may send a whole client-side path.
  let name = raw.normalize('NFC').split(/[\\/]/u).pop() ?? '';
  name = name
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, '')
    .replace(/[<>:"|?*]/gu, '_')
    .replace(/\s+/gu, ' ')
    .trim();
  const extMatch = /\.[\p{L}\p{N}]{1,10}$/u.exec(name);
  let ext = extMatch ? extMatch[0].toLowerCase() : '';
  let stem = extMatch ? name.slice(0, extMatch.index) : name;
  stem = stem.replace(/^[.\s]+/u, '').replace(/[.\s]+$/u, '');
  if (stem === '' && ext !== '' && !extMatch?.index) {
    // ".pdf" alone is a hidden file called "pdf", not a PDF without a name.
    stem = ext.slice(1);
    ext = '';
  }
  if (!/[\p{L}\p{N}]/u.test(stem)) stem = 'document';
  stem = truncateUtf8(stem, maxBytes).replace(/[.\s]+$/u, '');
  if (RESERVED_WINDOWS.test(stem)) stem = `_${stem}`;
  return stem + ext;
}

/** Binary formats people upload by mistake: refused as unsupported (415), not as unreadable. */
const NOT_DOCUMENTS: { kind: string; test: (b: Uint8Array) => boolean }[] = [
  { kind: 'PNG image', test: (b) => starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { kind: 'JPEG image', test: (b) => starts(b, [0xff, 0xd8, 0xff]) },
  { kind: 'GIF image', test: (b) => ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a') },
  { kind: 'RIFF media file (WebP, WAV, AVI)', test: (b) => ascii(b, 0, 'RIFF') },
  { kind: 'TIFF image', test: (b) => starts(b, [0x49, 0x49, 0x2a, 0x00]) || starts(b, [0x4d, 0x4d, 0x00, 0x2a]) },
  { kind: 'BMP image', test: (b) => ascii(b, 0, 'BM') && b.length >= 14 && new DataView(b.buffer, b.byteOffset, 6).getUint32(2, true) === b.length },
  { kind: 'icon', test: (b) => starts(b, [0x00, 0x00, 0x01, 0x00]) },
  { kind: 'ISO media file (MP4, MOV, HEIC, AVIF)', test: (b) => ascii(b, 4, 'ftyp') },
  { kind: 'Windows executable', test: (b) => ascii(b, 0, 'MZ') },
  { kind: 'ELF executable', test: (b) => starts(b, [0x7f, 0x45, 0x4c, 0x46]) },
  {
    kind: 'Mach-O executable',
    test: (b) => [[0xfe, 0xed, 0xfa, 0xce], [0xce, 0xfa, 0xed, 0xfe], [0xfe, 0xed, 0xfa, 0xcf], [0xcf, 0xfa, 0xed, 0xfe], [0xca, 0xfe, 0xba, 0xbe]].some((m) => starts(b, m)),
  },
  { kind: 'WebAssembly module', test: (b) => starts(b, [0x00, 0x61, 0x73, 0x6d]) },
  { kind: 'legacy Office file (.doc/.xls/.ppt; save it as .docx)', test: (b) => starts(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) },
  { kind: 'ZIP archive (not a Word document)', test: (b) => isZip(b) },
  { kind: 'gzip archive', test: (b) => starts(b, [0x1f, 0x8b]) },
  { kind: 'xz archive', test: (b) => starts(b, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]) },
  { kind: '7-Zip archive', test: (b) => starts(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) },
  { kind: 'RAR archive', test: (b) => ascii(b, 0, 'Rar!\u001a\u0007') },
  { kind: 'SQLite database', test: (b) => ascii(b, 0, 'SQLite format 3\u0000') },
  { kind: 'audio file', test: (b) => ascii(b, 0, 'ID3') || ascii(b, 0, 'OggS') || ascii(b, 0, 'fLaC') },
];

/**
 * Allow-list by extension AND by content: the extension must be a supported one, and the bytes must
 * not be a recognisable non-document (an image or program renamed .pdf/.txt). Content a loader
 * recognises (a PDF named .txt) is accepted; the loader registry then reads it as what it is.
 */
export function checkUploadType(fileName: string, bytes: Uint8Array, pipeline: Partial<PipelineOptions> = {}): void {
  const registry = { ...DEFAULT_LOADER_REGISTRY, ...pipeline.loaders };
  const ext = path.extname(fileName).toLowerCase();
  const supported = supportedExtensions(registry);
  if (!loaderForExtension(fileName, registry)) {
    throw new AppError('DOCUMENT_UNSUPPORTED', `Unsupported file type ${ext ? `"${ext}"` : '(no extension)'} for "${fileName}"; supported: ${supported.join(', ')}.`, {
      details: { file: fileName, extension: ext || null, supported },
    });
  }
  if (registry.loaders.some((l) => l.sniff?.(bytes))) return;
  // Some signatures are plain letters ("MZ", "ID3", "RIFF"): a text starting with them is still
  // text, so a signature only counts next to bytes no text file has.
  const found = binaryHead(bytes) ? NOT_DOCUMENTS.find((s) => s.test(bytes)) : undefined;
  if (found) {
    throw new AppError('DOCUMENT_UNSUPPORTED', `"${fileName}" is a ${found.kind}, not a document; supported: ${supported.join(', ')}.`, {
      details: { file: fileName, detected: found.kind, supported },
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Corpus paths

/**
 * Absolute path of a corpus document from its `source`, refusing anything that would leave the
 * corpus folder (".." segments, absolute paths, a symlinked folder pointing elsewhere): NOT_FOUND,
 * since such a document cannot exist.
 */
export async function corpusFilePath(corpusDir: string, source: string): Promise<string> {
  const root = await corpusRoot(corpusDir);
  const segments = source.split('/');
  const notFound = () => new AppError('NOT_FOUND', `No document "${source}" in the corpus.`, { details: { source } });
  if (source === '' || source.includes('\0') || path.isAbsolute(source) || segments.some((s) => s === '' || s === '.' || s === '..')) {
    throw notFound();
  }
  const abs = path.resolve(root, ...segments);
  if (!isInside(root, abs)) throw notFound();
  const parent = await fs.realpath(path.dirname(abs)).catch(() => null);
  if (parent !== null && !isInside(root, parent)) throw notFound();
  return abs;
}

async function corpusRoot(corpusDir: string): Promise<string> {
  try {
    const root = await fs.realpath(path.resolve(corpusDir));
    if (!(await fs.stat(root)).isDirectory()) throw new Error('not a directory');
    return root;
  } catch (cause) {
    throw new AppError('CORPUS_NOT_FOUND', `Corpus folder "${corpusDir}" does not exist or is not a folder.`, { cause, details: { dir: corpusDir } });
  }
}

function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** `<uploadsDir>/<name>`, or `<stem>-2<ext>`, `-3`… when taken on disk or in the manifest. */
async function freeSource(root: string, uploadsDir: string, name: string, manifest: IndexManifest): Promise<string> {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 1; n < 10_000; n++) {
    const source = `${uploadsDir}/${n === 1 ? name : `${stem}-${n}${ext}`}`;
    if (manifest.documents[source] || manifest.skipped?.[source]) continue;
    const taken = await fs.lstat(path.join(root, ...source.split('/'))).then(
      () => true,
      () => false,
    );
    if (!taken) return source;
  }
  throw new AppError('CONFLICT', `Too many uploads named "${name}".`);
}

/**
 * Write to a hidden temp file beside the target (hidden: the ingest scan and the watcher ignore
 * it), fsync, then hard-link it to the final name (fails instead of overwriting a file created
 * meanwhile) and drop the temp name. Readers see no file or the whole file, never a partial one.
 */
async function writeNewFileAtomically(file: string, bytes: Uint8Array): Promise<string> {
  const tmp = path.join(path.dirname(file), `.upload-${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fh = await fs.open(tmp, 'wx');
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    const conflict = (cause?: unknown) =>
      new AppError('CONFLICT', `"${path.basename(file)}" appeared in the corpus folder during the upload; retry.`, { cause });
    try {
      await fs.link(tmp, file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw conflict(err);
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw err;
      // File systems without hard links (FAT, some network shares): check, then rename.
      if (await fs.lstat(file).then(() => true, () => false)) throw conflict();
      await fs.rename(tmp, file);
    }
  } finally {
    await fs.rm(tmp, { force: true });
  }
  return file;
}

// ---------------------------------------------------------------------------------------------
// Shared steps

interface Prepared {
  record: DocumentRecord;
  passages: Passage[];
  vectors: number[][];
  /** Last page bearing text, for paginated formats. */
  pages: number | undefined;
}

async function prepare(doc: SourceDocument, ctx: LiveContext): Promise<Prepared> {
  const o = ctx.options;
  const passages = passagesOf(doc, o.chunking);
  if (passages.length === 0) {
    throw new AppError('DOCUMENT_UNREADABLE', `Cannot read "${doc.source}": no text to index.`, { details: { file: doc.source } });
  }
  const vectors: number[][] = [];
  for (let i = 0; i < passages.length; i += o.batchSize) {
    vectors.push(...(await embedBatch(ctx.service.embedder, passages.slice(i, i + o.batchSize))));
  }
  const record: DocumentRecord = {
    source: doc.source,
    title: doc.title,
    date: doc.date,
    hash: doc.hash,
    format: doc.format,
    passages: passages.length,
    chars: doc.text.length,
    ingestedAt: new Date().toISOString(),
  };
  return { record, passages, vectors, pages: doc.pages?.at(-1)?.page };
}

/** Run `task` under the ingest lock; it calls `lock.assertHeld()` right before it writes anything. */
async function withLock<T>(ctx: LiveContext, task: (lock: IndexLock) => Promise<T>): Promise<T> {
  const lock: IndexLock = await acquireIndexLock(ctx.options.indexDir, ctx.options.logger);
  try {
    await warnIfChangedElsewhere(ctx);
    return await task(lock);
  } finally {
    await lock.release();
  }
}

/**
 * This process's store is in memory; a CLI ingest that ran since the server started wrote a newer
 * generation, which the next flush replaces. Say so (a restart picks the corpus up again), since
 * silently undoing another process's work would be worse.
 */
async function warnIfChangedElsewhere(ctx: LiveContext): Promise<void> {
  const store = ctx.service.store;
  const onDisk = store.savedManifest ? await store.savedManifest().catch(() => null) : null;
  if (onDisk && onDisk.updatedAt !== store.manifest().updatedAt) {
    ctx.options.logger.warn('index on disk was changed by another process since the server loaded it; restart the server to serve those changes', {
      indexDir: ctx.options.indexDir,
      onDisk: onDisk.updatedAt,
      loaded: store.manifest().updatedAt,
    });
  }
}

async function dropSkipped(ctx: LiveContext, source: string): Promise<void> {
  const skipped = ctx.service.store.manifest().skipped;
  if (!skipped?.[source]) return;
  const { [source]: _gone, ...rest } = skipped;
  await ctx.service.store.setSkipped(rest);
}


function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** NUL or C0 control bytes (other than tab, newlines, form feed, escape) near the start. */
function binaryHead(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 64);
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) return true;
  }
  return false;
}

function starts(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((m, i) => bytes[i] === m);
}

function ascii(bytes: Uint8Array, offset: number, text: string): boolean {
  if (bytes.length < offset + text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[offset + i] !== text.charCodeAt(i)) return false;
  return true;
}

function truncateUtf8(s: string, maxBytes: number): string {
  if (Buffer.byteLength(s) <= maxBytes) return s;
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > maxBytes) break;
    out += ch;
    bytes += n;
  }
  return out;
}
