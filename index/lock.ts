/**
 * A lock file so two ingests never write the same index at once. The file holds the owner's pid:
 * a lock left by a dead process (SIGKILL) is detected and taken over instead of blocking forever.
 *
 * The file is written complete under a private name and then hard-linked into place, so nobody
 * ever reads a half-written lock and mistakes it for a stale one. It also carries a random token:
 * release() removes the file only while it is still ours (never a lock another process took over),
 * and assertHeld() lets a writer check, right before it commits, that nobody took it over.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../core/errors.js';
import { writingTo } from '../core/fs-errors.js';
import type { Logger } from '../core/logger.js';
import { silentLogger } from '../core/logger.js';

export const LOCK_FILE = 'ingest.lock';

export interface IndexLock {
  readonly file: string;
  /** Fails with INGEST_LOCKED when the lock file no longer names this holder. */
  assertHeld(): Promise<void>;
  release(): Promise<void>;
}

interface Holder {
  pid: number;
  since: string;
  token: string | null;
}

/** Tokens of the locks this process holds: a lock with our pid but an unknown token is stale (pid reuse). */
const heldHere = new Set<string>();

export async function acquireIndexLock(root: string, logger: Logger = silentLogger): Promise<IndexLock> {
  const file = path.join(root, LOCK_FILE);
  const token = randomBytes(8).toString('hex');
  const tmp = path.join(root, `${LOCK_FILE}.${process.pid}.${token}.tmp`);
  // A read-only or full index folder is a 503 the operator can fix, not a 500.
  await writingTo('index', root, async () => {
    await fs.mkdir(root, { recursive: true });
    await fs.writeFile(tmp, JSON.stringify({ pid: process.pid, since: new Date().toISOString(), token }));
  });
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await place(tmp, file);
        heldHere.add(token);
        return handle(file, token, logger);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const holder = await readHolder(file);
        if (holder && isLive(holder)) {
          // The pid and path help an operator (CLI, log); HTTP clients get neither.
          throw new AppError('INGEST_LOCKED', `Another ingest (pid ${holder.pid}, since ${holder.since}) is writing ${root}.`, {
            publicMessage: `Another ingest (since ${holder.since}) is writing the index; retry when it has finished.`,
          });
        }
        logger.warn('removing stale ingest lock', { lockFile: file, pid: holder?.pid });
        await fs.rm(file, { force: true });
      }
    }
  } finally {
    await fs.rm(tmp, { force: true });
  }
  throw new AppError('INGEST_LOCKED', `Could not acquire the ingest lock ${file}.`, { publicMessage: 'Could not acquire the ingest lock; retry.' });
}

/** Create `file` with the content of `tmp`, failing with EEXIST when it exists. */
async function place(tmp: string, file: string): Promise<void> {
  try {
    await fs.link(tmp, file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw err;
    // File systems without hard links: exclusive create, then write (a short window remains).
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw err;
    const fh = await fs.open(file, 'wx');
    try {
      await fh.writeFile(await fs.readFile(tmp));
    } finally {
      await fh.close();
    }
  }
}

function handle(file: string, token: string, logger: Logger): IndexLock {
  let released = false;
  return {
    file,
    async assertHeld() {
      const holder = await readHolder(file);
      if (released || holder?.token !== token) {
        throw new AppError('INGEST_LOCKED', `The ingest lock ${file} was taken over by another process (pid ${holder?.pid ?? '?'}); nothing was written.`, {
          publicMessage: 'The ingest lock was taken over by another process; nothing was written. Retry.',
        });
      }
    },
    async release() {
      if (released) return;
      released = true;
      heldHere.delete(token);
      const holder = await readHolder(file);
      if (holder?.token === token) await fs.rm(file, { force: true });
      else logger.warn('ingest lock already taken over; left in place', { lockFile: file, pid: holder?.pid });
    },
  };
}

async function readHolder(file: string): Promise<Holder | null> {
  try {
    const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as { pid?: unknown; since?: unknown; token?: unknown };
    // pid 0 / negative would make process.kill() probe a process group: junk, hence stale.
    if (typeof parsed.pid !== 'number' || !Number.isInteger(parsed.pid) || parsed.pid <= 0) return null;
    return { pid: parsed.pid, since: String(parsed.since ?? '?'), token: typeof parsed.token === 'string' ? parsed.token : null };
  } catch {
    return null;
  }
}

function isLive(holder: Holder): boolean {
  // Our own pid: live only if this process really holds that lock (else a previous process with
  // the same pid left it, as happens to pid 1 in containers).
  if (holder.pid === process.pid) return holder.token !== null && heldHere.has(holder.token);
  return isAlive(holder.pid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
