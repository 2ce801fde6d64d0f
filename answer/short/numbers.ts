/**
 * Quantities written in a sentence, as answers to "how many / how much" questions: « 192 pays »,
 * « plus de 43 000 profils », « 4,5 milliards de recherches », « près de 600 notices », « une
 * cinquantaine de résolutions », « deux jours », « 15 % », « 3 millions d'euros ». Years, ordinals
 * (« 25ème »), days of a month and identifiers (« ODD 16 », « résolution 2178 ») are not quantities.
 * The English form rewrites the number deterministically ("43 000" → "43,000", "4,5 milliards" →
 * "4.5 billion"); only the counted noun goes through machine translation.
 */

export interface QuantityCandidate {
  start: number;
  /** End of the number (with its scale word and unit sign). */
  numberEnd: number;
  /** End of the counted noun ("profils"), or numberEnd when none follows. */
  nounStart: number;
  nounEnd: number;
  /** Approximation words before the number ("plus de", "près de"), lowercase, or null. */
  approx: string | null;
  /** Where the approximation starts (start of the span shown). */
  spanStart: number;
  /** The number as written ("43 000", "4,5", "cinquantaine"). */
  number: string;
  /** "millions", "milliards"… or null. */
  scale: string | null;
  /** "%", "€", "dollars"… written right after the number, or null. */
  unit: string | null;
  /** Value for comparisons (approximate for words). */
  value: number;
  /** Folded words of the noun phrase after the number (to match the question's counted noun). */
  nounWords: string[];
}

const WORD_NUMBERS: Record<string, number> = {
  un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9, dix: 10, onze: 11, douze: 12,
  treize: 13, quatorze: 14, quinze: 15, seize: 16, vingt: 20, trente: 30, quarante: 40, cinquante: 50, soixante: 60, cent: 100, mille: 1000,
  dizaine: 10, douzaine: 12, quinzaine: 15, vingtaine: 20, trentaine: 30, quarantaine: 40, cinquantaine: 50, soixantaine: 60, centaine: 100, millier: 1000,
  dizaines: 10, centaines: 100, milliers: 1000,
  one: 1, two: 2, three: 3, four: 4, five: 5, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100, thousand: 1000, dozen: 12,
};
const EN_WORD_NUMBERS: Record<string, string> = {
  deux: 'two', trois: 'three', quatre: 'four', cinq: 'five', six: 'six', sept: 'seven', huit: 'eight', neuf: 'nine', dix: 'ten', onze: 'eleven', douze: 'twelve',
  treize: 'thirteen', quatorze: 'fourteen', quinze: 'fifteen', seize: 'sixteen', vingt: 'twenty', trente: 'thirty', quarante: 'forty', cinquante: 'fifty', soixante: 'sixty', cent: 'a hundred', mille: 'a thousand',
  dizaine: 'about ten', douzaine: 'a dozen', quinzaine: 'about fifteen', vingtaine: 'about twenty', trentaine: 'about thirty', quarantaine: 'about forty', cinquantaine: 'about fifty', soixantaine: 'about sixty', centaine: 'about a hundred', millier: 'about a thousand',
  dizaines: 'dozens', centaines: 'hundreds', milliers: 'thousands',
};
const SCALES: Record<string, [number, string]> = {
  million: [1e6, 'million'], millions: [1e6, 'million'], milliard: [1e9, 'billion'], milliards: [1e9, 'billion'],
  billion: [1e9, 'billion'], billions: [1e9, 'billion'], trillion: [1e12, 'trillion'], mille: [1e3, 'thousand'], thousand: [1e3, 'thousand'],
  md: [1e9, 'billion'], mds: [1e9, 'billion'], mrd: [1e9, 'billion'], m: [1e6, 'million'],
};
const APPROX_EN: Record<string, string> = {
  'plus de': 'more than', "plus d'": 'more than', 'près de': 'nearly', "près d'": 'nearly', environ: 'about', quelque: 'some', quelques: 'some',
  'moins de': 'fewer than', "moins d'": 'fewer than', 'au moins': 'at least', "jusqu'à": 'up to', presque: 'almost', 'pas moins de': 'no fewer than',
  'un peu plus de': 'just over', 'un peu moins de': 'just under', 'plus de la moitié': 'more than half', approximativement: 'approximately', 'autour de': 'around',
  'more than': 'more than', 'over': 'over', 'nearly': 'nearly', 'about': 'about', 'around': 'around', 'almost': 'almost', 'some': 'some', 'at least': 'at least', 'up to': 'up to', 'fewer than': 'fewer than', 'less than': 'less than',
};

const APPROX = String.raw`(?:pas\s+moins\s+d(?:e\s+|['’])|un\s+peu\s+(?:plus|moins)\s+d(?:e\s+|['’])|plus\s+d(?:e\s+|['’])|près\s+d(?:e\s+|['’])|moins\s+d(?:e\s+|['’])|au\s+moins\s+|jusqu['’]à\s+|environ\s+|quelque\s+|presque\s+|approximativement\s+|autour\s+d(?:e\s+|['’])|more\s+than\s+|over\s+|nearly\s+|about\s+|around\s+|almost\s+|some\s+|at\s+least\s+|up\s+to\s+|fewer\s+than\s+|less\s+than\s+)`;
const DIGITS = String.raw`\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[,.]\d+)?`;
const WORDS = Object.keys(WORD_NUMBERS).filter((w) => w !== 'un' && w !== 'une' && w !== 'one').join('|');
const SCALE = String.raw`(?:millions?|milliards?|billions?|trillions?|mille|thousand|mds?|mrd)`;
const UNIT_SIGN = String.raw`(?:%|‰|€|\$|£|pour\s?cent|percent|per\s+cent|euros?|dollars?|francs?|livres?\s+sterling|USD|EUR|CHF)`;

const QUANTITY = new RegExp(
  String.raw`(?<approx>${APPROX})?(?:(?<digits>${DIGITS})|(?<art>une?\s+)?(?<word>${WORDS}|million|milliard)(?![\p{L}]))(?:[\s\u00a0\u202f]+(?<scale>${SCALE})(?![\p{L}]))?(?:[\s\u00a0\u202f]*(?<unit>${UNIT_SIGN})(?![\p{L}]))?`,
  'giu',
);
const YEAR = /^(?:1[89]\d\d|20\d\d)$/;
const MONTH = /^(?:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|january|february|march|april|may|june|july|august|september|october|november|december)$/i;
const ORDINAL_AFTER = /^(?:e|er|re|ère|ème|eme|es|ers|èmes|emes|nd|st|rd|th|ᵉ|ᵉʳ)(?![\p{L}])/iu;
/** Words after which a number names something ("ODD 16", "article 5", "résolution 2178", "page 3"). */
const IDENTIFIER_BEFORE = /(?:\b(?:n°|no\.?|numéro|number|article|articles|art\.|résolution|resolution|chapitre|chapter|page|pages|p\.|section|point|alinéa|paragraphe|paragraph|annexe|annex|objectif|goal|cible|target|décret|loi|law|version|niveau|level|phase|étape|catégorie|classe|groupe|lot|édition|session)|[\p{Lu}]{2,}|\p{Lu}\p{Ll}+)[\s\u00a0]+$/u;
const DE = /^[\s\u00a0\u202f]*(?:d['’]|de\s+(?!la\b|l['’]|ce\b|cette\b)|des\s+|of\s+)/iu;
const NOUN_WORD = /^[\s\u00a0\u202f]*([\p{L}][\p{L}\p{M}'’-]*)/u;

/** Quantities of `text` in text order (see the header for what is left out). */
export function findQuantities(text: string, stopWords: ReadonlySet<string>): QuantityCandidate[] {
  const out: QuantityCandidate[] = [];
  QUANTITY.lastIndex = 0;
  for (let m = QUANTITY.exec(text); m; m = QUANTITY.exec(text)) {
    const g = m.groups ?? {};
    const spanStart = m.index;
    if (spanStart > 0 && /[\p{L}\d]/u.test(text[spanStart - 1] ?? '')) continue;
    const approx = g['approx'] ? g['approx'].trim().toLowerCase().replace(/\s+/g, ' ').replace(/’/g, "'").replace(/ de$/, ' de') : null;
    const number = (g['digits'] ?? g['word'] ?? '').trim();
    if (!number) continue;
    const numStart = spanStart + (g['approx']?.length ?? 0) + (g['art']?.length ?? 0);
    const scale = g['scale']?.toLowerCase() ?? null;
    const unit = g['unit'] ?? null;
    const after = text.slice(m.index + m[0].length);
    const before = text.slice(Math.max(0, numStart - 30), numStart);
    let value: number;
    if (g['digits']) {
      value = parseNumber(number);
      const bare = !scale && !unit;
      if (bare && YEAR.test(number)) continue;
      if (ORDINAL_AFTER.test(after)) continue;
      // A day of a month ("23 mai"), or a day range ("8 et 9 décembre").
      if (bare && value >= 1 && value <= 31 && /^[\s\u00a0]*(?:(?:et|au|à|-|–|and|to)\s*\d{1,2}(?:er)?\s+)?\p{L}+/u.test(after)) {
        const word = /^[\s\u00a0]*(?:(?:et|au|à|-|–|and|to)\s*\d{1,2}(?:er)?\s+)?(\p{L}+)/u.exec(after)?.[1] ?? '';
        if (MONTH.test(word)) continue;
      }
      if (/(?:et|au|and)\s*$/i.test(before) && /^\s*\p{L}+/u.test(after) && MONTH.test(/^\s*(\p{L}+)/u.exec(after)?.[1] ?? '')) continue;
      if (bare && IDENTIFIER_BEFORE.test(before)) continue;
      // Times, phone numbers, decimals of a version: "14h30", "1.2.3".
      if (/^[.:h]\d/.test(after)) continue;
    } else {
      const w = number.toLowerCase();
      value = WORD_NUMBERS[w] ?? (w === 'million' ? 1e6 : w === 'milliard' ? 1e9 : NaN);
      // "les deux organisations": a determiner refers back, it does not count.
      if (/(?:^|[\s'’])(?:les|ces|leurs|nos|vos|the|these|those|their|our|both)\s+$/i.test(before) && !g['approx']) continue;
      // "un/une" alone is an article, never a quantity (excluded from WORDS); "cent" must not be "pour cent".
    }
    if (scale && SCALES[scale]) value *= SCALES[scale]![0];
    const numberEnd = m.index + m[0].length;
    // The counted noun: after "de/d'/of" (« 4,5 milliards de recherches ») or directly (« 192 pays »).
    let cursor = numberEnd;
    const de = DE.exec(text.slice(cursor));
    if (de && (scale || g['word'] || /^[\s\u00a0\u202f]*(?:d['’]|de\s|des\s)/iu.test(text.slice(cursor)))) cursor += de[0].length;
    const noun = unit && /%|pour|percent|per/.test(unit) ? null : NOUN_WORD.exec(text.slice(cursor));
    let nounStart = numberEnd;
    let nounEnd = numberEnd;
    const nounWords: string[] = [];
    if (noun && noun[1] && !stopWords.has(fold(noun[1])) && !/^\p{Lu}{2,}$/u.test(noun[1])) {
      nounStart = cursor + noun[0].length - noun[1].length;
      nounEnd = cursor + noun[0].length;
      nounWords.push(fold(noun[1]));
    }
    out.push({ start: numStart, numberEnd, nounStart, nounEnd, approx, spanStart, number, scale, unit, value, nounWords });
  }
  return out;
}

/** "43 000" → 43000, "4,5" → 4.5, "1,200" (English thousands) → 1200. */
export function parseNumber(s: string): number {
  const t = s.replace(/[\s\u00a0\u202f]/g, '');
  if (/^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(t)) return Number(t.replace(/\./g, '').replace(',', '.'));
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(t)) return Number(t.replace(/,/g, ''));
  return Number(t.replace(',', '.'));
}

/** The number part in English: "plus de 43 000" → "more than 43,000"; "4,5 milliards" → "4.5 billion"; "une cinquantaine" → "about fifty". */
export function quantityInEnglish(c: Pick<QuantityCandidate, 'approx' | 'number' | 'scale' | 'unit'>): string {
  const approx = c.approx ? (APPROX_EN[c.approx.replace(/\s+$/, '').replace(/ d$/, " d'")] ?? APPROX_EN[c.approx] ?? approxFallback(c.approx)) : null;
  let num: string;
  if (/\d/.test(c.number)) num = englishDigits(c.number);
  else num = EN_WORD_NUMBERS[c.number.toLowerCase()] ?? (c.number.toLowerCase() === 'million' ? 'a million' : c.number.toLowerCase() === 'milliard' ? 'a billion' : c.number);
  const scale = c.scale ? (SCALES[c.scale.toLowerCase()]?.[1] ?? c.scale) : null;
  let unit: string | null = null;
  if (c.unit) {
    const u = c.unit.toLowerCase();
    if (/%|pour\s?cent|percent|per\s+cent/.test(u)) unit = '%';
    else if (/€|euro/.test(u)) unit = '€';
    else if (/\$|dollar|usd/.test(u)) unit = '$';
    else if (/£|livre/.test(u)) unit = '£';
    else unit = c.unit;
  }
  const amount = scale ? `${num} ${scale}` : num;
  let text: string;
  if (unit === '%') text = `${amount}%`;
  else if (unit === '€' || unit === '$' || unit === '£') text = `${unit}${amount}`;
  else text = unit ? `${amount} ${unit}` : amount;
  return approx ? `${approx} ${text}` : text;
}

function approxFallback(a: string): string {
  const key = Object.keys(APPROX_EN).find((k) => a.startsWith(k.replace(/'$/, '')));
  return key ? APPROX_EN[key]! : a;
}

/** French digits in English notation: "43 000" → "43,000", "4,5" → "4.5". */
export function englishDigits(s: string): string {
  const t = s.replace(/[\u00a0\u202f]/g, ' ').trim();
  let m = /^(\d{1,3}(?:[ .]\d{3})+)(?:,(\d+))?$/.exec(t);
  if (m) return `${m[1]!.replace(/[ .]/g, ',')}${m[2] ? `.${m[2]}` : ''}`;
  m = /^(\d+),(\d+)$/.exec(t);
  if (m) return `${m[1]}.${m[2]}`;
  return t;
}

function fold(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[’]/g, "'");
}
