/**
 * Progress of a long ingest. On an interactive terminal: a cli-progress bar on stderr. Elsewhere
 * (CI, pipes, log files) a bar would be a mess of carriage returns, so progress becomes ordinary
 * log lines through the Logger, every `everyPercent` % and/or every `everyItems` items.
 */
import cliProgress from 'cli-progress';
import type { Logger } from '../core/logger.js';
import { silentLogger } from '../core/logger.js';

export interface ProgressReporter {
  start(total: number, label: string): void;
  increment(n?: number, detail?: string): void;
  stop(): void;
}

export interface ProgressOptions {
  logger: Logger;
  /** Where the bar is drawn (stdout stays clean for CLI output). */
  stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** 'auto' = draw a bar when `stream.isTTY`. */
  tty: boolean | 'auto';
  /** Log-line mode: a line each time this percentage step is crossed (0 = never by percent). */
  everyPercent: number;
  /** Log-line mode: a line every this many items (0 = never by count). */
  everyItems: number;
}

export const DEFAULT_PROGRESS: ProgressOptions = {
  logger: silentLogger,
  stream: process.stderr,
  tty: 'auto',
  everyPercent: 10,
  everyItems: 0,
};

export function createProgress(options: Partial<ProgressOptions> = {}): ProgressReporter {
  const opts: ProgressOptions = { ...DEFAULT_PROGRESS, ...options };
  const tty = opts.tty === 'auto' ? opts.stream.isTTY === true : opts.tty;
  return tty ? barReporter(opts) : logReporter(opts);
}

function barReporter(opts: ProgressOptions): ProgressReporter {
  let bar: cliProgress.SingleBar | null = null;
  let label = '';
  let total = 0;
  let value = 0;
  let startedAt = 0;
  return {
    start(t, l) {
      total = t;
      label = l;
      value = 0;
      startedAt = Date.now();
      bar = new cliProgress.SingleBar(
        {
          format: '{label} [{bar}] {percentage}% | {value}/{total} | {detail}',
          stream: opts.stream as NodeJS.WritableStream,
          hideCursor: true,
          clearOnComplete: false,
          barsize: 30,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0, { label, detail: '' });
    },
    increment(n = 1, detail = '') {
      value += n;
      bar?.increment(n, { detail });
    },
    stop() {
      bar?.stop();
      bar = null;
      opts.logger.info(`${label}: done`, { done: value, total, seconds: (Date.now() - startedAt) / 1000 });
    },
  };
}

function logReporter(opts: ProgressOptions): ProgressReporter {
  let label = '';
  let total = 0;
  let value = 0;
  let lastStep = 0;
  let lastItems = 0;
  let startedAt = 0;
  return {
    start(t, l) {
      label = l;
      total = t;
      value = 0;
      lastStep = 0;
      lastItems = 0;
      startedAt = Date.now();
      opts.logger.info(`${label}: starting`, { total });
    },
    increment(n = 1, detail) {
      value += n;
      const percent = total > 0 ? Math.min(100, Math.floor((value * 100) / total)) : 100;
      const step = opts.everyPercent > 0 ? Math.floor(percent / opts.everyPercent) : 0;
      const byPercent = opts.everyPercent > 0 && step > lastStep;
      const byItems = opts.everyItems > 0 && value - lastItems >= opts.everyItems;
      if (!byPercent && !byItems) return;
      lastStep = step;
      lastItems = value;
      opts.logger.info(label, { done: value, total, percent, ...(detail ? { detail } : {}) });
    },
    stop() {
      opts.logger.info(`${label}: done`, { done: value, total, seconds: (Date.now() - startedAt) / 1000 });
    },
  };
}
