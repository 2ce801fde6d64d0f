/**
 * Format-independent cleaning of loaded text: drops whole lines of boilerplate (cookie banners,
 * navigation, separators, related-links blocks, page numbers, lines repeated over and over) and
 * stray whitespace. It never rewrites words inside a kept line: apostrophes, quotes, accents and
 * non-breaking spaces between words stay as they are, because citations quote this text verbatim.
 * Every removal is reported so the caller can log it and tests can check it.
 */
import type { PageSpan } from '../core/types.js';
import {
  CONSENT_BUTTONS,
  COOKIE_PATTERNS,
  NAV_LINES,
  NAV_SEPARATORS,
  PAGE_NUMBER_LINES,
  RELATED_HEADERS,
  SEPARATOR_LINE,
  SOCIAL_WORDS,
  normaliseLine,
} from './boilerplate.js';

export type RemovalReason =
  | 'cookie-banner'
  | 'consent-button'
  | 'navigation'
  | 'separator'
  | 'page-number'
  | 'related-links'
  | 'repeated';

export interface CleanOptions {
  navLines: readonly string[];
  socialWords: readonly string[];
  relatedHeaders: readonly string[];
  cookiePatterns: readonly RegExp[];
  consentButtons: readonly string[];
  separatorLine: RegExp;
  pageNumberLines: readonly RegExp[];
  /** Non-blank lines before/after a cookie line where button labels ("Accepter", "En savoir plus") go too. */
  consentWindow: number;
  /** A cookie banner is a notice, not an essay: longer lines are kept whatever they say. */
  maxCookieLineChars: number;
  /** A line seen this many times or more is furniture (captions, running headers): only the first stays. */
  repeatThreshold: number;
  /** Shorter lines are never treated as repeated (table cells such as "Oui" legitimately repeat). */
  minRepeatChars: number;
  /** After a related-content header, at most this many link lines are dropped. */
  relatedMaxLinks: number;
  /** A link title is a short line that does not end like a sentence. */
  linkMaxChars: number;
  /** Collapse runs of ASCII spaces / tabs inside a line (PDF and HTML extraction leave them). NBSP is kept. */
  collapseSpaces: boolean;
  /** Unicode NFC: decomposed accents (e + U+0301) become the precomposed letter, same wording, searchable. */
  nfc: boolean;
}

export const DEFAULT_CLEAN: CleanOptions = {
  navLines: NAV_LINES,
  socialWords: SOCIAL_WORDS,
  relatedHeaders: RELATED_HEADERS,
  cookiePatterns: COOKIE_PATTERNS,
  consentButtons: CONSENT_BUTTONS,
  separatorLine: SEPARATOR_LINE,
  pageNumberLines: PAGE_NUMBER_LINES,
  consentWindow: 3,
  maxCookieLineChars: 600,
  repeatThreshold: 3,
  minRepeatChars: 4,
  relatedMaxLinks: 12,
  linkMaxChars: 150,
  collapseSpaces: true,
  nfc: true,
};

export interface RemovedLine {
  /** 0-based line number in the input text. */
  line: number;
  text: string;
  reason: RemovalReason;
}

/** Where a kept input line landed: input [origStart, origEnd) → output [start, end). */
export interface LineSegment {
  origStart: number;
  origEnd: number;
  start: number;
  end: number;
}

export interface CleanResult {
  text: string;
  removed: RemovedLine[];
  segments: LineSegment[];
}

interface Line {
  text: string;
  norm: string;
  origStart: number;
  origEnd: number;
  removed: RemovalReason | null;
}

// Zero-width characters and soft hyphens are invisible: removing them changes no wording.
const INVISIBLE = /[\u200B\u200C\u200D\u2060\uFEFF\u00AD]/gu;
const LINE_BREAK = /\r\n|\r|\n|\u2028|\u2029|\f|\v/gu;
const SENTENCE_END = /[.!?…»"”)]$/u;

export function cleanText(input: string, options: Partial<CleanOptions> = {}): CleanResult {
  const opts: CleanOptions = { ...DEFAULT_CLEAN, ...options };
  const lines = splitLines(input, opts);

  markCookieBanners(lines, opts);
  markNavigation(lines, opts);
  markRelated(lines, opts);
  markRepeated(lines, opts);

  return assemble(lines);
}

/** Page spans over loaded text → page spans over cleaned text (pages left empty disappear). */
export function remapPages(pages: readonly PageSpan[], segments: readonly LineSegment[]): PageSpan[] {
  const out: PageSpan[] = [];
  for (const p of pages) {
    const inside = segments.filter((s) => s.origStart >= p.start && s.origStart < p.end);
    const first = inside[0];
    const last = inside[inside.length - 1];
    if (first && last) out.push({ page: p.page, start: first.start, end: last.end });
  }
  return out;
}

function splitLines(input: string, opts: CleanOptions): Line[] {
  const lines: Line[] = [];
  let pos = 0;
  const push = (end: number) => {
    let text = input.slice(pos, end).replace(INVISIBLE, '');
    if (opts.nfc) text = text.normalize('NFC');
    if (opts.collapseSpaces) text = text.replace(/[ \t]{2,}/gu, ' ').replace(/\t/gu, ' ');
    text = text.trim(); // trim() also takes NBSP / narrow NBSP off the line ends, never between words
    lines.push({ text, norm: normaliseLine(text), origStart: pos, origEnd: end, removed: null });
  };
  LINE_BREAK.lastIndex = 0;
  for (let m = LINE_BREAK.exec(input); m; m = LINE_BREAK.exec(input)) {
    push(m.index);
    pos = m.index + m[0].length;
  }
  push(input.length);
  return lines;
}

function markCookieBanners(lines: Line[], opts: CleanOptions): void {
  const buttons = new Set(opts.consentButtons);
  const isButtonLine = (l: Line) =>
    l.norm !== '' && (buttons.has(l.norm) || splitsInto(l.norm, (part) => buttons.has(part)));
  lines.forEach((line, i) => {
    if (line.text === '' || line.text.length > opts.maxCookieLineChars) return;
    if (!opts.cookiePatterns.some((re) => re.test(line.text))) return;
    line.removed = 'cookie-banner';
    for (const dir of [1, -1]) {
      let seen = 0;
      for (let j = i + dir; j >= 0 && j < lines.length && seen < opts.consentWindow; j += dir) {
        const other = lines[j]!;
        if (other.text === '') continue;
        seen++;
        if (other.removed) continue;
        if (isButtonLine(other)) other.removed = 'consent-button';
        else if (opts.cookiePatterns.some((re) => re.test(other.text))) continue;
        else break;
      }
    }
  });
}

function markNavigation(lines: Line[], opts: CleanOptions): void {
  const nav = new Set(opts.navLines);
  const social = new Set(opts.socialWords);
  const navOrSocial = (w: string) => nav.has(w) || social.has(w);
  for (const line of lines) {
    if (line.removed || line.text === '') continue;
    if (opts.separatorLine.test(line.text)) line.removed = 'separator';
    else if (opts.pageNumberLines.some((re) => re.test(line.text))) line.removed = 'page-number';
    else if (nav.has(line.norm) || splitsInto(line.norm, navOrSocial)) line.removed = 'navigation';
    else {
      const words = line.norm.split(' ');
      if (words.length >= 2 && words.every((w) => social.has(w))) line.removed = 'navigation';
    }
  }
}

function markRelated(lines: Line[], opts: CleanOptions): void {
  const headers = new Set(opts.relatedHeaders);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.removed || !headers.has(line.norm)) continue;
    line.removed = 'related-links';
    let links = 0;
    for (let j = i + 1; j < lines.length && links < opts.relatedMaxLinks; j++) {
      const next = lines[j]!;
      if (next.text === '' || next.removed) continue;
      if (next.text.length > opts.linkMaxChars || SENTENCE_END.test(next.text)) break;
      next.removed = 'related-links';
      links++;
    }
  }
}

function markRepeated(lines: Line[], opts: CleanOptions): void {
  const counts = new Map<string, number>();
  for (const l of lines) {
    if (!l.removed && l.norm.length >= opts.minRepeatChars) counts.set(l.norm, (counts.get(l.norm) ?? 0) + 1);
  }
  const seen = new Set<string>();
  for (const l of lines) {
    if (l.removed || (counts.get(l.norm) ?? 0) < opts.repeatThreshold) continue;
    if (seen.has(l.norm)) l.removed = 'repeated';
    else seen.add(l.norm);
  }
}

/** Kept lines joined by "\n", one blank line where the input had any, none at either end. */
function assemble(lines: Line[]): CleanResult {
  const removed: RemovedLine[] = [];
  const segments: LineSegment[] = [];
  let text = '';
  let pendingBlank = false;
  lines.forEach((l, i) => {
    if (l.removed) {
      removed.push({ line: i, text: l.text, reason: l.removed });
      return;
    }
    if (l.text === '') {
      pendingBlank = segments.length > 0;
      return;
    }
    if (segments.length > 0) text += pendingBlank ? '\n\n' : '\n';
    pendingBlank = false;
    const start = text.length;
    text += l.text;
    segments.push({ origStart: l.origStart, origEnd: l.origEnd, start, end: text.length });
  });
  return { text, removed, segments };
}

/** "all news | print" → every part passes `ok` (and there are at least two parts). */
function splitsInto(norm: string, ok: (part: string) => boolean): boolean {
  const parts = norm.split(NAV_SEPARATORS).map((p) => normaliseLine(p)).filter((p) => p !== '');
  return parts.length >= 2 && parts.every(ok);
}
