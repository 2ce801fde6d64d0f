/**
 * A passage read sentence by sentence, as the evidence model needs it: each sentence's exact span
 * (quotable verbatim), its index terms, and the answer candidates it holds (names, dates,
 * quantities, places — answer-type.ts says which kind a question wants). Computed once per
 * analysed passage and cached (a WeakMap on the BM25 entry, so an updated index drops it).
 */
import type { IndexedPassage } from '../bm25/postings.js';
import { numberWordValue } from '../bm25/number-words.js';
import { analyzeFrenchTokens } from '../text/french.js';
import { splitSentences } from '../text/sentences.js';

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
  /** Years (1800–2099) written in the sentence. */
  years: string[];
  /** A month name: with a day or a year it dates something. */
  month: boolean;
  /** Quantities: numbers that are neither years, ordinals nor days of a month, and number words. */
  quantities: string[];
  /** Folded name words (capitalised inside the sentence, or acronyms), with their index term. */
  names: { folded: string; term: string }[];
  /** Folded capitalised words right after "à/au/en/dans/in/at" (and the capitalised words continuing them: "New York"): places. */
  places: { folded: string; term: string; end: number }[];
}

export interface PassageSentences {
  sentences: SentenceInfo[];
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

const YEAR = /^(?:18|19|20)\d\d$/;
const ANAPHORIC_BEFORE = /(?:^|[\s'’])(?:les|ces|leurs|nos|vos|des|the|these|those|their|our|both)\s+$/iu;
const ORDINAL_SUFFIX = /\d(?:e|er|re|ère|ème|eme|ere|è|es|ers|res|èmes|emes|nd|st|rd|th)$/iu;
/** Inside a sentence a period ends an abbreviation ("M. Stock"), not a sentence: only these start a clause. */
const CLAUSE_START = /(?:^|[!?:;\n«»"“”•|–—(]\s*)$/;
const PLACE_BEFORE = /(?:^|[\s(])(?:à|au|aux|en|dans|in|at|near)\s+$/iu;

const cache = new WeakMap<IndexedPassage, PassageSentences>();

export function passageSentences(entry: IndexedPassage): PassageSentences {
  let out = cache.get(entry);
  if (!out) {
    out = analyse(entry);
    cache.set(entry, out);
  }
  return out;
}

function analyse(entry: IndexedPassage): PassageSentences {
  const text = entry.passage.text;
  const tokens = analyzeFrenchTokens(text).filter((t) => !t.compound);
  const spans = splitSentences(text);
  const sentences: SentenceInfo[] = [];
  let ti = 0;
  for (const span of spans) {
    while (ti < tokens.length && tokens[ti]!.start < span.start) ti++;
    const own: typeof tokens = [];
    while (ti < tokens.length && tokens[ti]!.start < span.end) own.push(tokens[ti++]!);
    const terms = new Set<string>();
    const words = new Set<string>();
    const years: string[] = [];
    const quantities: string[] = [];
    const names: { folded: string; term: string }[] = [];
    const places: { folded: string; term: string; end: number }[] = [];
    let month = false;
    own.forEach((t, i) => {
      terms.add(t.term);
      words.add(t.folded);
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
      else if (acronym || !initial) names.push({ folded: t.folded, term: t.term });
    });
    sentences.push({ start: span.start, end: span.end, heading: span.heading, terms, words, years, month, quantities, names, places });
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
  return { sentences, contextTerms, contextWords };
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
