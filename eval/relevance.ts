/**
 * Relevance judgement: is a retrieved passage evidence for a gold span?
 *
 * Gold spans are quoted from the raw files while passages are slices of the *cleaned* documents,
 * so typography may differ (’ vs ', « » vs ", NBSP vs space, case); both sides are normalised
 * before comparing. Chunking may also cut a span in two, so a passage holding a large contiguous
 * part of the span counts too — otherwise the metric would punish chunk boundaries, not retrieval.
 */
import type { GoldSpan } from './questions.js';

export interface RelevanceOptions {
  /** Share of the normalised span a passage must hold contiguously to count (0 < x ≤ 1). */
  minFraction: number;
  /**
   * Floor, in normalised characters, for the partial rule. Half of a short span such as
   * "depuis 1949" is a few characters that many passages of the same document contain;
   * spans shorter than this floor must therefore appear whole.
   */
  minPartialChars: number;
}

export const DEFAULT_RELEVANCE: RelevanceOptions = { minFraction: 0.5, minPartialChars: 24 };

/** The fields of a passage relevance looks at (a `Passage` or an HTTP search result). */
export interface JudgedText {
  source: string;
  text: string;
}

const APOSTROPHES = /[’‘ʼ`´ʹ′]/g;
// Quotes are dropped rather than unified: « x » (spaced) and "x" (unspaced) then compare equal.
const QUOTES = /["«»“”„‟‹›]/g;
const DASHES = /[‐‑‒–—―−]/g;
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

/** Normalise for matching: NFKC, one apostrophe, no quotes, one dash, single spaces, lower case. */
export function normalizeForMatch(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(APOSTROPHES, "'")
    .replace(QUOTES, ' ')
    .replace(DASHES, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Same document? Sources are corpus-relative file names; tolerate "./", backslashes and a parent folder prefix. */
export function sameSource(passageSource: string, goldSource: string): boolean {
  const a = cleanPath(passageSource);
  const b = cleanPath(goldSource);
  return a === b || a.endsWith('/' + b) || b.endsWith('/' + a);
}

/** Characters of the normalised span a passage must hold contiguously, given the options. */
export function requiredChars(spanLength: number, options: RelevanceOptions = DEFAULT_RELEVANCE): number {
  if (spanLength <= options.minPartialChars) return spanLength;
  return Math.max(Math.ceil(spanLength * options.minFraction), options.minPartialChars);
}

/** True when the passage comes from the gold source and holds the span (whole, or a large enough contiguous part). */
export function isRelevant(passage: JudgedText, gold: GoldSpan, options: RelevanceOptions = DEFAULT_RELEVANCE): boolean {
  if (!sameSource(passage.source, gold.source)) return false;
  return holdsSpan(normalizeForMatch(passage.text), normalizeForMatch(gold.text), options);
}

/** Indices (into `gold`) of the spans this passage is evidence for; empty when it is not relevant. */
export function matchedGold(passage: JudgedText, gold: readonly GoldSpan[], options: RelevanceOptions = DEFAULT_RELEVANCE): number[] {
  const out: number[] = [];
  let text: string | null = null;
  gold.forEach((g, i) => {
    if (!sameSource(passage.source, g.source)) return;
    text ??= normalizeForMatch(passage.text);
    if (holdsSpan(text, normalizeForMatch(g.text), options)) out.push(i);
  });
  return out;
}

/** Both arguments already normalised. Any window of the required length (start, middle or end) counts. */
export function holdsSpan(passage: string, span: string, options: RelevanceOptions = DEFAULT_RELEVANCE): boolean {
  if (span.length === 0) return false;
  if (passage.includes(span)) return true;
  const need = requiredChars(span.length, options);
  if (need >= span.length) return false;
  // A common substring of length ≥ need exists iff one of exactly length `need` does.
  for (let start = 0; start + need <= span.length; start++) {
    if (passage.includes(span.slice(start, start + need))) return true;
  }
  return false;
}

function cleanPath(p: string): string {
  return p.replace(/\\/g, '/').replace(/^(\.\/)+/, '').trim();
}
