/**
 * The short answer of a who / when / where / how many / how much / which question, lifted from the
 * quoted sentences: the name, the date, the place or the figure the question asks for, verbatim
 * (« Le 5 février 2018 »), with the citation number of the sentence it comes from. An English form
 * is planned alongside: dates and numbers are rewritten deterministically, people's names are kept
 * as written, and only common words (a counted noun, a place name, a body) go through machine
 * translation (answer/english.ts renders the plan).
 *
 * Which candidate: among the candidates of the expected kind in the quoted sentences, not already
 * named by the question, the one closest to the words the question and the sentence share (IDF
 * weighted when corpus statistics are known), the first quote preferred. A question with two asks
 * ("Quand …, et combien …") gets one part per ask. No candidate → no short answer (the answer stays
 * quote-first); a "which" question about anything else than a body or a place stays quote-first.
 */
import type { Lang } from '../../core/types.js';
import { answerTypes } from '../../index/index.js';
import { analyzeFrenchTokens, analyzeQuery, foldText, FRENCH_STOPWORDS } from '../../text/index.js';
import type { Lexicon, Vocabulary } from '../../text/index.js';
import { dateInEnglish, findDates, type DateCandidate } from './dates.js';
import { findNames, personGroups, type NameCandidate } from './names.js';
import { findQuantities, quantityInEnglish, type QuantityCandidate } from './numbers.js';

export type ShortKind = 'when' | 'count' | 'who' | 'where' | 'which';

/**
 * A piece of the English form: literal English, or French text machine translation renders. With
 * `expect`, the translation must contain that text (a number written the English way), else
 * `orElse` is rendered instead.
 */
export type EnglishSegment = { text: string } | { translate: string; expect?: string; orElse?: EnglishSegment[] };

export interface ShortPart {
  kind: ShortKind;
  /** Index of the quote (in the quotes given) it comes from, and that quote's citation number. */
  quote: number;
  n: number;
  /** The French form shown: verbatim span(s) of the quote, first letter capitalised. */
  text: string;
  /** Verbatim span(s) as written in the quote (joined by " et " when several). */
  original: string;
  english: EnglishSegment[];
}

export interface ShortAnswerPlan {
  parts: ShortPart[];
}

export interface ShortQuote {
  n: number;
  text: string;
  /** The whole passage the sentence comes from (people named in full elsewhere in it). */
  passage?: string;
  /** The publication date of the passage's document (ISO 8601), when known. */
  date?: string | null;
}

export interface ShortAnswerOptions {
  /** Characters over which a shared word's pull halves (distance of a candidate to the question's words). */
  distanceScale: number;
  /** Score factor of each later quote (the first quote is the best evidence). */
  laterQuote: number;
  /** A plural who/which question takes further candidates scoring at least this share of the best… */
  pluralShare: number;
  /** …a plural where-question (places are few and may come from several quotes) this share. */
  pluralPlaceShare: number;
  /** Longest counted-noun phrase, in words ("profils de terroristes étrangers"). */
  maxNounWords: number;
}

export const DEFAULT_SHORT_ANSWER: ShortAnswerOptions = { distanceScale: 60, laterQuote: 0.8, pluralShare: 0.5, pluralPlaceShare: 0.35, maxNounWords: 4 };

interface Anchor {
  start: number;
  end: number;
  group: number;
}

interface QuestionRead {
  kinds: ShortKind[];
  /** Folded question words and the surface words of their translations (names the answer must not repeat). */
  known: Set<string>;
  /** French stem → group; group weights. */
  stems: Map<string, number>;
  weights: number[];
  numbers: Set<string>;
  plural: boolean;
  since: boolean;
  duration: boolean;
  /** How many times the question asks "when" ("when it started, when it was formalised…"). */
  whenAsks: number;
  /** "quel pays / which country" (a bare name answers) vs "où / where" (a preposition phrase). */
  whereByName: boolean;
  /** A where-question about a city or a country (« dans quelle ville », "which country"). */
  placeKind: 'city' | 'country' | null;
  /** "Who was the executive director of…?": a person asked for by role, not by what they did. */
  byRole: boolean;
}

const WHICH_BODY =
  /\b(?:quel(?:le)?s?|lequel|laquelle|lesquels|lesquelles)\s+(?:(?:sont|est|étaient|était)\s+(?:les?|la|l['’])\s*)?(?:organisations?|organismes?|organes?|agences?|entités?|institutions?|partenaires?|instances?|services?|organisations? (?:\p{L}+ )?(?:policières?|régionales?)|pays|états?|personnes?|responsables?|dirigeants?)\b|\b(?:which|what)\s+(?:(?:are|were|is|was)\s+the\s+)?(?:\p{L}+\s+){0,2}(?:organi[sz]ations?|bodies|body|agenc(?:y|ies)|entit(?:y|ies)|institutions?|partners?|countries|country|states?|people|persons?|officials?|leaders?)\b/iu;
const PLURAL = /\b(?:les deux|tous les|toutes les|both|who were|who are|qui sont|qui étaient|signataires|signatories|participants|quels|quelles|which (?:\p{L}+ )?(?:\p{L}+s)\b|villes|cities|countries|pays)\b/iu;
const SINCE = /\b(?:depuis quand|depuis combien|à partir de quand|since when|how long)\b/i;
const DURATION = /\b(?:combien de temps|pendant combien|depuis combien de temps|quelle (?:a été la |est la |était la )?durée|how long|what (?:was|is) the duration)\b/i;
const TIME_NOUN = /^(?:jours?|journées?|semaines?|mois|ans|années?|heures?|minutes?|siècles?|décennies?|days?|weeks?|months?|years?|hours?|minutes?|decades?|centuries)$/i;

function readQuestion(question: string, lang: Lang, lexicon: Lexicon | null, vocabulary: Vocabulary | null): QuestionRead {
  const info = answerTypes(question, lang);
  const kinds: ShortKind[] = [];
  for (const t of info.types) kinds.push(t);
  if (kinds.length === 0 && WHICH_BODY.test(question)) kinds.push('which');
  const analysis = analyzeQuery(question, lang, lexicon, vocabulary ? { vocabulary } : {});
  // A follow-up's bracketed context (« (signé accord ONUDC INTERPOL) ») says what it is about, not what it asks.
  const bracket = /\(([^)]*)\)\s*[?？!.]*\s*$/u.exec(question);
  const contextWords = new Set(bracket ? (bracket[1] ?? '').split(/\s+/).map((w) => foldText(w)) : []);
  const stems = new Map<string, number>();
  const weights: number[] = analysis.groups.map(() => 0);
  const typeWords = new Set([...info.typeWords]);
  for (const term of analysis.terms) {
    const groupText = analysis.groups[term.group]?.text ?? '';
    if (groupText.split(/\s+/).every((w) => typeWords.has(foldText(w)))) continue;
    for (const s of term.stems) if (!stems.has(s)) stems.set(s, term.group);
    const idf = vocabulary ? Math.max(0.25, ...term.stems.map((s) => vocabulary.idf(s))) : 1;
    const fromContext = groupText.split(/\s+/).every((w) => contextWords.has(foldText(w)));
    weights[term.group] = Math.max(weights[term.group] ?? 0, idf * term.weight * (fromContext ? 0.3 : 1));
  }
  const known = new Set<string>();
  for (const m of question.matchAll(/[\p{L}\p{N}][\p{L}\p{M}\p{N}'’-]*/gu)) {
    const f = foldText(m[0]).replace(/^(?:l|d|qu)['’]/, '');
    known.add(f);
    for (const part of f.split(/[-'’]/)) if (part) known.add(part);
  }
  for (const term of analysis.terms) for (const w of term.words) for (const part of w.split(/[\s-]+/)) known.add(part);
  const numbers = new Set<string>();
  for (const m of question.matchAll(/\d[\d\s\u00a0.,]*\d|\d/g)) numbers.add(m[0].replace(/[\s\u00a0.]/g, '').replace(',', '.'));
  return {
    kinds,
    known,
    stems,
    weights,
    numbers,
    plural: PLURAL.test(question),
    whenAsks: Math.min(3, (question.match(/(?:^|[\s,;:(])(?:quand|when)(?![\p{L}])/giu) ?? []).length),
    since: SINCE.test(question),
    duration: DURATION.test(question),
    whereByName: info.whereByName,
    byRole: !PLURAL.test(question) && /(?:^|\s)(?:who|qui)\s+(?:is|was|est|était|fut|a été|has been)\s+(?:the|le|la|l['’])/i.test(question),
    placeKind: /\b(?:villes?|city|cities|town)\b/i.test(question) ? 'city' : /\b(?:pays|country|countries|états?|states?)\b/i.test(question) ? 'country' : null,
  };
}

/** Where the question's words stand in a sentence. */
function anchorsIn(sentence: string, q: QuestionRead): Anchor[] {
  const out: Anchor[] = [];
  for (const t of analyzeFrenchTokens(sentence)) {
    if (t.compound) continue;
    const g = q.stems.get(t.term);
    if (g !== undefined) out.push({ start: t.start, end: t.end, group: g });
  }
  return out;
}

/** Pull of the question's words on a span: each shared word counts once, at its nearest occurrence. */
function affinity(start: number, end: number, anchors: readonly Anchor[], q: QuestionRead, o: ShortAnswerOptions): number {
  const best = new Map<number, number>();
  for (const a of anchors) {
    if (a.start >= start && a.end <= end) continue; // a word of the candidate itself
    const d = a.end <= start ? start - a.end : a.start >= end ? a.start - end : 0;
    const pull = (q.weights[a.group] ?? 1) * Math.pow(0.5, d / o.distanceScale);
    best.set(a.group, Math.max(best.get(a.group) ?? 0, pull));
  }
  let total = 0;
  for (const v of best.values()) total += v;
  return total;
}

interface Scored<T> {
  item: T;
  quote: number;
  score: number;
}

export function planShortAnswer(
  question: string,
  lang: Lang,
  quotes: readonly ShortQuote[],
  deps: { lexicon: Lexicon | null; vocabulary?: Vocabulary | null },
  options: Partial<ShortAnswerOptions> = {},
): ShortAnswerPlan | null {
  const o: ShortAnswerOptions = { ...DEFAULT_SHORT_ANSWER, ...options };
  if (quotes.length === 0) return null;
  const q = readQuestion(question, lang, deps.lexicon, deps.vocabulary ?? null);
  if (q.kinds.length === 0) return null;
  const parts: ShortPart[] = [];
  for (const kind of q.kinds) {
    if (kind === 'when' && q.whenAsks > 1 && !q.duration) {
      // "When did it start, when was it formalised and when did the office open?": one date per ask.
      for (const p of whenParts(q, quotes, o, q.whenAsks)) if (!parts.some((x) => x.original === p.original)) parts.push(p);
      continue;
    }
    const part =
      kind === 'when' ? (q.duration ? countPart(q, quotes, o, true) ?? whenPart(q, quotes, o) : whenPart(q, quotes, o)) : kind === 'count' ? countPart(q, quotes, o, false) : namePart(kind, q, quotes, o);
    if (part && !parts.some((p) => p.original === part.original)) parts.push(part);
  }
  return parts.length > 0 ? { parts } : null;
}

/** The best dates of distinct years, in the order the quotes give them. */
function whenParts(q: QuestionRead, quotes: readonly ShortQuote[], o: ShortAnswerOptions, n: number): ShortPart[] {
  const all = dateCandidates(q, quotes, o).sort((a, b) => b.score - a.score);
  const chosen: Scored<DateCandidate>[] = [];
  for (const s of all) {
    if (chosen.length >= n) break;
    const year = s.item.parts.year;
    if (chosen.some((c) => c.item.parts.year === year && c.item.text === s.item.text)) continue;
    if (chosen.some((c) => c.quote === s.quote && c.item.start === s.item.start)) continue;
    chosen.push(s);
  }
  chosen.sort((a, b) => a.quote - b.quote || a.item.start - b.item.start);
  return chosen.map((s) => datePart(s, quotes));
}

function datePart(best: Scored<DateCandidate>, quotes: readonly ShortQuote[]): ShortPart {
  const c = best.item;
  const quote = quotes[best.quote]!;
  return { kind: 'when', quote: best.quote, n: quote.n, text: upperFirst(c.text), original: c.text, english: [{ text: upperFirst(dateInEnglish(c.parts)) }] };
}

function dateCandidates(q: QuestionRead, quotes: readonly ShortQuote[], o: ShortAnswerOptions): Scored<DateCandidate>[] {
  const scored: Scored<DateCandidate>[] = [];
  quotes.forEach((quote, qi) => {
    const anchors = anchorsIn(quote.text, q);
    for (const c of findDates(quote.text)) {
      const years = [c.parts.year, c.parts.year2].filter((y): y is number => y !== null).map(String);
      if (c.precision === 1 && years.every((y) => q.numbers.has(y))) continue;
      if (c.parts.day !== null && q.numbers.has(String(c.parts.day)) && years.every((y) => q.numbers.has(y))) continue;
      let score = affinity(c.start, c.end, anchors, q, o) + 0.05 * c.precision;
      if (q.since && c.parts.prep && /^(?:depuis|dès|since|from)/.test(c.parts.prep)) score += 0.5;
      scored.push({ item: c, quote: qi, score: score * Math.pow(o.laterQuote, qi) });
    }
  });
  return scored;
}

function whenPart(q: QuestionRead, quotes: readonly ShortQuote[], o: ShortAnswerOptions): ShortPart | null {
  const best = top(dateCandidates(q, quotes, o));
  return best ? datePart(best, quotes) : documentDatePart(quotes);
}

const FRENCH_MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/**
 * A when-question whose quoted sentence holds no date (« Lors de leur première réunion, … ») gets
 * the date of the document it comes from, labelled as such: a news report's date, not a claim that
 * the event happened on that day.
 */
function documentDatePart(quotes: readonly ShortQuote[]): ShortPart | null {
  const quote = quotes[0];
  const m = quote?.date ? /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(quote.date) : null;
  if (!quote || !m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = m[3] ? Number(m[3]) : null;
  const fr = `${day !== null ? `${day} ` : ''}${FRENCH_MONTHS[month - 1]} ${year}`;
  const en = dateInEnglish({ prep: null, day, day2: null, rangeWord: null, month, year, year2: null }).replace(/^(?:on|in) /, '');
  return {
    kind: 'when',
    quote: 0,
    n: quote.n,
    text: `${upperFirst(fr)} (date du document)`,
    original: fr,
    english: [{ text: `${en} (date of the document)` }],
  };
}

function countPart(q: QuestionRead, quotes: readonly ShortQuote[], o: ShortAnswerOptions, duration: boolean): ShortPart | null {
  const scored: Scored<{ c: QuantityCandidate; nounEnd: number; quote: string }>[] = [];
  quotes.forEach((quote, qi) => {
    const anchors = anchorsIn(quote.text, q);
    for (const c of findQuantities(quote.text, FRENCH_STOPWORDS)) {
      if (q.numbers.has(String(c.value))) continue;
      const noun = quote.text.slice(c.nounStart, c.nounEnd);
      if (duration && !TIME_NOUN.test(noun)) continue;
      const nounEnd = extendNoun(quote.text, c.nounEnd, q, o.maxNounWords);
      const nounStems = analyzeFrenchTokens(quote.text.slice(c.nounStart, nounEnd)).map((t) => t.term);
      let score = affinity(c.spanStart, nounEnd, anchors, q, o);
      // The counted noun is the question's ("Combien d'États membres…" → « 192 pays membres »).
      const own = nounStems.filter((s) => q.stems.has(s));
      for (const s of new Set(own)) score += 1.5 * (q.weights[q.stems.get(s)!] ?? 1);
      scored.push({ item: { c, nounEnd, quote: quote.text }, quote: qi, score: score * Math.pow(o.laterQuote, qi) });
    }
  });
  const best = top(scored);
  if (!best) return null;
  const { c, nounEnd, quote: text } = best.item;
  const original = text.slice(c.spanStart, nounEnd).replace(/[\s,;:]+$/, '');
  const noun = text.slice(c.nounStart, nounEnd).trim();
  const composedEn: EnglishSegment[] = [{ text: quantityInEnglish(c) }];
  if (noun && nounEnd > c.numberEnd) composedEn.push({ text: ' ' }, { translate: noun });
  // The number and its noun translated together read better ("4.5 billion searches", not "4.5 billion
  // you research"); the approximation ("près de" → "nearly") is written here, never by the engine.
  const phrase = text.slice(c.start, nounEnd).trim();
  const approxEn = c.approx ? quantityInEnglish({ ...c, number: '', scale: null, unit: null }).trim() : '';
  const numberEn = quantityInEnglish({ ...c, approx: null });
  const english: EnglishSegment[] =
    noun && nounEnd > c.numberEnd && /\d/.test(c.number)
      ? [...(approxEn ? [{ text: `${approxEn} ` }] : []), { translate: phrase, expect: englishNumberCore(numberEn), orElse: composedEn }]
      : composedEn;
  return { kind: 'count', quote: best.quote, n: quotes[best.quote]!.n, text: upperFirst(original), original, english };
}

/** The counted noun, continued while the words are the question's (« pays membres », « profils de terroristes étrangers »). */
function extendNoun(text: string, nounEnd: number, q: QuestionRead, maxWords: number): number {
  let end = nounEnd;
  let words = 1;
  const re = /^([\s\u00a0]+(?:(?:de|des|du|d['’])\s*)?)([\p{L}][\p{L}\p{M}'’-]*)/u;
  while (words < maxWords) {
    const m = re.exec(text.slice(end));
    if (!m) break;
    // A name the question already gives (« du Conseil de sécurité ») adds nothing to the figure.
    if (/^\p{Lu}/u.test(m[2]!)) break;
    const stem = analyzeFrenchTokens(m[2]!)[0]?.term;
    if (!stem || !q.stems.has(stem)) break;
    end += m[0].length;
    words++;
  }
  return end;
}

function namePart(kind: 'who' | 'where' | 'which', q: QuestionRead, quotes: readonly ShortQuote[], o: ShortAnswerOptions): ShortPart | null {
  const scored: Scored<NameCandidate[]>[] = [];
  quotes.forEach((quote, qi) => {
    const persons = new Set<string>();
    for (const n of findNames(quote.passage ?? quote.text)) if (n.kind === 'person') for (const w of n.words) persons.add(w);
    const names = findNames(quote.text, persons).filter((n) => !isKnown(n, q));
    const anchors = anchorsIn(quote.text, q);
    const factor = Math.pow(o.laterQuote, qi);
    if (kind === 'where') {
      const places = names.filter((n) => n.kind === 'place');
      // "Which country…": a proper name may answer without a preposition, when no place is written.
      const pool = places.length > 0 || !q.whereByName ? places : names.filter((n) => n.kind === 'body' && !n.generic && !/^\p{Lu}{2,}$/u.test(n.text));
      for (const n of pool) {
        // « à Lyon, en France »: a city comes after « à », a country after « en / au / aux ».
        const prepFit = q.placeKind === 'city' ? (n.prep && /^(?:à|a|in|at)$/i.test(n.prep) ? 0.5 : 0) : q.placeKind === 'country' ? (n.prep && /^(?:en|au|aux|in)$/i.test(n.prep) ? 0.5 : 0) : 0;
        scored.push({ item: [n], quote: qi, score: (affinity(n.start, n.end, anchors, q, o) + 0.5 + prepFit) * factor });
      }
      return;
    }
    const groups = personGroups(quote.text, names)
      .map((g) => (q.byRole ? byRole(quote.text, g, anchors, q) : g).filter((n) => !isKnown(n, q)))
      .filter((g) => g.length > 0);
    for (const g of groups) {
      const start = g[0]!.start;
      const end = g[g.length - 1]!.end;
      scored.push({ item: g, quote: qi, score: (affinity(start, end, anchors, q, o) + 1) * factor });
    }
    for (const n of names) {
      if (n.kind !== 'body' || (n.generic && kind === 'which')) continue;
      scored.push({ item: [n], quote: qi, score: affinity(n.start, n.end, anchors, q, o) * factor * (kind === 'which' ? 1 : n.generic ? 0.3 : 0.6) });
    }
  });
  const best = top(scored);
  if (!best) return null;
  let chosen = best.item;
  let quoteIndex = best.quote;
  if (q.plural) {
    // "Qui étaient les deux signataires ?", "Dans quelles villes … ?": every good candidate of the same sort.
    const sort = best.item[0]!.kind;
    // A list is written in one sentence ("avec l’ONUDC, le DOMP, l’UNICRI et l’UNESCO"); places may come from several.
    const more = scored
      .filter((s) => s !== best && s.item[0]!.kind === sort && s.score >= (kind === 'where' ? o.pluralPlaceShare : o.pluralShare) * best.score && (kind === 'where' || s.quote === best.quote))
      .sort((a, b) => a.quote - b.quote || a.item[0]!.start - b.item[0]!.start);
    const all = [best, ...more].sort((a, b) => a.quote - b.quote || a.item[0]!.start - b.item[0]!.start);
    const seen = new Set<string>();
    chosen = [];
    for (const s of all) {
      for (const n of s.item) {
        const key = n.words.join(' ');
        if (seen.has(key)) continue;
        seen.add(key);
        chosen.push(n);
      }
    }
    quoteIndex = all[0]!.quote;
  }
  const originals = chosen.map((n) => n.text);
  const original = originals.join(' et ');
  const n = quotes[quoteIndex]!.n;
  if (kind === 'where') {
    const prep = chosen[0]!.prep;
    const name = originals.join(' et ');
    const fr = prep && !q.whereByName ? `${prep} ${name}` : name;
    const english: EnglishSegment[] = [];
    const enPrep = prep && !q.whereByName ? placePrepEnglish(prep) : null;
    if (enPrep) english.push({ text: `${enPrep} ` });
    chosen.forEach((c, i) => {
      if (i > 0) english.push({ text: i === chosen.length - 1 ? ' and ' : ', ' });
      if (c.city && c.body) english.push({ translate: c.body }, { text: ' in ' }, { translate: c.city });
      else english.push({ translate: c.text });
    });
    return { kind, quote: quoteIndex, n, text: upperFirst(fr), original, english: capitaliseFirst(english) };
  }
  const english: EnglishSegment[] = [];
  chosen.forEach((c, i) => {
    if (i > 0) english.push({ text: i === chosen.length - 1 ? ' and ' : ', ' });
    // People's names are kept as written; bodies ("ONUDC", "Conseil de sécurité") are translated.
    english.push(c.kind === 'person' ? { text: c.text } : { translate: c.text });
  });
  return { kind, quote: quoteIndex, n, text: upperFirst(original), original, english };
}

/** The digits of an English number phrase ("4.5 billion" → "4.5"): what a translation must keep. */
function englishNumberCore(s: string): string {
  return /[\d][\d,.]*/.exec(s)?.[0] ?? s;
}

/**
 * "Who was the executive director of UNODC?" asks for a person by role: of people coordinated with
 * their roles (« le directeur exécutif de l'ONUDC, Yury Fedotov, et le Secrétaire général
 * d'INTERPOL, Juergen Stock »), only those whose role holds the question's words.
 */
function byRole(text: string, group: NameCandidate[], anchors: readonly Anchor[], q: QuestionRead): NameCandidate[] {
  if (group.length < 2) return group;
  const gaps = group.slice(1).map((n, i) => text.slice(group[i]!.end, n.start));
  if (!gaps.some((g) => (g.match(/\p{L}+/gu) ?? []).length >= 2)) return group;
  const weights = group.map((n, i) => {
    const from = i === 0 ? Math.max(0, n.start - 80) : group[i - 1]!.end;
    const seen = new Set<number>();
    let w = 0;
    for (const a of anchors) {
      if (a.start < from || a.end > n.start || seen.has(a.group)) continue;
      seen.add(a.group);
      w += q.weights[a.group] ?? 1;
    }
    return w;
  });
  const best = Math.max(...weights);
  return best > 0 ? group.filter((_, i) => weights[i]! >= 0.5 * best) : group;
}

function isKnown(n: NameCandidate, q: QuestionRead): boolean {
  const significant = n.words.filter((w) => !/^(?:de|du|des|d'|la|le|l'|et|of|the|and)$/.test(w));
  return significant.length > 0 && significant.every((w) => q.known.has(w) || q.known.has(w.replace(/ue/g, 'u')));
}

function placePrepEnglish(prep: string): string | null {
  const p = prep.toLowerCase();
  if (/siège|headquarters/.test(p)) return 'at the headquarters of';
  if (/^(?:à|au|aux|en|dans|in|at)$/.test(p)) return 'in';
  if (/^(?:depuis|from)$/.test(p)) return 'from';
  return null;
}

function top<T>(scored: readonly Scored<T>[]): Scored<T> | null {
  let best: Scored<T> | null = null;
  for (const s of scored) if (!best || s.score > best.score) best = s;
  return best;
}

function upperFirst(s: string): string {
  const t = s.trim();
  return t.charAt(0).toUpperCase() + t.slice(1);
}

function capitaliseFirst(segments: EnglishSegment[]): EnglishSegment[] {
  const first = segments[0];
  if (first && 'text' in first) return [{ text: upperFirst(first.text) + (first.text.endsWith(' ') ? ' ' : '') }, ...segments.slice(1)];
  return segments;
}
