/**
 * French analysis for documents and French queries: tokens → elisions → stop words → stem → fold.
 * Stemming runs on the accented lowercase word and the stem is folded afterwards, because the
 * French Snowball rules read accents ("sécurité" → sécur, but "securite" → securit).
 */
import { foldAccents } from './normalize.js';
import { stemFrench } from './stem.js';
import { FRENCH_STOPWORDS } from './stopwords.js';
import { DEFAULT_TOKENIZE, tokenize } from './tokenize.js';
import type { TokenKind } from './tokenize.js';

export interface AnalyzedToken {
  /** The index term: folded stem (numbers keep their canonical form). */
  term: string;
  /** Folded surface word (char n-grams, cognate matching, highlighting). */
  folded: string;
  start: number;
  end: number;
  kind: TokenKind;
  /** Whole hyphenated word; its parts follow as their own tokens. */
  compound: boolean;
  /** Punctuation lies between this token and the previous kept one: no bigram across it. */
  breakBefore: boolean;
}

export interface AnalyzeOptions {
  stopwords: boolean;
  stem: boolean;
  /** Words shorter than this (in characters) are dropped; numbers are always kept. */
  minWordLength: number;
}

export const DEFAULT_ANALYZE: AnalyzeOptions = { stopwords: true, stem: true, minWordLength: 2 };

/** Changes whenever analysis output changes for the same input: part of every index fingerprint. */
export const ANALYZER_VERSION = 2;

const FOLD_CACHE_LIMIT = 100_000;
let foldCache = new Map<string, string>();

function cachedFold(lower: string): string {
  let folded = foldCache.get(lower);
  if (folded === undefined) {
    folded = foldAccents(lower);
    if (foldCache.size >= FOLD_CACHE_LIMIT) foldCache = new Map();
    foldCache.set(lower, folded);
  }
  return folded;
}

/** Sentence and clause punctuation (and line breaks: titles and captions are separate lines). */
const BREAK = /[.!?;:()[\]«»"“”…\n\r|•–—]/;

export function analyzeFrenchTokens(text: string, options: Partial<AnalyzeOptions> = {}): AnalyzedToken[] {
  const opts: AnalyzeOptions = { ...DEFAULT_ANALYZE, ...options };
  const out: AnalyzedToken[] = [];
  let prevEnd = -1;
  for (const token of tokenize(text, DEFAULT_TOKENIZE)) {
    const folded = cachedFold(token.norm);
    if (token.kind !== 'number') {
      if (folded.length < opts.minWordLength) continue;
      if (opts.stopwords && FRENCH_STOPWORDS.has(folded)) continue;
    }
    const breakBefore = prevEnd < 0 || (token.start > prevEnd && BREAK.test(text.slice(prevEnd, token.start)));
    const term = token.kind === 'number' || !opts.stem ? folded : cachedFold(stemFrench(token.norm));
    out.push({ term, folded, start: token.start, end: token.end, kind: token.kind, compound: token.compound, breakBefore });
    // A compound shares its span with its first part: only parts move the bigram cursor.
    if (!token.compound) prevEnd = token.end;
  }
  return dropHollowCompounds(out);
}

/** A compound whose parts are all stop words ("a-t-il") is not a term either. */
function dropHollowCompounds(tokens: AnalyzedToken[]): AnalyzedToken[] {
  if (!tokens.some((t) => t.compound)) return tokens;
  return tokens.filter((t, i) => {
    if (!t.compound) return true;
    let parts = 0;
    for (let j = i + 1; j < tokens.length && (tokens[j]?.start ?? Infinity) < t.end; j++) parts++;
    return parts >= 1;
  });
}

/** Index terms of a French text, in order; hyphenated words appear as their parts (and whole when asked). */
export function analyzeFrench(text: string, options: Partial<AnalyzeOptions> & { compounds?: boolean } = {}): string[] {
  const terms: string[] = [];
  for (const t of analyzeFrenchTokens(text, options)) {
    if (!t.compound || options.compounds === true) terms.push(t.term);
  }
  return terms;
}
