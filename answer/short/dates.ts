/**
 * Dates written in a sentence, as answers to "when" questions: « le 5 février 2018 », « les 8 et 9
 * décembre », « en décembre 2018 », « depuis 1949 », « 2018-02-05 », "5 February 2018", "in 2004".
 * Each candidate keeps its verbatim span (what the French short answer shows) and its parts, from
 * which the English form is written deterministically — never through machine translation, so
 * "5 février 2018" always becomes "5 February 2018".
 */

export interface DateParts {
  /** Leading word kept with the date: le, les, en, depuis, dès, avant, après, jusqu'en, début, fin… (lowercase). */
  prep: string | null;
  day: number | null;
  /** Second day of a range ("les 8 et 9 décembre", "du 8 au 10"). */
  day2: number | null;
  /** Joiner of the range ("et", "au", "-"). */
  rangeWord: string | null;
  /** 1–12. */
  month: number | null;
  year: number | null;
  /** Second year of a range ("de 2016 à 2020", "2016-2020"). */
  year2: number | null;
}

export interface DateCandidate {
  start: number;
  end: number;
  /** Verbatim text of the span, preposition included. */
  text: string;
  parts: DateParts;
  /** 3 day, 2 month, 1 year only. */
  precision: number;
}

const FR_MONTHS: [RegExp, number][] = [
  [/^janv(?:ier|\.)?$/i, 1],
  [/^f[ée]vr(?:ier|\.)?$/i, 2],
  [/^mars$/i, 3],
  [/^avr(?:il|\.)?$/i, 4],
  [/^mai$/i, 5],
  [/^juin$/i, 6],
  [/^juil(?:let|\.)?$/i, 7],
  [/^ao[uû]t$/i, 8],
  [/^sept(?:embre|\.)?$/i, 9],
  [/^oct(?:obre|\.)?$/i, 10],
  [/^nov(?:embre|\.)?$/i, 11],
  [/^d[ée]c(?:embre|\.)?$/i, 12],
];
const EN_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
export const ENGLISH_MONTH_NAMES = EN_MONTHS.map((m) => m.charAt(0).toUpperCase() + m.slice(1));

const MONTH_WORD = String.raw`(?:janvier|janv\.|f[ée]vrier|f[ée]vr\.|mars|avril|avr\.|mai|juin|juillet|juil\.|ao[uû]t|septembre|sept\.|octobre|oct\.|novembre|nov\.|d[ée]cembre|d[ée]c\.|january|february|march|april|may|june|july|august|september|october|november|december|jan\.|feb\.|mar\.|apr\.|jun\.|jul\.|aug\.|sep\.|sept\.|oct\.|nov\.|dec\.)`;
const YEAR = String.raw`(?:1[89]\d\d|20\d\d)`;
const DAY = String.raw`(?:[12]?\d|3[01])(?:er|re|ᵉʳ)?`;
/** Words that stay with a date in the answer ("depuis 1949" answers "since when" better than "1949"). */
const PREP = String.raw`(?:(?:depuis\s+le|depuis|dès\s+le|dès|à\s+partir\s+du|à\s+partir\s+de|jusqu['’]au|jusqu['’]en|jusqu['’]à|avant\s+le|avant|après\s+le|après|vers|le|les|du|en|début|fin|mi|courant|since|from|until|before|after|on|in|by|early|late|mid)(?:\s+|-))`;

const PATTERNS: RegExp[] = [
  // Day (range) month [year]: « le 5 février 2018 », « les 8 et 9 décembre », « du 8 au 10 mai 2019 », "5 February 2018".
  new RegExp(String.raw`(?<prep>${PREP})?(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?(?<day>${DAY})(?:\s*(?<join>et|au|à|-|–|and|to)\s*(?<day2>${DAY}))?\s+(?<month>${MONTH_WORD})(?:\s+(?<year>${YEAR}))?(?![\p{L}\d])`, 'giu'),
  // English month day, year: "February 5, 2018".
  new RegExp(String.raw`(?<prep>${PREP})?(?<month>${MONTH_WORD})\s+(?<day>${DAY}),?\s+(?<year>${YEAR})(?![\p{L}\d])`, 'giu'),
  // Month year: « en décembre 2018 », "in December 2018".
  new RegExp(String.raw`(?<prep>${PREP})?(?<month>${MONTH_WORD})\s+(?:de\s+l['’]année\s+|of\s+)?(?<year>${YEAR})(?![\p{L}\d])`, 'giu'),
  // ISO and numeric dates: 2018-02-05, 05/02/2018, 05.02.2018.
  new RegExp(String.raw`(?<prep>${PREP})?(?<iso>(?<y>${YEAR})-(?<m>0?[1-9]|1[0-2])-(?<d>0?[1-9]|[12]\d|3[01]))(?![\d])`, 'giu'),
  new RegExp(String.raw`(?<prep>${PREP})?(?<num>(?<d>0?[1-9]|[12]\d|3[01])[/.](?<m>0?[1-9]|1[0-2])[/.](?<y>${YEAR}))(?![\d])`, 'giu'),
  // Year ranges: « de 2016 à 2020 », « entre 2016 et 2020 », « 2016-2020 ».
  new RegExp(String.raw`(?<prep>(?:de|entre|from|between)\s+)(?<year>${YEAR})\s+(?:à|et|au|to|and)\s+(?<year2>${YEAR})(?![\p{L}\d])`, 'giu'),
  new RegExp(String.raw`(?<prep>${PREP})?(?<year>${YEAR})\s*[-–]\s*(?<year2>${YEAR})(?![\p{L}\d])`, 'giu'),
  // A year alone: « en 1997 », « depuis 1949 », "in 2004".
  new RegExp(String.raw`(?<prep>${PREP})?(?<![\d.,\u00a0\u202f])(?<year>${YEAR})(?![\d]|[\s\u00a0\u202f]\d{3}(?!\d))(?!\s*(?:%|€|\$|pour\s*cent|percent))`, 'giu'),
];

function monthOf(word: string): number | null {
  const w = word.toLowerCase();
  for (const [re, n] of FR_MONTHS) if (re.test(w)) return n;
  const en = EN_MONTHS.findIndex((m) => m === w || (w.endsWith('.') && m.startsWith(w.slice(0, -1))));
  return en >= 0 ? en + 1 : null;
}

function dayOf(s: string | undefined): number | null {
  if (!s) return null;
  const n = parseInt(s, 10);
  return Number.isInteger(n) && n >= 1 && n <= 31 ? n : null;
}

/**
 * All dates of `text`, longest first where they overlap (« le 5 février 2018 » wins over « 2018 »),
 * in text order.
 */
export function findDates(text: string): DateCandidate[] {
  const found: DateCandidate[] = [];
  for (const re of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const g = m.groups ?? {};
      // A "prep" match must start at a word boundary ("Le" in "Leur" is not a preposition).
      if (m.index > 0 && /[\p{L}\d]/u.test(text[m.index - 1] ?? '')) {
        re.lastIndex = m.index + 1;
        continue;
      }
      let parts: DateParts;
      if (g['iso'] || g['num']) {
        parts = { prep: null, day: dayOf(g['d']), day2: null, rangeWord: null, month: Number(g['m']), year: Number(g['y']), year2: null };
      } else {
        const month = g['month'] ? monthOf(g['month']) : null;
        if (g['month'] && month === null) continue;
        parts = {
          prep: null,
          day: dayOf(g['day']),
          day2: dayOf(g['day2']),
          rangeWord: g['join']?.toLowerCase() ?? null,
          month,
          year: g['year'] ? Number(g['year']) : null,
          year2: g['year2'] ? Number(g['year2']) : null,
        };
        // "mai" / "may" alone is also a verb: a month needs a day or a year.
        if (month !== null && parts.day === null && parts.year === null) continue;
      }
      const prep = g['prep']?.trim().replace(/-$/, '').replace(/\s+/g, ' ').toLowerCase() ?? null;
      parts.prep = prep || null;
      const start = m.index;
      const end = m.index + m[0].length;
      found.push({ start, end, text: text.slice(start, end), parts, precision: parts.day !== null ? 3 : parts.month !== null ? 2 : 1 });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: DateCandidate[] = [];
  for (const c of found) {
    const overlap = out.find((o) => c.start < o.end && o.start < c.end);
    if (!overlap) out.push(c);
    else if (c.end - c.start > overlap.end - overlap.start) out.splice(out.indexOf(overlap), 1, c);
  }
  return out.sort((a, b) => a.start - b.start);
}

const EN_PREP: Record<string, string> = {
  depuis: 'since',
  'depuis le': 'since',
  dès: 'from',
  'dès le': 'from',
  'à partir de': 'from',
  'à partir du': 'from',
  "jusqu'au": 'until',
  "jusqu'en": 'until',
  "jusqu'à": 'until',
  avant: 'before',
  'avant le': 'before',
  après: 'after',
  'après le': 'after',
  vers: 'around',
  début: 'early',
  fin: 'late',
  mi: 'mid',
  courant: 'during',
  de: 'from',
  entre: 'between',
  since: 'since',
  from: 'from',
  until: 'until',
  before: 'before',
  after: 'after',
  by: 'by',
  early: 'early',
  late: 'late',
  mid: 'mid',
  between: 'between',
};

/** The English form of a date: "on 5 February 2018", "8 and 9 December", "in December 2018", "since 1949". */
export function dateInEnglish(parts: DateParts): string {
  const month = parts.month !== null ? ENGLISH_MONTH_NAMES[parts.month - 1] : null;
  let core: string;
  if (parts.day !== null && month) {
    const days = parts.day2 !== null ? `${parts.day}${rangeEn(parts.rangeWord)}${parts.day2}` : `${parts.day}`;
    core = `${days} ${month}${parts.year !== null ? ` ${parts.year}` : ''}`;
  } else if (month) core = `${month}${parts.year !== null ? ` ${parts.year}` : ''}`;
  else if (parts.year2 !== null) core = parts.prep === 'entre' || parts.prep === 'between' ? `${parts.year} and ${parts.year2}` : parts.prep === 'de' || parts.prep === 'from' ? `${parts.year} to ${parts.year2}` : `${parts.year}–${parts.year2}`;
  else core = `${parts.year ?? ''}`;
  const prep = parts.prep ? (EN_PREP[parts.prep.replace(/’/g, "'")] ?? null) : null;
  if (prep === 'mid') return `mid-${core}`;
  if (prep) return `${prep} ${core}`;
  if (parts.day !== null && parts.day2 === null) return `on ${core}`;
  if (parts.day !== null) return core;
  return `in ${core}`;
}

function rangeEn(word: string | null): string {
  if (word === 'au' || word === 'à' || word === 'to') return ' to ';
  if (word === '-' || word === '–') return '–';
  return ' and ';
}
