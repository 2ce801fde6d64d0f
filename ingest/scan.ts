/**
 * Lists the documents of a corpus folder, recursively, without reading them. Files the ingest
 * must not or cannot take are returned as `skipped` with a reason, for the caller to log:
 * unsupported extensions, files over the size limit, symlinks pointing outside the folder.
 * Hidden files and folders (".git", ".DS_Store") are ignored silently.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AppError } from '../core/errors.js';
import { silentLogger, type Logger } from '../core/logger.js';
import { supportedExtensions } from './loaders/index.js';

export interface ScanOptions {
  /** Larger files are skipped (a 500 MB PDF is a mistake, not a news article). */
  maxFileBytes: number;
  /** Lower-case extensions with the dot; defaults to every registered loader's. */
  extensions: readonly string[];
  /** Debug lines for each skipped entry. */
  logger: Logger;
  /** Folders left out silently, relative to the corpus with "/" separators (e.g. "uploads" for
   * a run that must see the shipped documents only). */
  exclude: readonly string[];
}

export const DEFAULT_SCAN: ScanOptions = {
  maxFileBytes: 50 * 1024 * 1024,
  extensions: supportedExtensions(),
  logger: silentLogger,
  exclude: [],
};

export interface CorpusFile {
  /** Absolute path. */
  path: string;
  /** Path relative to the corpus folder, POSIX separators: the document's `source`. */
  source: string;
  size: number;
  mtimeMs: number;
}

export interface SkippedFile {
  path: string;
  source: string;
  reason: string;
}

export interface ScanResult {
  files: CorpusFile[];
  skipped: SkippedFile[];
}

export async function scanCorpus(dir: string, options: Partial<ScanOptions> = {}): Promise<ScanResult> {
  const opts: ScanOptions = { ...DEFAULT_SCAN, ...options };
  const root = path.resolve(dir);
  let realRoot: string;
  try {
    realRoot = await fs.realpath(root);
    if (!(await fs.stat(realRoot)).isDirectory()) throw new Error('not a directory');
  } catch (cause) {
    throw new AppError('CORPUS_NOT_FOUND', `Corpus folder "${dir}" does not exist or is not a folder.`, { cause, details: { dir } });
  }

  const files: CorpusFile[] = [];
  const skipped: SkippedFile[] = [];
  const visited = new Set<string>([realRoot]);
  const excluded = new Set(opts.exclude.map((d) => d.replace(/^\/+|\/+$/g, '')));
  const skip = (abs: string, reason: string) => {
    const entry = { path: abs, source: toSource(root, abs), reason };
    skipped.push(entry);
    opts.logger.debug('skipped', { source: entry.source, reason });
  };

  const walk = async (folder: string): Promise<void> => {
    let entries;
    try {
      entries = await fs.readdir(folder, { withFileTypes: true });
    } catch (cause) {
      skip(folder, `folder not readable (${(cause as NodeJS.ErrnoException).code ?? 'error'})`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const abs = path.join(folder, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      let target = abs;
      if (entry.isSymbolicLink()) {
        try {
          target = await fs.realpath(abs);
        } catch {
          skip(abs, 'broken symbolic link');
          continue;
        }
        if (!isInside(realRoot, target)) {
          skip(abs, 'symbolic link pointing outside the corpus folder');
          continue;
        }
        const st = await fs.stat(target);
        isDir = st.isDirectory();
        isFile = st.isFile();
      }
      if (isDir) {
        if (excluded.has(toSource(root, abs))) continue;
        const real = await fs.realpath(target);
        if (visited.has(real)) continue; // a symlink back into a folder already scanned
        visited.add(real);
        await walk(abs);
        continue;
      }
      if (!isFile) continue; // sockets, FIFOs, devices
      if (!opts.extensions.includes(path.extname(entry.name).toLowerCase())) {
        skip(abs, `unsupported file type (supported: ${opts.extensions.join(', ')})`);
        continue;
      }
      const st = await fs.stat(target);
      if (st.size > opts.maxFileBytes) {
        skip(abs, `file too large (${st.size} bytes > limit ${opts.maxFileBytes})`);
        continue;
      }
      files.push({ path: abs, source: toSource(root, abs), size: st.size, mtimeMs: st.mtimeMs });
    }
  };
  await walk(root);
  files.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  return { files, skipped };
}

/** Path relative to the corpus folder with "/" separators, whatever the OS. */
export function toSource(rootDir: string, filePath: string): string {
  return path.relative(path.resolve(rootDir), path.resolve(filePath)).split(path.sep).join('/');
}

function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}
