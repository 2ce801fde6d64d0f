/**
 * A lock file so two ingests never write the same index at once. The file holds the owner's pid:
 * a lock left by a dead process (SIGKILL) is detected and taken over instead of blocking forever.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { silentLogger } from '../core/logger.js';

export const LOCK_FILE = 'ingest.lock';

export interface IndexLock {
  readonly file: string;
  release(): Promise<void>;
}

export async function acquireIndexLock(root: string, logger: Logger = silentLogger): Promise<IndexLock> {
  await fs.mkdir(root, { recursive: true });
  const file = path.join(root, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await fs.open(file, 'wx');
      await fh.writeFile(JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
      await fh.close();
      let released = false;
      return {
        file,
        release: async () => {
          if (released) return;
          released = true;
          await fs.rm(file, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = await readHolder(file);
      if (holder && holder.pid !== process.pid && isAlive(holder.pid)) {
        throw new AppError('INGEST_LOCKED', `Another ingest (pid ${holder.pid}, since ${holder.since}) is writing ${root}.`, {
          details: { pid: holder.pid, lockFile: file },
        });
      }
      logger.warn('removing stale ingest lock', { lockFile: file, pid: holder?.pid });
      await fs.rm(file, { force: true });
    }
  }
  throw new AppError('INGEST_LOCKED', `Could not acquire the ingest lock ${file}.`);
}

async function readHolder(file: string): Promise<{ pid: number; since: string } | null> {
  try {
    const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as { pid?: unknown; since?: unknown };
    return typeof parsed.pid === 'number' ? { pid: parsed.pid, since: String(parsed.since ?? '?') } : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
