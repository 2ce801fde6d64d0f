/**
 * Loads the committed English → French lexicon (FreeDict + Apertium pivot, built by
 * scripts/lexicon/build.ts) and the hand-written domain glossary. Synchronous and cached per
 * process: the embedder needs it on every query and it loads in tens of milliseconds.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../core/errors.js';
import { silentLogger, type Logger } from '../../core/logger.js';
import {
  FORMAT_HEADER,
  LEMMAS_FILE,
  LEXICON_FILE,
  VERSION_FILE,
  SOURCE_LETTERS,
  type LexiconSource,
} from './format.js';
import { parseGlossary } from './glossary.js';
import { regularLemmas } from './inflection.js';
import { keyWords, normalizeKey, spacedVariant } from './normalize.js';
import type { Lexicon } from './types.js';

export type { LexiconSource } from './format.js';

export interface LexiconOptions {
  /** Folder holding lexicon.tsv, lemmas.tsv and VERSION. */
  dataDir: string;
  /** The domain glossary (TSV); null to use the dictionaries alone. */
  glossaryPath: string | null;
  /** Dictionary sources to use; a translation is kept when any of its sources is listed. */
  sources: readonly LexiconSource[];
  /**
   * Dictionary translations kept per key, best first (the data holds up to 8). Glossary
   * translations always all come first, on top of these.
   */
  maxTranslations: number;
  logger: Logger;
}

export const ALL_LEXICON_SOURCES: readonly LexiconSource[] = ['freedict-eng-fra', 'freedict-fra-eng', 'apertium'];

export const DEFAULT_LEXICON_OPTIONS: LexiconOptions = {
  dataDir: fileURLToPath(new URL('./data/', import.meta.url)),
  glossaryPath: fileURLToPath(new URL('./glossary.tsv', import.meta.url)),
  sources: ALL_LEXICON_SOURCES,
  maxTranslations: 8,
  logger: silentLogger,
};

const REBUILD_HINT = 'restore text/lexicon/data from git, or rebuild it with `npx tsx scripts/lexicon/build.ts`';

function readRequired(path: string): string {
  if (!existsSync(path)) {
    throw new AppError('INTERNAL', `Lexicon data file missing: ${path}; ${REBUILD_HINT}.`, { details: { path } });
  }
  return readFileSync(path, 'utf8');
}

/** Lines of a data file, after checking its format header. */
function dataLines(path: string): string[] {
  const lines = readRequired(path).split('\n');
  if (lines[0]?.trim() !== FORMAT_HEADER) {
    throw new AppError('INTERNAL', `Lexicon data file ${path} has header "${lines[0] ?? ''}", expected "${FORMAT_HEADER}"; ${REBUILD_HINT}.`, {
      details: { path },
    });
  }
  return lines.slice(1).filter((l) => l.length > 0 && !l.startsWith('#'));
}

class LoadedLexicon implements Lexicon {
  readonly maxPhraseWords: number;
  readonly size: number;
  readonly version: string;

  constructor(
    private readonly entries: ReadonlyMap<string, readonly string[]>,
    private readonly lemmaTable: ReadonlyMap<string, readonly string[]>,
    version: string,
  ) {
    let longest = 1;
    for (const key of entries.keys()) {
      if (key.includes(' ') || key.includes('-')) longest = Math.max(longest, keyWords(key).length);
    }
    this.maxPhraseWords = longest;
    this.size = entries.size;
    this.version = version;
  }

  lookup(en: string): readonly string[] | undefined {
    const key = normalizeKey(en);
    return this.entries.get(key);
  }

  lemmas(en: string): readonly string[] {
    const word = normalizeKey(en);
    return this.lemmaTable.get(word) ?? regularLemmas(word, (base) => this.entries.has(base));
  }
}

function loadUncached(opts: LexiconOptions): Lexicon {
  const started = performance.now();
  const sources = new Set(opts.sources);
  const allSources = ALL_LEXICON_SOURCES.every((s) => sources.has(s));
  const allowedLetters = new Set(opts.sources.map((s) => SOURCE_LETTERS[s]));
  const allowed = (letters: string | undefined): boolean => {
    if (letters === undefined) return false;
    for (const ch of letters) if (allowedLetters.has(ch)) return true;
    return false;
  };
  const dictionary = new Map<string, string[]>();
  for (const line of dataLines(join(opts.dataDir, LEXICON_FILE))) {
    const tab1 = line.indexOf('\t');
    const tab2 = line.indexOf('\t', tab1 + 1);
    if (tab1 <= 0 || tab2 < 0) continue;
    const en = line.slice(0, tab1);
    const french = line.slice(tab1 + 1, tab2).split('|');
    // The common case (every source) skips decoding the provenance column altogether.
    if (allSources) {
      dictionary.set(en, french.length > opts.maxTranslations ? french.slice(0, opts.maxTranslations) : french);
      continue;
    }
    const sourceSets = line.slice(tab2 + 1).split('|');
    const kept: string[] = [];
    for (let i = 0; i < french.length && kept.length < opts.maxTranslations; i++) {
      if (allowed(sourceSets[i])) kept.push(french[i]!);
    }
    if (kept.length > 0) dictionary.set(en, kept);
  }

  const entries = new Map<string, readonly string[]>();
  let glossaryText = '';
  if (opts.glossaryPath !== null) {
    glossaryText = readRequired(opts.glossaryPath);
    const glossary = new Map<string, string[]>();
    for (const entry of parseGlossary(glossaryText, opts.glossaryPath)) {
      for (const en of entry.english) {
        const list = glossary.get(en) ?? [];
        for (const fr of entry.french) if (!list.includes(fr)) list.push(fr);
        glossary.set(en, list);
      }
    }
    // Glossary translations first, then the dictionary's, without duplicates.
    for (const [en, french] of glossary) {
      const merged = [...french];
      for (const fr of dictionary.get(en) ?? []) if (!merged.includes(fr)) merged.push(fr);
      entries.set(en, Object.freeze(merged));
    }
  }
  for (const [en, french] of dictionary) if (!entries.has(en)) entries.set(en, Object.freeze(french));
  // Tokenizers split hyphens: "counter-terrorism" must also be found as the words "counter terrorism".
  for (const [en, french] of [...entries]) {
    const spaced = spacedVariant(en);
    if (spaced !== undefined && !entries.has(spaced)) entries.set(spaced, french);
  }

  const lemmaTable = new Map<string, readonly string[]>();
  for (const line of dataLines(join(opts.dataDir, LEMMAS_FILE))) {
    const tab = line.indexOf('\t');
    if (tab <= 0) continue;
    const lemmas = line.slice(tab + 1);
    lemmaTable.set(line.slice(0, tab), Object.freeze(lemmas.length > 0 ? lemmas.split('|') : []));
  }

  const dataVersion = readRequired(join(opts.dataDir, VERSION_FILE)).trim();
  const optionsHash = createHash('sha256')
    .update(JSON.stringify({ glossaryText, sources: [...sources].sort(), max: opts.maxTranslations }))
    .digest('hex')
    .slice(0, 10);
  const lexicon = new LoadedLexicon(entries, lemmaTable, `${dataVersion}+${optionsHash}`);
  opts.logger.debug('lexicon loaded', {
    keys: lexicon.size,
    lemmaForms: lemmaTable.size,
    maxPhraseWords: lexicon.maxPhraseWords,
    version: lexicon.version,
    ms: Math.round(performance.now() - started),
  });
  return lexicon;
}

const cache = new Map<string, Lexicon>();

/**
 * The lexicon for these options, loaded once per process (same options → same object).
 * Throws AppError INTERNAL when the committed data is missing or of another format.
 */
export function loadLexicon(options: Partial<LexiconOptions> = {}): Lexicon {
  const opts: LexiconOptions = { ...DEFAULT_LEXICON_OPTIONS, ...options };
  if (!Number.isInteger(opts.maxTranslations) || opts.maxTranslations < 1) {
    throw new AppError('INVALID_PARAMETER', `maxTranslations must be a positive integer, got ${opts.maxTranslations}.`);
  }
  const key = JSON.stringify([opts.dataDir, opts.glossaryPath, [...opts.sources].sort(), opts.maxTranslations]);
  let lexicon = cache.get(key);
  if (!lexicon) {
    lexicon = loadUncached(opts);
    cache.set(key, lexicon);
  }
  return lexicon;
}

/**
 * Translations of one English word, falling back on its base forms: the word's own translations
 * first, then each lemma's, without duplicates ("met" → those of "meet"). Works on any Lexicon.
 */
export function translateWord(lexicon: Lexicon, en: string): readonly string[] | undefined {
  const own = lexicon.lookup(en);
  const lemmas = lexicon.lemmas(en);
  if (lemmas.length === 0) return own;
  const merged = own ? [...own] : [];
  for (const lemma of lemmas) {
    for (const fr of lexicon.lookup(lemma) ?? []) if (!merged.includes(fr)) merged.push(fr);
  }
  return merged.length > 0 ? merged : undefined;
}
