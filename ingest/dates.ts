/**
 * Date parsing for French (first) and English news: "05 février 2018", "10 déc. 2022",
 * "1er mars 2020", "le 3 janvier", "05/02/2018" (day first), ISO 8601, "February 5, 2018".
 * Only full calendar dates count: a bare year ("en 2018") or month + year ("décembre 2018") is not
 * a publication date, so it never becomes one.
 */

export interface DateOptions {
  /** Order of purely numeric dates; French sources write day first. Falls back when impossible (13/25). */
  numericOrder: 'dmy' | 'mdy';
  minYear: number;
  maxYear: number;
  /** Year given to year-less dates ("le 3 janvier"); null = such dates resolve to no ISO date. */
  referenceYear: number | null;
}

export const DEFAULT_DATES: DateOptions = {
  numericOrder: 'dmy',
  minYear: 1900,
  maxYear: 2100,
  referenceYear: null,
};

export interface DateMatch {
  /** YYYY-MM-DD, or null for a year-less date without referenceYear. */
  iso: string | null;
  year: number | null;
  month: number;
  day: number;
  /** Offset and length of the matched text. */
  index: number;
  length: number;
  raw: string;
}

/** Month names and the abbreviations news sites use (accents optional: feeds often lose them). */
const MONTHS: Record<string, number> = {
  janvier: 1, janv: 1, jan: 1, january: 1,
  février: 2, fevrier: 2, févr: 2, fevr: 2, fév: 2, fev: 2, february: 2, feb: 2,
  mars: 3, march: 3, mar: 3,
  avril: 4, avr: 4, april: 4, apr: 4,
  mai: 5, may: 5,
  juin: 6, june: 6, jun: 6,
  juillet: 7, juil: 7, july: 7, jul: 7,
  août: 8, aout: 8, aoû: 8, august: 8, aug: 8,
  septembre: 9, september: 9, sept: 9, sep: 9,
  octobre: 10, october: 10, oct: 10,
  novembre: 11, november: 11, nov: 11,
  décembre: 12, decembre: 12, déc: 12, dec: 12, december: 12,
};
const ENGLISH_MONTHS = new Set([
  'january', 'jan', 'february', 'feb', 'march', 'mar', 'april', 'apr', 'may', 'june', 'jun', 'july', 'jul',
  'august', 'aug', 'september', 'sept', 'sep', 'october', 'oct', 'november', 'nov', 'december', 'dec',
]);

const alternation = (names: Iterable<string>) =>
  [...names].sort((a, b) => b.length - a.length).join('|');
const MONTH_ALT = alternation(Object.keys(MONTHS));
const EN_MONTH_ALT = alternation(ENGLISH_MONTHS);
// Letters/digits must not touch a match: "mars" inside "Marseille", "12" inside "2012".
const START = '(?<![\\p{L}\\p{N}])';
const END = '(?![\\p{L}\\p{N}])';
const SP = '[\\s\\u00A0\\u202F]+';

interface Pattern {
  re: RegExp;
  build(m: RegExpExecArray, o: DateOptions): { y: number | null; mo: number; d: number } | null;
}

const PATTERNS: Pattern[] = [
  {
    // ISO 8601, optionally with a time part (the date is taken as written, not shifted to UTC).
    re: new RegExp(`${START}(\\d{4})-(\\d{2})-(\\d{2})(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?${END}`, 'gu'),
    build: (m) => ({ y: +m[1]!, mo: +m[2]!, d: +m[3]! }),
  },
  {
    // 5 février 2018 · 1er mars 2020 · 10 déc. 2022 · 3 January 2019 · le 3 janvier
    re: new RegExp(`${START}(\\d{1,2})(?:er|re|e|st|nd|rd|th)?${SP}(${MONTH_ALT})\\.?(?:,?${SP}(\\d{4}))?${END}`, 'giu'),
    build: (m) => ({ y: m[3] ? +m[3] : null, mo: MONTHS[m[2]!.toLowerCase()]!, d: +m[1]! }),
  },
  {
    // February 5, 2018 · Feb. 5 2018 (English month-first)
    re: new RegExp(`${START}(${EN_MONTH_ALT})\\.?${SP}(\\d{1,2})(?:st|nd|rd|th)?,?${SP}(\\d{4})${END}`, 'giu'),
    build: (m) => ({ y: +m[3]!, mo: MONTHS[m[1]!.toLowerCase()]!, d: +m[2]! }),
  },
  {
    // 2018/02/05
    re: new RegExp(`${START}(\\d{4})/(\\d{1,2})/(\\d{1,2})${END}`, 'gu'),
    build: (m) => ({ y: +m[1]!, mo: +m[2]!, d: +m[3]! }),
  },
  {
    // 05/02/2018 · 05.02.2018 · 05-02-2018: day first unless told otherwise or impossible.
    re: new RegExp(`(?<![\\p{L}\\p{N}.,/-])(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{4})${END}`, 'gu'),
    build: (m, o) => {
      const a = +m[1]!;
      const b = +m[3]!;
      const y = +m[4]!;
      const [d, mo] = o.numericOrder === 'dmy' ? [a, b] : [b, a];
      if (valid(y, mo, d)) return { y, mo, d };
      if (valid(y, d, mo)) return { y, mo: d, d: mo };
      return null;
    },
  },
];

/** Every calendar date in `text`, in order of appearance (overlaps resolved to the earliest, longest). */
export function findDates(text: string, options: Partial<DateOptions> = {}): DateMatch[] {
  const opts: DateOptions = { ...DEFAULT_DATES, ...options };
  const found: DateMatch[] = [];
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
      const parts = p.build(m, opts);
      if (!parts) continue;
      const { y, mo, d } = parts;
      if (y !== null && (y < opts.minYear || y > opts.maxYear)) continue;
      if (!valid(y ?? 2000, mo, d)) continue; // 2000 is a leap year: "29 février" stays possible
      const year = y ?? opts.referenceYear;
      const iso = year !== null && valid(year, mo, d) ? `${year}-${pad(mo)}-${pad(d)}` : null;
      found.push({ iso, year: y, month: mo, day: d, index: m.index, length: m[0].length, raw: m[0] });
    }
  }
  found.sort((a, b) => a.index - b.index || b.length - a.length);
  const out: DateMatch[] = [];
  for (const f of found) {
    const last = out[out.length - 1];
    if (last && f.index < last.index + last.length) continue;
    out.push(f);
  }
  return out;
}

/** The first date in `text` as YYYY-MM-DD, or null. */
export function parseDate(text: string, options: Partial<DateOptions> = {}): string | null {
  for (const m of findDates(text, options)) if (m.iso) return m.iso;
  return null;
}

/** True when the whole (trimmed) string is a date, possibly with a weekday and "le"/"Publié le" lead-in. */
export function isDateLine(line: string, options: Partial<DateOptions> = {}): boolean {
  const t = line.trim();
  if (t === '') return false;
  const m = findDates(t, { ...options, referenceYear: options.referenceYear ?? 2000 })[0];
  if (!m) return false;
  const before = t.slice(0, m.index).trim().toLowerCase();
  const after = t.slice(m.index + m.length).trim();
  const leadIn = /^(?:(?:publié|mis à jour|updated|published|posted)(?: le| on)?|le|on)?\s*(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday),?)?\s*(?:le)?$/u;
  return leadIn.test(before) && /^(?:[,\-–—]?\s*(?:à\s*|at\s*)?\d{1,2}[:h]\d{2}(?:\s*(?:am|pm|UTC|GMT))?)?$/iu.test(after);
}

function valid(y: number, mo: number, d: number): boolean {
  if (!Number.isInteger(mo) || mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, leap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!;
  return d <= days;
}

function leap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
