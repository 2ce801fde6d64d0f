/**
 * Title and publication date of a cleaned document. A title or date the format states itself
 * (HTML <h1>/<time>, Markdown "# ", DOCX heading, PDF info) wins; otherwise both are read from the
 * document's head: the first few lines, where news pages put headline, dateline and lead. Dates
 * further down ("en 2018", "les 8 et 9 décembre") describe events, not the publication.
 */
import path from 'node:path';
import { findDates, isDateLine, type DateOptions } from './dates.js';
import { isHeadingLike } from '../text/index.js';

export interface MetadataOptions {
  /** Non-empty lines searched for a title. */
  titleSearchLines: number;
  titleMinChars: number;
  titleMaxChars: number;
  /** The head area for the date: this many non-empty lines … */
  headLines: number;
  /** … and at most this many characters. */
  headChars: number;
  dates: Partial<DateOptions>;
}

export const DEFAULT_METADATA: MetadataOptions = {
  titleSearchLines: 12,
  titleMinChars: 3,
  titleMaxChars: 180,
  headLines: 6,
  headChars: 1200,
  dates: {},
};

export interface DocumentMetadata {
  title: string;
  date: string | null;
}

// Photo captions and credits are short and unpunctuated like titles but are not titles.
const CAPTION = /\b(?:photo|crédit|credit|image|illustration|source)s?\s*:|©/iu;

/**
 * First heading-like line of the head (short, not a date, not a caption) that comes before the
 * body starts; null when none. A heading found after the first body paragraph is a section
 * heading, not the document's title.
 */
export function extractTitle(text: string, options: Partial<MetadataOptions> = {}): string | null {
  const o: MetadataOptions = { ...DEFAULT_METADATA, ...options };
  for (const line of headLines(text, o.titleSearchLines)) {
    if (isDateLine(line, o.dates) || CAPTION.test(line)) continue;
    if (!isHeadingLike(line, o.titleMaxChars)) {
      if (line.length > o.titleMaxChars) return null;
      continue;
    }
    if (line.length < o.titleMinChars) continue;
    return line;
  }
  return null;
}

// A news dateline opening the lead: "NATIONS UNIES (New York) – ", "PARIS, 3 mai (AFP) - ".
const DATELINE = /^[\p{Lu}\d][\p{Lu}\d\s.,'’-]{2,}(?:\([^)]{1,60}\))?\s*[–—-]\s+/u;

/** A title made from the lead sentence when the document has no headline (dateline removed, cut at a word). */
export function leadTitle(text: string, maxChars = 100): string | null {
  const first = headLines(text, 1)[0];
  if (!first) return null;
  const lead = first.replace(DATELINE, '');
  const sentence = (lead.match(/^.*?[.!?](?=\s|$)/u)?.[0] ?? lead).trim();
  if (sentence.length <= maxChars) return sentence.replace(/[.]$/u, '');
  const cut = sentence.slice(0, maxChars);
  const space = cut.lastIndexOf(' ');
  return `${(space > maxChars / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/u, '')}…`;
}

/** First full calendar date (day, month, year) in the head area, as YYYY-MM-DD; null when none. */
export function extractDate(text: string, options: Partial<MetadataOptions> = {}): string | null {
  const o: MetadataOptions = { ...DEFAULT_METADATA, ...options };
  const head = headLines(text, o.headLines).join('\n').slice(0, o.headChars);
  for (const m of findDates(head, o.dates)) if (m.iso) return m.iso;
  return null;
}

/** Loader-stated values win; the title falls back to the lead sentence, then the file name. */
export function documentMetadata(
  cleanedText: string,
  stated: { title?: string; date?: string },
  source: string,
  options: Partial<MetadataOptions> = {},
): DocumentMetadata {
  const statedTitle = stated.title?.replace(/\s+/gu, ' ').trim();
  const title =
    statedTitle || extractTitle(cleanedText, options) || leadTitle(cleanedText) || path.posix.basename(source).replace(/\.[^.]+$/u, '');
  const date = stated.date ?? extractDate(cleanedText, options);
  return { title, date };
}

function headLines(text: string, n: number): string[] {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    out.push(line);
    if (out.length >= n) break;
  }
  return out;
}
