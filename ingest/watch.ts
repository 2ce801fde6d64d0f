/**
 * The watched corpus folder (opt-in: WATCH=true / --watch): files added, changed or removed while
 * the server runs reach the index through the same live-update path as uploads (./live.ts).
 *
 * Events are debounced per file (an editor's save or a copy fires several) and additions wait for
 * the size to settle (chokidar's awaitWriteFinish), then `syncFile` compares what is on disk with the
 * manifest. Deciding from the file system at apply time, not from the event kind, makes bursts,
 * renames and the upload route's own writes (same hash → "unchanged", logged at debug only) safe.
 * One info line per real change: "watch: added uploads/x.pdf (12 passages)".
 */
import path from 'node:path';
import fs from 'node:fs/promises';
import { watch, type FSWatcher } from 'chokidar';
import { isAppError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { syncFile, type LiveContext, type SyncOutcome } from './live.js';
import { toSource } from './scan.js';

export interface CorpusWatcherOptions {
  /** Quiet time after a file's last event before it is applied. */
  debounceMs: number;
  /** chokidar awaitWriteFinish: a new/changed file must keep its size this long before it counts. */
  stabilityThresholdMs: number;
  pollIntervalMs: number;
  /** Poll the file system instead of inotify (network shares, some containers). */
  usePolling: boolean;
  /** Delay before retrying a change refused with INGEST_LOCKED (a CLI ingest is running). */
  retryMs: number;
  maxRetries: number;
  /** Defaults to the live context's logger. */
  logger: Logger | null;
}

export const DEFAULT_CORPUS_WATCHER: CorpusWatcherOptions = {
  debounceMs: 500,
  stabilityThresholdMs: 300,
  pollIntervalMs: 100,
  usePolling: false,
  retryMs: 2000,
  maxRetries: 30,
  logger: null,
};

export interface CorpusWatcher {
  /** Resolves when no change is waiting or being applied (tests, tools). */
  idle(): Promise<void>;
  /** Stop watching; pending (not yet applied) changes are dropped, in-flight ones finish. The next
   * start's corpus check picks up anything dropped. */
  close(): Promise<void>;
}

/** Start watching `ctx.options.corpusDir`; resolves once the initial scan is done and events flow. */
export async function watchCorpus(ctx: LiveContext, options: Partial<CorpusWatcherOptions> = {}): Promise<CorpusWatcher> {
  const o: CorpusWatcherOptions = { ...DEFAULT_CORPUS_WATCHER, ...options };
  const log = o.logger ?? ctx.options.logger;
  // Real path: chokidar reports paths under what it was given, and sources are relative to it.
  const root = await fs.realpath(path.resolve(ctx.options.corpusDir));
  const timers = new Map<string, NodeJS.Timeout>();
  const retries = new Map<string, number>();
  let running = 0;
  let closed = false;
  let waiters: (() => void)[] = [];

  const settle = () => {
    if (timers.size > 0 || running > 0) return;
    const w = waiters;
    waiters = [];
    for (const resolve of w) resolve();
  };

  const schedule = (source: string, delay: number) => {
    if (closed) return;
    const previous = timers.get(source);
    if (previous) clearTimeout(previous);
    timers.set(
      source,
      setTimeout(() => {
        timers.delete(source);
        void apply(source);
      }, delay),
    );
  };

  const apply = async (source: string) => {
    running++;
    try {
      const outcome = await syncFile(source, ctx);
      retries.delete(source);
      report(log, outcome);
    } catch (err) {
      const attempt = (retries.get(source) ?? 0) + 1;
      if (isAppError(err) && err.code === 'INGEST_LOCKED' && attempt <= o.maxRetries) {
        retries.set(source, attempt);
        log.warn(`watch: ${source} waits for another ingest to finish`, { source, attempt });
        schedule(source, o.retryMs);
      } else {
        retries.delete(source);
        log.error(`watch: could not apply the change to ${source}`, { source, error: err instanceof Error ? err : String(err) });
      }
    } finally {
      running--;
      settle();
    }
  };

  const onEvent = (file: string) => {
    const source = toSource(root, file);
    if (source === '' || source.startsWith('../')) return;
    schedule(source, o.debounceMs);
  };

  const watcher: FSWatcher = watch(root, {
    ignoreInitial: true,
    persistent: true,
    usePolling: o.usePolling,
    interval: o.pollIntervalMs,
    // Hidden files and folders are never documents (the ingest scan skips them too); upload temp
    // files are hidden on purpose.
    ignored: (p: string) => {
      const rel = path.relative(root, p);
      return rel !== '' && rel.split(path.sep).some((seg) => seg.startsWith('.'));
    },
    awaitWriteFinish: { stabilityThreshold: o.stabilityThresholdMs, pollInterval: o.pollIntervalMs },
  });
  watcher.on('add', onEvent).on('change', onEvent).on('unlink', onEvent);
  watcher.on('error', (err) => log.error('watch: file system watcher error', { error: err instanceof Error ? err : String(err) }));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  log.info('watch: watching the corpus folder', { dir: root });

  return {
    idle: () =>
      new Promise<void>((resolve) => {
        waiters.push(resolve);
        settle();
      }),
    async close() {
      closed = true;
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      await watcher.close();
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        settle();
      });
    },
  };
}

function report(log: Logger, outcome: SyncOutcome): void {
  const { source } = outcome;
  switch (outcome.action) {
    case 'added':
    case 'updated':
      log.info(`watch: ${outcome.action} ${source} (${outcome.record.passages} passages)`, {
        source,
        passages: outcome.record.passages,
        ...(outcome.pages !== undefined ? { pages: outcome.pages } : {}),
      });
      return;
    case 'removed':
      log.info(`watch: removed ${source} (${outcome.record.passages} passages)`, { source, passages: outcome.record.passages });
      return;
    case 'skipped':
      log.warn(`watch: skipped ${source}: ${outcome.reason}`, { source, reason: outcome.reason });
      return;
    case 'unchanged':
    case 'ignored':
      // The upload route's own writes land here: quiet on purpose.
      log.debug(`watch: ${outcome.action} ${source}`, { source, reason: outcome.reason });
      return;
  }
}
