/**
 * Atomic persistence for folder-shaped data (the HNSW index): each save writes a complete new
 * "generation" folder under a temporary name, fsyncs it, renames it into place, then flips the
 * one-line `CURRENT` pointer with write-temp-then-rename. A process killed at any point leaves
 * CURRENT naming a complete generation, so the previous index stays usable.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export const CURRENT_FILE = 'CURRENT';
const GEN_PREFIX = 'gen-';
const TMP_PREFIX = '.tmp-';

export interface GenerationOptions {
  /** Older complete generations kept besides the current one (a manual fallback). */
  keepPrevious: number;
}

export const DEFAULT_GENERATION_OPTIONS: GenerationOptions = { keepPrevious: 1 };

/** Absolute path of the generation CURRENT points at, or null when none exists. */
export async function currentGeneration(root: string): Promise<string | null> {
  let name: string;
  try {
    name = (await fs.readFile(path.join(root, CURRENT_FILE), 'utf8')).trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  // The pointer must name a direct child generation: never follow anything else (traversal, junk).
  if (!/^gen-[A-Za-z0-9-]+$/.test(name)) return null;
  const dir = path.join(root, name);
  try {
    const st = await fs.stat(dir);
    return st.isDirectory() ? dir : null;
  } catch {
    return null;
  }
}

/**
 * Write a new generation with `writer(tmpDir)` and make it current atomically.
 * Returns the path of the new generation.
 */
export async function writeGeneration(
  root: string,
  writer: (dir: string) => Promise<void>,
  options: Partial<GenerationOptions> = {},
): Promise<string> {
  const opts = { ...DEFAULT_GENERATION_OPTIONS, ...options };
  await fs.mkdir(root, { recursive: true });
  const id = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  const tmp = path.join(root, `${TMP_PREFIX}${id}`);
  const final = path.join(root, `${GEN_PREFIX}${id}`);
  await fs.mkdir(tmp);
  try {
    await writer(tmp);
    await fsyncTree(tmp);
    await fs.rename(tmp, final);
    await fsyncDir(root);
    const pointerTmp = path.join(root, `${CURRENT_FILE}.${id}.tmp`);
    await writeFileDurable(pointerTmp, `${GEN_PREFIX}${id}\n`);
    await fs.rename(pointerTmp, path.join(root, CURRENT_FILE));
    await fsyncDir(root);
  } catch (err) {
    await fs.rm(tmp, { recursive: true, force: true });
    throw err;
  }
  await pruneGenerations(root, path.basename(final), opts.keepPrevious);
  return final;
}

/** Remove leftovers of killed writes and generations older than the kept ones. Best effort. */
export async function pruneGenerations(root: string, current: string, keepPrevious: number): Promise<void> {
  let entries: string[];
  try {
    entries = await fs.readdir(root);
  } catch {
    return;
  }
  const gens = entries.filter((e) => e.startsWith(GEN_PREFIX) && e !== current);
  const withTimes = await Promise.all(
    gens.map(async (g) => ({ g, t: (await fs.stat(path.join(root, g)).catch(() => null))?.mtimeMs ?? 0 })),
  );
  withTimes.sort((a, b) => b.t - a.t);
  const doomed = withTimes.slice(keepPrevious).map((x) => x.g);
  // Temp folders of writers that died (a live writer holds the ingest lock, so none is running now
  // when called after a successful write under that lock).
  doomed.push(...entries.filter((e) => e.startsWith(TMP_PREFIX) || /^CURRENT\..*\.tmp$/.test(e)));
  await Promise.all(doomed.map((d) => fs.rm(path.join(root, d), { recursive: true, force: true })));
}

export async function writeFileDurable(file: string, data: string | Uint8Array): Promise<void> {
  const fh = await fs.open(file, 'w');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function fsyncTree(dir: string): Promise<void> {
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) await fsyncTree(p);
    else if (entry.isFile()) {
      const fh = await fs.open(p, 'r');
      try {
        await fh.sync();
      } finally {
        await fh.close();
      }
    }
  }
  await fsyncDir(dir);
}

async function fsyncDir(dir: string): Promise<void> {
  // Directory fsync makes the rename durable on Linux; not supported everywhere, hence best effort.
  try {
    const fh = await fs.open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    /* platform without directory fsync */
  }
}
