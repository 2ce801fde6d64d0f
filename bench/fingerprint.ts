/**
 * What code a bench run measured. Retrieval is tuned concurrently by other people, so the
 * figures belong to a version of the source: a hash of the measured code and of the retrieval
 * settings is recorded at the start and at the end of the run, and a change in between is
 * reported (sections run before and after it measured different code).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export interface SourceFingerprintOptions {
  root: string;
  /** Folders whose .ts files are hashed (relative to root). */
  dirs: string[];
  /** Single files hashed as well (retrieval settings). */
  files: string[];
}

export const DEFAULT_SOURCE_FINGERPRINT: Omit<SourceFingerprintOptions, 'root'> = {
  dirs: ['core', 'ingest', 'index', 'server'],
  files: [path.join('config', 'retrieval.json')],
};

export interface SourceFingerprint {
  sha256: string;
  files: number;
  /** Most recently modified file and when (ISO). */
  newest: { file: string; modified: string } | null;
  /** mode and rerank from the retrieval settings file, as the server reads them. */
  retrieval: { mode: unknown; rerank: unknown } | null;
}

async function listTs(dir: string): Promise<string[]> {
  const out: string[] = [];
  let entries: import('node:fs').Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listTs(p)));
    else if (e.isFile() && e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

export async function sourceFingerprint(options: Partial<SourceFingerprintOptions> & Pick<SourceFingerprintOptions, 'root'>): Promise<SourceFingerprint> {
  const o: SourceFingerprintOptions = { ...DEFAULT_SOURCE_FINGERPRINT, ...options };
  const files: string[] = [];
  for (const d of o.dirs) files.push(...(await listTs(path.join(o.root, d))));
  for (const f of o.files) files.push(path.join(o.root, f));
  files.sort();
  const hash = createHash('sha256');
  let newest: SourceFingerprint['newest'] = null;
  let newestMs = 0;
  let count = 0;
  for (const file of files) {
    let data: Buffer;
    let mtime: number;
    try {
      [data, mtime] = await Promise.all([fs.readFile(file), fs.stat(file).then((s) => s.mtimeMs)]);
    } catch {
      continue; // removed between listing and reading: a concurrent edit, caught by the end hash
    }
    count++;
    hash.update(`${path.relative(o.root, file)}\n`).update(data);
    if (mtime > newestMs) {
      newestMs = mtime;
      newest = { file: path.relative(o.root, file), modified: new Date(mtime).toISOString() };
    }
  }
  let retrieval: SourceFingerprint['retrieval'] = null;
  try {
    const cfg = JSON.parse(await fs.readFile(path.join(o.root, DEFAULT_SOURCE_FINGERPRINT.files[0] as string), 'utf8')) as { mode?: unknown; rerank?: unknown };
    retrieval = { mode: cfg.mode ?? null, rerank: cfg.rerank ?? null };
  } catch {
    retrieval = null;
  }
  return { sha256: hash.digest('hex'), files: count, newest, retrieval };
}
