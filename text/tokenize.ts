/**
 * Word tokenizer with offsets into the original text, for French and English. Numbers are kept whole
 * ("43 000" → 43000, "4,5" → 4.5, "25ème" → 25), French elisions are removed ("l'ONU" → ONU), and a
 * hyphenated word is emitted whole (flagged `compound`) and then part by part, so callers can pick
 * either view without re-tokenising.
 */
import { lowerText } from './normalize.js';

export type TokenKind = 'word' | 'number' | 'acronym';

export interface Token {
  /** Exactly text.slice(start, end) (after elision removal). */
  raw: string;
  /** NFKC, lowercase, one apostrophe and hyphen, accents kept; numbers in canonical form. */
  norm: string;
  start: number;
  end: number;
  kind: TokenKind;
  /** The whole of a hyphenated word; its parts follow as separate tokens. */
  compound: boolean;
}

export interface TokenizeOptions {
  /** Strip French elided articles/pronouns/conjunctions (l' d' qu' jusqu' …). */
  elisions: boolean;
  /** Strip the English possessive 's ("Stock's" → Stock). */
  possessives: boolean;
  /** Emit the whole hyphenated word (compound: true) before its parts. */
  compounds: boolean;
}

export const DEFAULT_TOKENIZE: TokenizeOptions = { elisions: true, possessives: true, compounds: true };

/**
 * Elided forms, lowercase without the apostrophe. "aujourd'hui", "presqu'île" or "quelqu'un" are
 * words, not elisions ("quelqu'un" read as quelqu' + un would leave only a stop word).
 */
export const FRENCH_ELISIONS: ReadonlySet<string> = new Set([
  'l', 'd', 'j', 'm', 'n', 's', 't', 'c', 'qu', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu',
]);

const W = '[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N}]*';
const APOS = "['\\u2019\\u2018\\u02bc\\u00b4]";
const HYPH = '[-\\u2010\\u2011]';
const GROUP_SPACE = '[ \\u00a0\\u202f\\u2009]';
const NOT_BEFORE = '(?<![\\p{L}\\p{N}.,])';
const NOT_AFTER = '(?![\\p{L}\\p{N}]|[.,]\\d)';

/**
 * One pass, alternatives tried left to right at each position: digit groups first so "43 000" is
 * not read as two numbers, then dotted acronyms ("U.N."), then words joined by apostrophes/hyphens.
 */
const TOKEN_RE = new RegExp(
  [
    `(?<spaced>${NOT_BEFORE}\\d{1,3}(?:${GROUP_SPACE}\\d{3})+(?:,\\d+)?${NOT_AFTER})`,
    `(?<commas>${NOT_BEFORE}\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?${NOT_AFTER})`,
    `(?<dots>${NOT_BEFORE}\\d{1,3}(?:\\.\\d{3}){2,}(?:,\\d+)?${NOT_AFTER})`,
    `(?<decimal>${NOT_BEFORE}\\d+[.,]\\d+${NOT_AFTER})`,
    `(?<dotted>(?<![\\p{L}\\p{N}])(?:\\p{Lu}\\.){2,}(?!\\p{L}))`,
    `(?<word>${W}(?:(?:${APOS}|${HYPH})${W})*)`,
  ].join('|'),
  'gu',
);

const ORDINAL = /^(\d+)(?:e|er|re|ère|ème|eme|ere|è|es|ers|res|èmes|emes|nd|st|rd|th)$/u;
const APOS_SPLIT = /['\u2019\u2018\u02bc\u00b4]/u;
const HYPH_SPLIT = /[-\u2010\u2011]/u;

export function tokenize(text: string, options: Partial<TokenizeOptions> = {}): Token[] {
  const opts: TokenizeOptions = options === DEFAULT_TOKENIZE ? DEFAULT_TOKENIZE : { ...DEFAULT_TOKENIZE, ...options };
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const groups = m.groups ?? {};
    const start = m.index;
    const raw = m[0];
    if (groups.word === undefined) {
      out.push(numberOrAcronym(raw, start, groups));
      continue;
    }
    pushWord(out, raw, start, opts);
  }
  return out;
}

function numberOrAcronym(raw: string, start: number, groups: Record<string, string | undefined>): Token {
  const end = start + raw.length;
  if (groups.dotted !== undefined) {
    return { raw, norm: raw.replace(/\./g, '').toLowerCase(), start, end, kind: 'acronym', compound: false };
  }
  let norm: string;
  if (groups.spaced !== undefined) norm = raw.replace(/[ \u00a0\u202f\u2009]/g, '').replace(',', '.');
  else if (groups.commas !== undefined) norm = raw.replace(/,/g, '');
  else if (groups.dots !== undefined) norm = raw.replace(/\./g, '').replace(',', '.');
  else norm = raw.replace(',', '.');
  return { raw, norm, start, end, kind: 'number', compound: false };
}

function pushWord(out: Token[], rawIn: string, startIn: number, opts: TokenizeOptions): void {
  let raw = rawIn;
  let start = startIn;
  if (opts.elisions) {
    // Elisions can stack only in theory ("qu'aujourd'hui" keeps aujourd'hui): strip once.
    const cut = raw.search(APOS_SPLIT);
    if (cut > 0 && FRENCH_ELISIONS.has(raw.slice(0, cut).toLowerCase())) {
      raw = raw.slice(cut + 1);
      start += cut + 1;
    }
  }
  if (opts.possessives && raw.length > 2 && /['\u2019\u2018\u02bc][sS]$/u.test(raw)) raw = raw.slice(0, -2);
  if (raw.length === 0) return;

  if (!HYPH_SPLIT.test(raw)) {
    out.push(makeWord(raw, start));
    return;
  }
  if (opts.compounds) out.push({ ...makeWord(raw, start), compound: true });
  let offset = 0;
  for (const part of raw.split(HYPH_SPLIT)) {
    if (part.length > 0) out.push(makeWord(part, start + offset));
    offset += part.length + 1;
  }
}

/** Words repeat: normalising each distinct spelling once saves most of the tokenizer's time. */
const LOWER_CACHE_LIMIT = 100_000;
let lowerCache = new Map<string, string>();

function cachedLower(raw: string): string {
  let lower = lowerCache.get(raw);
  if (lower === undefined) {
    lower = lowerText(raw);
    if (lowerCache.size >= LOWER_CACHE_LIMIT) lowerCache = new Map();
    lowerCache.set(raw, lower);
  }
  return lower;
}

function countUpper(raw: string): number {
  let n = 0;
  for (const c of raw) if (c !== c.toLowerCase()) n++;
  return n;
}

function makeWord(raw: string, start: number): Token {
  const lower = cachedLower(raw);
  const end = start + raw.length;
  const ordinal = ORDINAL.exec(lower);
  if (ordinal) return { raw, norm: ordinal[1] ?? lower, start, end, kind: 'number', compound: false };
  if (/^\d+$/.test(lower)) return { raw, norm: lower, start, end, kind: 'number', compound: false };
  const kind: TokenKind = raw !== lower && raw === raw.toUpperCase() && countUpper(raw) >= 2 ? 'acronym' : 'word';
  return { raw, norm: lower, start, end, kind, compound: false };
}
