/**
 * The English side of a French corpus: every passage translated fr→en (Apertium, through
 * text/translate.ts) and indexed by an English BM25, so an English question is also matched
 * word for word against an English rendering of each passage. The lexicon carries the question
 * to French word by word; the translation carries the passage to English with its grammar
 * (irregular verbs, pronouns, idioms, sense in context): the two make different mistakes, and
 * the reranker reads this side's score as one more feature (rerank.ts translationWeight).
 *
 * Cost: translation runs at refresh, ~40 passages/s on one core. Translations are cached on disk
 * by passage-text hash (passage-translations.ts), so restarts and re-ingests translate only new
 * text. At the first refresh up to `blockingPassages` missing translations are made before it
 * returns (a fresh corpus is fully served on the first query); the rest, and everything later
 * refreshes add (uploads, corpus changes), continue in the background and each batch joins the
 * index as it lands. Above `maxPassages` the side stays off (a 100k-passage corpus
 * would keep a core busy for most of an hour): raise it deliberately. Without Apertium the side is
 * simply absent and search is what it was before.
 */
import type { Logger } from '../../core/logger.js';
import type { Passage } from '../../core/types.js';
import type { Translator } from '../../text/index.js';
import { EnglishBm25, type EnglishHit } from './english-bm25.js';
import { PassageTranslations } from './passage-translations.js';

export interface EnglishSideOptions {
  /** Missing translations made before refresh() returns; the rest in the background. */
  blockingPassages: number;
  /** Corpora with more passages than this get no English side. */
  maxPassages: number;
  /** Passages sent to the engine per call. */
  batch: number;
}

/** Consecutive failed batches after which translation stops until the next refresh. */
const MAX_BATCH_FAILURES = 3;

export const DEFAULT_ENGLISH_SIDE: EnglishSideOptions = { blockingPassages: 5000, maxPassages: 20_000, batch: 32 };

export class EnglishSide {
  private readonly index = new EnglishBm25();
  private readonly cache: PassageTranslations;
  private readonly opts: EnglishSideOptions;
  /** id → text of the passages the index should hold. */
  private wanted = new Map<string, string>();
  private background: Promise<void> | null = null;
  private disabled = false;
  /** translate() runs in progress (the blocking one and the background one may overlap). */
  private active = 0;
  private synced = false;

  constructor(
    private readonly translator: Translator,
    cacheFile: string | null,
    private readonly logger: Logger,
    options: Partial<EnglishSideOptions> = {},
  ) {
    this.opts = { ...DEFAULT_ENGLISH_SIDE, ...options };
    this.cache = new PassageTranslations(cacheFile);
  }

  /** Passages indexed on the English side (translated and current). */
  get size(): number {
    return this.disabled ? 0 : this.index.size;
  }

  /** Brings the index in line with `passages`; translates what the cache lacks (see the class note). */
  async sync(passages: readonly Passage[]): Promise<void> {
    if (passages.length > this.opts.maxPassages) {
      if (!this.disabled) this.logger.info('English side off: corpus above translation.maxPassages', { passages: passages.length, max: this.opts.maxPassages });
      this.disabled = true;
      return;
    }
    this.disabled = false;
    this.wanted = new Map(passages.map((p) => [p.id, p.text]));
    for (const id of [...this.index.ids()]) if (!this.wanted.has(id)) this.index.remove(id);
    this.indexCached();
    const missing = [...this.wanted.values()].filter((t) => this.cache.get(t) === undefined);
    if (missing.length === 0) return;
    // Only the first sync waits (a fresh server answers from the first query with the corpus
    // translated); later ones (uploads, corpus changes) never hold their caller for the engine.
    const blocking = this.synced ? 0 : this.opts.blockingPassages;
    this.synced = true;
    const now = missing.slice(0, blocking);
    const later = missing.slice(blocking);
    const started = performance.now();
    try {
      if (now.length > 0) await this.translate(now);
      this.logger.info('passages translated for the English side', { passages: now.length, ms: Math.round(performance.now() - started), background: later.length });
    } catch (err) {
      // The English side is an addition: search goes on with what is translated (the next refresh retries the rest).
      this.logger.warn('passage translation failed; the English side covers the passages translated so far', {
        error: err instanceof Error ? err.message : String(err),
        indexed: this.index.size,
        passages: this.wanted.size,
      });
      return;
    }
    if (later.length > 0 && !this.background) {
      this.background = this.translate(later)
        .catch((err: unknown) => this.logger.warn('background passage translation stopped', { error: err instanceof Error ? err.message : String(err) }))
        .finally(() => {
          this.background = null;
        });
    }
  }

  search(question: string, k: number): EnglishHit[] {
    return this.disabled ? [] : this.index.search(question, k);
  }

  /** Waits for background translation (tests, benchmarks). */
  async settled(): Promise<void> {
    await this.background;
  }

  private async translate(texts: string[]): Promise<void> {
    this.active++;
    try {
      let failures = 0;
      for (let i = 0; i < texts.length; ) {
        try {
          await this.cache.fill(texts.slice(i, i + this.opts.batch), this.translator, this.opts.batch);
        } catch (err) {
          // A busy machine can outlast the engine's watchdog (it restarts itself): retry the batch.
          if (++failures >= MAX_BATCH_FAILURES) throw err;
          continue;
        }
        failures = 0;
        i += this.opts.batch;
        this.indexCached();
      }
    } finally {
      // The engine is only needed while passages arrive: a live process would keep CLIs running.
      if (--this.active === 0) await this.translator.close();
    }
  }

  /** Adds every wanted passage whose translation is cached and not indexed yet. */
  private indexCached(): void {
    for (const [id, text] of this.wanted) {
      if (this.index.has(id)) continue;
      const english = this.cache.get(text);
      if (english !== undefined) this.index.add(id, english);
    }
  }
}
