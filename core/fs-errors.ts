/**
 * File-system failures that mean "this folder cannot be written right now" (permissions, a full or
 * read-only disk) become one catalogued 503 naming the folder's role, instead of a generic 500:
 * the operator can fix them, and the caller guarantees nothing was changed. Paths stay in the
 * operator message (CLI, log); HTTP clients read the public one.
 */
import { AppError, isAppError } from './errors.js';

const NOT_WRITABLE = new Set(['EACCES', 'EPERM', 'ENOSPC', 'EROFS', 'EDQUOT']);

export type StorageRole = 'index' | 'corpus';

/** True for the errno codes that mean the storage refuses writes (not a bug, not a missing file). */
export function isNotWritable(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && NOT_WRITABLE.has(code);
}

/** `err` as INDEX_NOT_WRITABLE / CORPUS_NOT_WRITABLE when it is such a failure, else unchanged. */
export function asStorageError(err: unknown, role: StorageRole, dir: string): unknown {
  if (isAppError(err) || !isNotWritable(err)) return err;
  const code = (err as NodeJS.ErrnoException).code!;
  const why = code === 'ENOSPC' || code === 'EDQUOT' ? 'the disk is full' : code === 'EROFS' ? 'the file system is read-only' : 'permission denied';
  const label = role === 'index' ? 'index' : 'corpus';
  return new AppError(role === 'index' ? 'INDEX_NOT_WRITABLE' : 'CORPUS_NOT_WRITABLE', `The ${label} folder ${dir} cannot be written (${code}: ${why}); nothing was changed.`, {
    cause: err,
    publicMessage: `The ${label} folder cannot be written (${why}); nothing was changed.`,
    details: { reason: code },
  });
}

/** Run `task`, mapping not-writable failures to the role's 503. */
export async function writingTo<T>(role: StorageRole, dir: string, task: () => Promise<T>): Promise<T> {
  try {
    return await task();
  } catch (err) {
    throw asStorageError(err, role, dir);
  }
}
