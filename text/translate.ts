/**
 * Offline machine translation between French and English with Apertium (Debian packages
 * `apertium`, `apertium-fr-es`, `apertium-eng-spa`). Apertium has no direct French–English pair,
 * so both directions pivot through Spanish: fr→en is `fr-es | spa-eng`, en→fr is
 * `eng-spa | es-fr`. Rule-based: gist quality, deterministic, no weights.
 *
 * One call of the `apertium` script costs about 1.5 s of start-up (it loads a dozen transducers),
 * so a translator keeps ONE long-lived pipeline per direction in null-flush mode: every text is
 * written followed by a NUL, every NUL on the way out closes one translation, in order. Callers
 * share the pipeline through a FIFO; results are cached by text (bounded by bytes).
 *
 * Used by retrieval (translating passages at ingest, questions at query time) and by the answer
 * stage (English renderings of quoted French sentences): one module, one process per direction.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { BoundedCache, stringBytes } from '../core/bounded-cache.js';
import type { Logger } from '../core/logger.js';
import { silentLogger } from '../core/logger.js';

export type TranslationDirection = 'fr-en' | 'en-fr';

export interface Translator {
  readonly direction: TranslationDirection;
  /** Human-readable engine name, e.g. "apertium fr-es|spa-eng" (for labels and logs). */
  readonly engine: string;
  /** Translations of `texts`, in order. Rejects when the engine fails or the signal aborts. */
  translate(texts: readonly string[], options?: { signal?: AbortSignal }): Promise<string[]>;
  /** Starts the engine now (the first translation otherwise pays its start-up). */
  warm(): Promise<void>;
  /** Stops the engine; later calls start it again. */
  close(): Promise<void>;
}

export interface TranslatorOptions {
  /** Where Apertium's `*.mode` files live. */
  modesDir: string;
  /** A text longer than this is cut at the last sentence/word boundary before it. */
  maxChars: number;
  /** A translation not back within `timeoutMs + msPerChar × length` restarts the engine. */
  timeoutMs: number;
  msPerChar: number;
  /** Byte budget of the text → translation cache. */
  cacheBytes: number;
  /** Consecutive engine failures after which the translator reports itself broken. */
  maxRestarts: number;
  logger: Logger;
}

export const DEFAULT_TRANSLATOR_OPTIONS: TranslatorOptions = {
  modesDir: '/usr/share/apertium/modes',
  maxChars: 4000,
  timeoutMs: 15_000,
  msPerChar: 2,
  cacheBytes: 16 * 1024 * 1024,
  maxRestarts: 3,
  logger: silentLogger,
};

/** The two Apertium modes each direction chains, through Spanish. */
const PIVOTS: Record<TranslationDirection, readonly [string, string]> = {
  'fr-en': ['fr-es', 'spa-eng'],
  'en-fr': ['eng-spa', 'es-fr'],
};

/** Debian packages that provide the engine and both pairs. */
export const APERTIUM_PACKAGES = ['apertium', 'apertium-fr-es', 'apertium-eng-spa'] as const;
export const APERTIUM_INSTALL_HINT = `sudo apt-get install ${APERTIUM_PACKAGES.join(' ')}`;

export type Availability = { available: true; engine: string } | { available: false; reason: string; hint: string };

/** Whether Apertium can translate in `direction` here, and why not. Cheap (file checks + one spawn). */
export function apertiumAvailability(direction: TranslationDirection, options: Partial<TranslatorOptions> = {}): Availability {
  const { modesDir } = { ...DEFAULT_TRANSLATOR_OPTIONS, ...options };
  const missingModes = PIVOTS[direction].filter((m) => !existsSync(path.join(modesDir, `${m}.mode`)));
  const hint = `Install Apertium for offline ${direction} translation: ${APERTIUM_INSTALL_HINT}`;
  if (!hasCommand('apertium-wblank-mode')) return { available: false, reason: 'apertium is not installed', hint };
  if (missingModes.length > 0) return { available: false, reason: `missing Apertium pairs: ${missingModes.join(', ')}`, hint };
  return { available: true, engine: `apertium ${PIVOTS[direction].join('|')}` };
}

/** A translator for `direction`, or null (with the reason logged once) when Apertium is missing. */
export function openTranslator(direction: TranslationDirection, options: Partial<TranslatorOptions> = {}): Translator | null {
  const merged = { ...DEFAULT_TRANSLATOR_OPTIONS, ...options };
  const availability = apertiumAvailability(direction, merged);
  if (!availability.available) {
    merged.logger.info('translation unavailable', { direction, reason: availability.reason, hint: availability.hint });
    return null;
  }
  return new ApertiumTranslator(direction, merged, availability.engine);
}

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** The shell pipeline of one Apertium mode in null-flush mode, unknown words unmarked. */
function modePipeline(modesDir: string, mode: string): string {
  const r = spawnSync('apertium-wblank-mode', ['-z', path.join(modesDir, `${mode}.mode`)], { encoding: 'utf8' });
  if (r.status !== 0 || !r.stdout.trim()) throw new Error(`apertium-wblank-mode failed for ${mode}: ${r.stderr.trim()}`);
  // $1 is the generator's option (-n: do not mark unknown words), $2 the tagger's (none).
  return r.stdout.trim().replaceAll('$1', '-n').replaceAll('$2', '');
}

/** Characters the Apertium stream format reserves; escaped on the way in, unescaped on the way out. */
const RESERVED = /[\\/<>[\]^$@{}~]/g;

export function escapeStream(text: string): string {
  // NUL is the record separator; control characters other than tab/newline confuse the tagger.
  return text.replace(/[\u0000-\u0008\u000b-\u001f]/g, ' ').replace(RESERVED, (c) => `\\${c}`);
}

export function unescapeStream(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

/** Cut at the last sentence end (else word boundary) before `max` characters. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  const sentence = Math.max(head.lastIndexOf('. '), head.lastIndexOf('! '), head.lastIndexOf('? '));
  if (sentence > max / 2) return head.slice(0, sentence + 1);
  const space = head.lastIndexOf(' ');
  return space > max / 2 ? head.slice(0, space) : head;
}

interface Pending {
  text: string;
  resolve: (translation: string) => void;
  reject: (error: Error) => void;
  sentAt: number;
}

class ApertiumTranslator implements Translator {
  private child: ChildProcessWithoutNullStreams | null = null;
  private pipeline: string | null = null;
  private readonly queue: Pending[] = [];
  private buffer = '';
  private failures = 0;
  private watchdog: NodeJS.Timeout | null = null;
  private readonly cache: BoundedCache<string, string>;
  private readonly logger: Logger;

  constructor(
    readonly direction: TranslationDirection,
    private readonly options: TranslatorOptions,
    readonly engine: string,
  ) {
    this.logger = options.logger.child({ component: 'translator', direction });
    this.cache = new BoundedCache({
      capacity: Number.MAX_SAFE_INTEGER,
      policy: 'lru',
      maxBytes: options.cacheBytes,
      sizeOf: (k, v) => stringBytes(k) + stringBytes(v),
    });
  }

  async translate(texts: readonly string[], options: { signal?: AbortSignal } = {}): Promise<string[]> {
    options.signal?.throwIfAborted();
    const jobs = texts.map((text) => this.translateOne(text));
    if (!options.signal) return Promise.all(jobs);
    const signal = options.signal;
    // The pipeline cannot drop a text it has started; an abort only stops waiting for it.
    return new Promise<string[]>((resolve, reject) => {
      const onAbort = () => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      signal.addEventListener('abort', onAbort, { once: true });
      Promise.all(jobs)
        .then(resolve, reject)
        .finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  async warm(): Promise<void> {
    await this.translateOne('Bonjour.', false);
  }

  private translateOne(raw: string, useCache = true): Promise<string> {
    const text = clip(raw, this.options.maxChars);
    if (!text.trim()) return Promise.resolve(text);
    const cached = useCache ? this.cache.peek(text) : undefined;
    if (cached !== undefined) return Promise.resolve(cached);
    if (this.failures > this.options.maxRestarts) {
      return Promise.reject(new Error(`${this.engine} failed ${this.failures} times in a row; translation is off until restart`));
    }
    return new Promise<string>((resolve, reject) => {
      let child: ChildProcessWithoutNullStreams;
      try {
        child = this.ensureChild();
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      const job: Pending = {
        text,
        sentAt: performance.now(),
        resolve: (translation) => {
          if (useCache) this.cache.set(text, translation);
          resolve(translation);
        },
        reject,
      };
      this.queue.push(job);
      // One trailing space lets the tagger close the last sentence (its final stop is kept).
      child.stdin.write(escapeStream(text) + ' \0');
      this.armWatchdog();
    });
  }

  private ensureChild(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    if (!this.pipeline) {
      const [first, second] = PIVOTS[this.direction];
      this.pipeline = `${modePipeline(this.options.modesDir, first)} | ${modePipeline(this.options.modesDir, second)}`;
    }
    const child = spawn('bash', ['-c', this.pipeline], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C.UTF-8' } });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => this.onData(chunk));
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-2000);
    });
    // A write after the engine died must not become an unhandled 'error' event.
    child.stdin.on('error', (err) => this.fail(child, `stdin: ${err.message}`));
    child.on('error', (err) => this.fail(child, err.message));
    child.on('exit', (code, signal) => this.fail(child, `exited (code ${code}, signal ${signal}) ${stderr.trim()}`.trim()));
    this.child = child;
    this.logger.debug('translator started', { pipeline: this.engine });
    return child;
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\0')) >= 0) {
      const out = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 1);
      const job = this.queue.shift();
      if (!job) continue; // the extra NULs the pipeline flushes when its input closes
      this.failures = 0;
      job.resolve(unescapeStream(out).trim());
    }
    this.armWatchdog();
  }

  /** Restart the engine when the oldest waiting text takes far longer than it should. */
  private armWatchdog(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = null;
    const oldest = this.queue[0];
    if (!oldest || !this.child) return;
    const budget = this.options.timeoutMs + this.options.msPerChar * oldest.text.length;
    const left = Math.max(0, budget - (performance.now() - oldest.sentAt));
    const child = this.child;
    this.watchdog = setTimeout(() => this.fail(child, `no answer in ${Math.round(budget)} ms`), left);
    this.watchdog.unref();
  }

  /** The engine died or hung: fail what waits on it; the next call starts a fresh one. */
  private fail(child: ChildProcessWithoutNullStreams, why: string): void {
    if (this.child !== child) return;
    this.child = null;
    this.buffer = '';
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = null;
    child.kill('SIGKILL');
    const waiting = this.queue.splice(0);
    if (waiting.length === 0 && why.startsWith('exited (code 0')) return;
    this.failures++;
    this.logger.warn('translator failed', { why, waiting: waiting.length, failures: this.failures });
    for (const job of waiting) job.reject(new Error(`${this.engine}: ${why}`));
  }

  async close(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (this.watchdog) clearTimeout(this.watchdog);
    for (const job of this.queue.splice(0)) job.reject(new Error(`${this.engine}: closed`));
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.stdin.end();
      setTimeout(() => child.kill('SIGKILL'), 1000).unref();
    });
  }
}
