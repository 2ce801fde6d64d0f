/**
 * Character-level normalisation shared by every analyser (embedder, BM25, language detection), so
 * a word is spelt the same way on the document side and on the query side.
 */

/** Apostrophe look-alikes that French text and keyboards mix freely (’ ‘ ʼ ˈ ´ ` ′). */
export const APOSTROPHE_CHARS = "'\u2019\u2018\u02bc\u02c8\u00b4`\u2032";
/** Hyphen look-alikes that join words (not en/em dashes, which separate clauses). */
export const HYPHEN_CHARS = '-\u2010\u2011\u2012\u2043';

const APOSTROPHES = /[\u2019\u2018\u02bc\u02c8\u00b4`\u2032]/g;
const HYPHENS = /[\u2010\u2011\u2012\u2043]/g;
/** Invisible characters that split words in copy-pasted text: soft hyphen, zero-width joiners, BOM. */
const INVISIBLE = /[\u00ad\u200b\u200c\u200d\u2060\ufeff]/g;
const MARKS = /\p{M}+/gu;

/**
 * Letters NFD does not decompose into base + mark. German ü/ö/ä fold to u/o/a like any other accent
 * (French keeps them on loanwords and names); ligatures expand so "œuvre" matches "oeuvre".
 */
const SPECIAL_FOLDS: Record<string, string> = {
  œ: 'oe',
  æ: 'ae',
  ß: 'ss',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  ı: 'i',
  þ: 'th',
};
const SPECIAL = /[œæßøđðłıþ]/g;

/**
 * NFKC (ligatures, full-width forms, non-breaking spaces become plain), one apostrophe and one
 * hyphen, invisible characters removed. Case and accents are kept. May change the length, so
 * callers that need offsets normalise token by token.
 */
export function normalizeText(text: string): string {
  // Apostrophes first: NFKC turns the acute accent ´ into a space plus a combining mark.
  return text.replace(APOSTROPHES, "'").normalize('NFKC').replace(INVISIBLE, '').replace(HYPHENS, '-');
}

/** Accent folding of already-lowercase text: é→e, ç→c, œ→oe, æ→ae, ß→ss. */
export function foldAccents(lower: string): string {
  // Fast path: most French words are pure ASCII once lowercased.
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(lower)) return lower;
  return lower
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(SPECIAL, (c) => SPECIAL_FOLDS[c] ?? c)
    .normalize('NFC');
}

// eslint-disable-next-line no-control-regex
const PLAIN_ASCII = /^[\x00-\x5f\x61-\x7f]*$/;

/** Normalised and lowercased, accents kept: the form stemmers and lexicon keys expect. */
export function lowerText(text: string): string {
  // ASCII without a backtick is already NFKC with plain apostrophes and hyphens.
  if (PLAIN_ASCII.test(text)) return text.toLowerCase();
  return normalizeText(text).toLowerCase();
}

/** Normalised, lowercased and accent-folded: the form used to compare words across spellings. */
export function foldText(text: string): string {
  return foldAccents(lowerText(text));
}
