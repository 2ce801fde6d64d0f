/**
 * A passage read sentence by sentence, as the evidence model needs it: each sentence's exact span
 * (quotable verbatim), its index terms, and the answer candidates it holds (names, dates,
 * quantities, places — answer-type.ts says which kind a question wants). Computed once per
 * analysed passage and cached (a WeakMap on the BM25 entry, so an updated index drops it).
 */
import { BoundedCache } from '../../core/bounded-cache.js';
import type { IndexedPassage } from '../bm25/postings.js';
import { numberWordValue, analyzeFrenchTokens, splitSentences } from '../../text/index.js';

export interface SentenceInfo {
  /** Offsets into passage.text: passage.text.slice(start, end) is the sentence, verbatim. */
  start: number;
  end: number;
  /** A whole line without final punctuation (heading, caption, dateline): context, never quoted. */
  heading: boolean;
  /** Index terms, with the digits of number words ("sixième" → 6). */
  terms: Set<string>;
  /** Folded words and canonical numbers (exact name / number checks). */
  words: Set<string>;
  /** Index term → the folded words behind it here (inflection vs derivation checks). */
  forms: Map<string, string[]>;
  /** A word saying "now" (actuellement, aujourd'hui, currently…): the sentence states the present. */
  now: boolean;
  /** Years (1800–2099) written in the sentence. */
  years: string[];
  /** A month name: with a day or a year it dates something. */
  month: boolean;
  /** Quantities: numbers that are neither years, ordinals nor days of a month, and number words. */
  quantities: string[];
  /**
   * Folded name words (capitalised inside the sentence, or acronyms), with their index term;
   * `acronym`: written in capitals (mostly bodies); `person`: read as a person's name (see personNames).
   */
  names: { folded: string; term: string; acronym: boolean; person: boolean }[];
  /** Folded capitalised words right after "à/au/en/dans/in/at" (and the capitalised words continuing them: "New York"): places. */
  places: { folded: string; term: string; end: number }[];
}

export interface PassageSentences {
  sentences: SentenceInfo[];
  /** Folded words of the people the passage reads as names (personNames). */
  persons: Set<string>;
  /**
   * Folded names of people the passage quotes or reports speaking: named outside quotation marks
   * in a sentence holding a quotation or a verb of saying ("…», a déclaré M. Stock").
   */
  speakers: Set<string>;
  /** Terms and words of the whole passage, its title and its date (constraint literals). */
  contextTerms: Set<string>;
  contextWords: Set<string>;
}

const MONTHS = new Set(
  (
    'janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre ' +
    'january february march april june july august september october november december'
  ).split(' '),
);

/** Spelled-out quantities (cardinals and round approximations; ordinals are not quantities). */
const QUANTITY_WORDS = new Set(
  (
    'deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize vingt trente quarante cinquante soixante cent cents mille ' +
    'million millions milliard milliards millier milliers dizaine dizaines douzaine douzaines quinzaine vingtaine trentaine quarantaine cinquantaine ' +
    'soixantaine centaine centaines ' +
    'two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred hundreds thousand thousands million millions billion billions dozen dozens'
  ).split(' '),
);

/**
 * Capitalised by convention without naming anyone in particular: institution heads and titles
 * (French and English). A sentence holding only these does not name a new person or body.
 */
export const COMMON_CAPITALISED: ReadonlySet<string> = new Set(
  (
    'etat etats nation nations unie unies uni conseil assemblee generale general generaux secretaire secretaires secretariat ' +
    'organisation organisations bureau bureaux comite comites programme programmes objectif objectifs commission office agence agences ' +
    'communaute union direction departement division service services fonds cour tribunal parlement gouvernement republique royaume ' +
    'ministre ministres ministere president presidente directeur directrice representant representante special speciale centre groupe ' +
    'pacte convention session sommet forum accord partenariat dialogue monsieur madame m mm mme photo ' +
    'united nation nations general assembly security council secretary secretaries secretariat office special representative ' +
    'committee commission agency department division service services fund court parliament government republic kingdom ' +
    'minister ministry president director centre center group compact convention session summit forum agreement dialogue mr mrs ms'
  ).split(' '),
);

/** Folded words that place a statement in the present (French and English). */
export const NOW_WORDS: ReadonlySet<string> = new Set(
  (
    "actuellement aujourd'hui aujourd’hui actuel actuelle actuels actuelles desormais presentement " +
    'currently current now nowadays presently today'
  ).split(' '),
);

const YEAR = /^(?:18|19|20)\d\d$/;
const ANAPHORIC_BEFORE = /(?:^|[\s'’])(?:les|ces|leurs|nos|vos|des|the|these|those|their|our|both)\s+$/iu;
const ORDINAL_SUFFIX = /\d(?:e|er|re|ère|ème|eme|ere|è|es|ers|res|èmes|emes|nd|st|rd|th)$/iu;
/** Inside a sentence a period ends an abbreviation ("M. Stock"), not a sentence: only these start a clause. */
const CLAUSE_START = /(?:^|[!?:;\n«»"“”•|–—(]\s*)$/;
const PLACE_BEFORE = /(?:^|[\s(])(?:à|au|aux|en|dans|in|at|near)\s+$/iu;
/** A civility title before a name ("M. Stock", "MM. António Guterres et…", "Mr Fedotov"). */
const TITLE_BEFORE = /(?:^|[\s(])(?:M|MM|Mme|Mmes|Mlle|Mr|Mrs|Ms|Dr)\.?\s+$/u;

/**
 * Recently read passages' analyses. Bounded (least recently used out): a search reads a few dozen
 * passages, and an unbounded cache would end up holding the whole corpus's sentence analysis in a
 * long-running server over a large index.
 */
const cache = new BoundedCache<IndexedPassage, PassageSentences>({ capacity: 4096, policy: 'lru' });

export function passageSentences(entry: IndexedPassage): PassageSentences {
  return cache.get(entry, () => analyse(entry));
}

function analyse(entry: IndexedPassage): PassageSentences {
  const text = entry.passage.text;
  const tokens = analyzeFrenchTokens(text).filter((t) => !t.compound);
  const spans = splitSentences(text);
  const persons = personNames(text, tokens);
  const quoted = quotedSpans(text);
  const speakers = new Set<string>();
  const sentences: SentenceInfo[] = [];
  let ti = 0;
  for (const span of spans) {
    while (ti < tokens.length && tokens[ti]!.start < span.start) ti++;
    const own: typeof tokens = [];
    while (ti < tokens.length && tokens[ti]!.start < span.end) own.push(tokens[ti++]!);
    const terms = new Set<string>();
    const words = new Set<string>();
    const forms = new Map<string, string[]>();
    const years: string[] = [];
    const quantities: string[] = [];
    const names: SentenceInfo['names'] = [];
    const places: { folded: string; term: string; end: number }[] = [];
    let month = false;
    own.forEach((t, i) => {
      terms.add(t.term);
      words.add(t.folded);
      const f = forms.get(t.term);
      if (!f) forms.set(t.term, [t.folded]);
      else if (!f.includes(t.folded)) f.push(t.folded);
      const raw = text.slice(t.start, t.end);
      if (t.kind === 'number') {
        if (YEAR.test(t.term)) years.push(t.term);
        else if (ORDINAL_SUFFIX.test(raw)) {
          // an ordinal ("25ème session") ranks, it does not count
        } else if (isDay(own, i)) {
          // "23 mai", "8 et 9 décembre": a date, not a quantity
        } else quantities.push(t.term);
        return;
      }
      const digits = numberWordValue(t.folded);
      if (digits !== undefined) {
        terms.add(digits);
        words.add(digits);
      }
      // "les deux organisations", "the two leaders": a determiner refers back, it does not count.
      if (QUANTITY_WORDS.has(t.folded) && !ANAPHORIC_BEFORE.test(text.slice(Math.max(span.start, t.start - 8), t.start))) quantities.push(digits ?? t.folded);
      if (MONTHS.has(t.folded)) month = true;
      const first = raw[0] ?? '';
      const upper = first !== first.toLowerCase();
      if (!upper || COMMON_CAPITALISED.has(t.folded) || MONTHS.has(t.folded)) return;
      const acronym = raw.length >= 2 && raw === raw.toUpperCase();
      const initial = t.start === span.start || CLAUSE_START.test(text.slice(Math.max(span.start, t.start - 3), t.start));
      // "à Vienne", "in New York": a place, which answers where, not who.
      const place = PLACE_BEFORE.test(text.slice(Math.max(span.start, t.start - 6), t.start)) || (places.length > 0 && places[places.length - 1]!.end === t.start - 1);
      if (place) places.push({ folded: t.folded, term: t.term, end: t.end });
      else if (acronym || !initial) names.push({ folded: t.folded, term: t.term, acronym, person: !acronym && persons.has(t.folded) });
    });
    let now = false;
    for (const w of words) if (NOW_WORDS.has(w)) now = true;
    const spoken = QUOTE_CHARS.test(text.slice(span.start, span.end)) || [...words].some(isSpeechWord);
    if (spoken) for (const t of own) if (persons.has(t.folded) && !quoted(t.start)) speakers.add(t.folded);
    sentences.push({ start: span.start, end: span.end, heading: span.heading, terms, words, forms, now, years, month, quantities, names, places });
  }
  const contextTerms = new Set<string>([...entry.terms, ...entry.titleTerms, ...entry.aliases.values()]);
  const contextWords = new Set<string>([...entry.words, ...entry.aliases.values()]);
  for (const t of analyzeFrenchTokens(entry.passage.title)) if (!t.compound) contextWords.add(t.folded);
  // The publication year dates what the passage reports ("At the 2022 Dialogue"); month and day
  // numbers would match unrelated ordinals ("5ème").
  const year = entry.passage.date?.slice(0, 4);
  if (year && /^\d{4}$/.test(year)) {
    contextWords.add(year);
    contextTerms.add(year);
  }
  return { sentences, contextTerms, contextWords, persons, speakers };
}

type Token = ReturnType<typeof analyzeFrenchTokens>[number];

const QUOTE_CHARS = /[«»“”"]/;

/**
 * Folded forms of verbs of saying (French and English), and prefixes of the regular ones. A false
 * hit ("un accord conclu") only matters in a sentence that also names a person outside quotes.
 */
const SPEECH_WORDS = new Set(
  (
    'dit dits dite dites disent dire disait disaient note notent ajoute ajoutent estime estiment indique indiquent precise precisent ' +
    'rappelle rappele rappelent repond repondu lance selon ' +
    'say says said tell tells told state states stated stating according warn warns warned explain explains explained ' +
    'describe describes described think thinks thought believe believes claim claims claimed comment commented announce announced announces ' +
    'add added adds stress stressed call called'
  ).split(' '),
);
const SPEECH_PREFIXES = ['declar', 'affirm', 'expliqu', 'soulign', 'conclu', 'annonc', 'insist', 'avert', 'decri', 'qualifi', 'pens', 'expression'];

/** A word of saying (a verb, "selon", "according"); also what marks a question about someone's words. */
export function isSpeechWord(folded: string): boolean {
  return SPEECH_WORDS.has(folded) || SPEECH_PREFIXES.some((p) => folded.startsWith(p));
}

/** Whether an offset of the text lies inside « … », “ … ” or "…" (quotes may span sentences). */
function quotedSpans(text: string): (offset: number) => boolean {
  const ranges: [number, number][] = [];
  let open = -1;
  let straight = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '«' || c === '“') {
      if (open < 0) open = i;
    } else if (c === '»' || c === '”') {
      // A closing mark with no opening one: the quotation began in the previous passage.
      ranges.push([open >= 0 ? open : -1, i]);
      open = -1;
    } else if (c === '"') {
      if (straight < 0) straight = i;
      else {
        ranges.push([straight, i]);
        straight = -1;
      }
    }
  }
  // An unclosed quotation runs to the end of the passage (it closes in the next one).
  if (open >= 0) ranges.push([open, text.length]);
  return (offset) => ranges.some(([a, b]) => offset > a && offset < b);
}

/** People's names and places a text writes (a question, a passage): see personNames and PLACE_BEFORE. */
export function namedKinds(text: string): { persons: Set<string>; places: Set<string> } {
  const tokens = analyzeFrenchTokens(text).filter((t) => !t.compound);
  const places = new Set<string>();
  let lastPlaceEnd = -2;
  for (const t of tokens) {
    const raw = text.slice(t.start, t.end);
    const first = raw[0] ?? '';
    if (t.kind !== 'word' || first === first.toLowerCase() || COMMON_CAPITALISED.has(t.folded)) continue;
    if (PLACE_BEFORE.test(text.slice(Math.max(0, t.start - 6), t.start)) || lastPlaceEnd === t.start - 1) {
      places.add(t.folded);
      lastPlaceEnd = t.end;
    }
  }
  return { persons: personNames(text, tokens), places };
}

/**
 * Folded words the passage uses as people's names: after a civility title ("M. Stock", "MM.
 * António Guterres"), or as two adjacent capitalised words that are neither acronyms, titles nor
 * institutions ("Yury Fedotov", "Jürgen Stock"), unless a place preposition or a bracket comes
 * first ("à New York", "(New York)"). A word read as a name once is a name throughout the passage.
 */
function personNames(text: string, tokens: readonly Token[]): Set<string> {
  const out = new Set<string>();
  const nameLike = (t: Token | undefined): boolean => {
    if (!t || t.kind !== 'word') return false;
    const raw = text.slice(t.start, t.end);
    const first = raw[0] ?? '';
    if (first === first.toLowerCase()) return false;
    if (raw.length >= 2 && raw === raw.toUpperCase()) return false;
    return !COMMON_CAPITALISED.has(t.folded) && !MONTHS.has(t.folded);
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!nameLike(t)) continue;
    const before = text.slice(Math.max(0, t.start - 6), t.start);
    const next = tokens[i + 1];
    const adjacent = nameLike(next) && /^ $/.test(text.slice(t.end, next!.start));
    if (TITLE_BEFORE.test(before)) {
      out.add(t.folded);
      if (adjacent) out.add(next!.folded);
    } else if (adjacent && !PLACE_BEFORE.test(before) && !/\(\s*$/.test(before)) {
      out.add(t.folded);
      out.add(next!.folded);
    }
  }
  return out;
}

/** A number directly followed (a second day may come between) by a month name. */
function isDay(tokens: readonly { kind: string; folded: string; term: string }[], i: number): boolean {
  const n = Number(tokens[i]?.term);
  if (!Number.isInteger(n) || n < 1 || n > 31) return false;
  for (let j = i + 1; j <= i + 2 && j < tokens.length; j++) {
    const t = tokens[j]!;
    if (MONTHS.has(t.folded)) return true;
    if (t.kind !== 'number') return false;
  }
  return false;
}
