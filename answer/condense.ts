/**
 * Follow-up questions ("Et en 2017 ?", "Who signed it?", "Et l'ONUDC ?", "What about in Vienna?",
 * "Quand ?") rewritten into standalone questions from the previous turn, without an LLM:
 *
 * - slot: the follow-up only names a year, a number or a name → the previous standalone question
 *   with that slot replaced (the last year; the name after the same kind of preposition or of the
 *   same shape), or with the new slot appended when it has none;
 * - context: a bare question word, an anaphoric pronoun (it, they, il, l'a, cet accord …) or a
 *   question too short to stand alone → the follow-up plus the previous question's content words
 *   in parentheses ("Who signed it (UNODC–INTERPOL agreement)?"), which retrieval and the composer
 *   read as one question.
 *
 * Anything else is taken as a new question. The LLM path (condense prompt) lives in pipeline.ts
 * and falls back on this.
 */
import type { Lang } from '../core/types.js';
import type { Lexicon } from '../text/index.js';
import { detectLanguage, foldText, ENGLISH_STOPWORDS, FRENCH_STOPWORDS, tokenize, type Token } from '../text/index.js';
import { DEFAULT_QUESTION } from './question.js';
import type { ConversationTurn } from './types.js';

export interface CondenseOptions {
  /** A question with at most this many content words and no name cannot stand alone. */
  maxShortContentWords: number;
  /** Previous-question words carried into a context rewrite. */
  maxContextWords: number;
  /** Slot follow-ups have at most this many words besides articles and prepositions. */
  maxSlotWords: number;
  /** Folded words that never carry the topic (kind-of-answer words, light verbs). */
  metaWords: ReadonlySet<string>;
}

export const DEFAULT_CONDENSE: CondenseOptions = {
  maxShortContentWords: 1,
  maxContextWords: 10,
  maxSlotWords: 3,
  metaWords: DEFAULT_QUESTION.metaWords,
};

export type CondenseRule = 'none' | 'slot' | 'append' | 'context' | 'llm';

export interface Condensed {
  standalone: string;
  followUp: boolean;
  rule: CondenseRule;
}

const CONNECTOR =
  /^(?:(?:et|mais|alors|puis|ok|d['’]accord|and|but|so|ok|okay)\b[\s,]*)?(?:(?:what|how)\s+about\b|(?:and\s+)?(?:the\s+)?same\s+(?:question\s+)?(?:for|about)\b|pour|concernant|quant\s+[àa]|au\s+sujet\s+d(?:e|u|es|['’])|en\s+ce\s+qui\s+concerne|s['’]agissant\s+d(?:e|u|es|['’])|as\s+for|regarding|concerning)?(?![\p{L}'’])\s*/iu;
const LEADING_CONNECTOR_WORD = /^(?:et|mais|alors|puis|and|but|so)\b/i;
const BARE_WH =
  /^(?:quand|pourquoi|comment|où|qui|combien|lequel|laquelle|lesquels|lesquelles|quoi|à quelle date|en quelle année|depuis quand|par qui|when|why|how|where|who|which|what|how many|how much|since when|in what year|what year|by whom)$/i;
const FILLER_STOP = new Set(
  "le la les l d de du des en à a au aux dans sur pour par avec un une in at on the of for to from by with about an 's".split(' '),
);
const PLACE_PREP = /(?:^|\s)(?:à|a|au|aux|en|dans|in|at)\s*$/i;
const ANAPHOR_EN = /\b(?:it|its|they|them|their|theirs|he|him|his|she|her|this|these|those)\b/i;
const ANAPHOR_FR = [
  /(?<![-\p{L}])(?:il|elle|ils|elles|lui|leur|leurs|celui-ci|celle-ci|ceux-ci|celles-ci|cela|ça)(?![-\p{L}])/iu,
  /(?<![\p{L}])(?:ce dernier|cette dernière|ces derniers)(?![\p{L}])/iu,
  /(?<![\p{L}])[lL]['’](?:a|ont|avait|avaient|est|sont|aura|auront|ai)(?![\p{L}])/u,
  /(?<![\p{L}])(?:les|la|le)\s+(?:a|ont|avait|avaient)(?![\p{L}])/iu,
  /(?<![\p{L}-])(?:cet|cette|ces)\s+\p{L}/iu,
];
const YEAR = /^(?:18|19|20)\d\d$/;

interface Word {
  token: Token;
  folded: string;
  name: boolean;
  number: boolean;
  stop: boolean;
}

export function condenseHeuristic(
  message: string,
  lang: Lang,
  history: readonly ConversationTurn[],
  lexicon: Lexicon | null,
  options: Partial<CondenseOptions> = {},
): Condensed {
  const opts: CondenseOptions = { ...DEFAULT_CONDENSE, ...options };
  const question = message.trim();
  const previous = history[history.length - 1];
  if (!previous) return { standalone: question, followUp: false, rule: 'none' };
  const prevQ = (previous.standalone ?? previous.question).trim();
  const prevLang = previous.lang ?? detectLanguage(prevQ);

  const connectorMatch = CONNECTOR.exec(question)?.[0] ?? '';
  const hasConnector = connectorMatch.trim().length > 0;
  const rest = stripEnd(question.slice(connectorMatch.length));
  const restWords = wordsOf(rest, opts);
  const content = restWords.filter((w) => !w.stop && !w.number && !w.name && !opts.metaWords.has(w.folded));
  const names = restWords.filter((w) => w.name || w.number);

  if (rest === '' || BARE_WH.test(rest) || (hasConnector && content.length === 0 && names.length === 0)) {
    return contextRewrite(rest === '' ? question : rest, prevQ, lang, opts);
  }

  const fillers = restWords.filter((w) => !FILLER_STOP.has(w.folded));
  const slotLike = fillers.length > 0 && fillers.length <= opts.maxSlotWords && fillers.every((w) => w.name || w.number);
  if (slotLike && (hasConnector || fillers.length === restWords.length || fillers.length <= 2)) {
    return slotRewrite(rest, fillers, prevQ, prevLang, lang, lexicon);
  }
  if (hasConnector && fillers.length > 0 && fillers.length <= opts.maxSlotWords && LEADING_CONNECTOR_WORD.test(question) && !isQuestionLike(rest)) {
    // "Et pour la cybercriminalité ?": the same question about something else.
    const topic = stripEnd(question.replace(/^(?:et|mais|alors|puis|and|but|so)\b[\s,]*/i, ''));
    return { standalone: `${stripEnd(prevQ)} ${topic}${qmark(prevLang)}`, followUp: true, rule: 'append' };
  }
  const anaphoric = lang === 'en' ? ANAPHOR_EN.test(rest) : ANAPHOR_FR.some((re) => re.test(rest));
  if (anaphoric || (content.length <= opts.maxShortContentWords && names.length === 0)) {
    return contextRewrite(rest, prevQ, lang, opts);
  }
  return { standalone: question, followUp: false, rule: 'none' };
}

/** "Who signed it" + previous "When was the UNODC–INTERPOL agreement signed?" → "Who signed it (UNODC–INTERPOL agreement)?" */
function contextRewrite(rest: string, prevQ: string, lang: Lang, opts: CondenseOptions): Condensed {
  const own = new Set(wordsOf(rest, opts).map((w) => w.folded));
  const seen = new Set<string>();
  const context: string[] = [];
  for (const w of wordsOf(prevQ, opts)) {
    if (w.stop || opts.metaWords.has(w.folded) || own.has(w.folded) || seen.has(w.folded)) continue;
    if (w.token.compound) continue;
    seen.add(w.folded);
    context.push(w.token.raw);
    if (context.length >= opts.maxContextWords) break;
  }
  const head = upperFirst(stripEnd(rest));
  const standalone = context.length > 0 ? `${head} (${context.join(' ')})${qmark(lang)}` : `${head}${qmark(lang)}`;
  return { standalone, followUp: true, rule: 'context' };
}

function slotRewrite(rest: string, fillers: Word[], prevQ: string, prevLang: Lang, lang: Lang, lexicon: Lexicon | null): Condensed {
  let out = stripEnd(prevQ);
  const appended: string[] = [];
  for (const f of fillers) {
    const value = translateName(f, lang, prevLang, lexicon);
    const target = f.number ? numberSlot(out, f) : nameSlot(out, rest, f, prevLang);
    if (target) out = out.slice(0, target.start) + value + out.slice(target.end);
    else appended.push(f.number && YEAR.test(f.token.norm) ? `${prevLang === 'fr' ? 'en' : 'in'} ${value}` : value);
  }
  if (appended.length > 0) out = `${out} ${appended.join(' ')}`;
  return { standalone: `${out}${qmark(prevLang)}`, followUp: true, rule: appended.length === fillers.length ? 'append' : 'slot' };
}

/** Span of the previous question's year (for a year) or other number (for an ordinal / count) to replace. */
function numberSlot(text: string, filler: Word): { start: number; end: number } | null {
  const wantYear = YEAR.test(filler.token.norm);
  const numbers = tokenize(text).filter((t) => t.kind === 'number' && YEAR.test(t.norm) === wantYear);
  const last = numbers[numbers.length - 1];
  if (!last) return null;
  // Replace the digits only: "6ème" → "5ème".
  const digits = /\d[\d\s.,]*\d|\d/.exec(last.raw);
  if (!digits) return null;
  return { start: last.start + digits.index, end: last.start + digits.index + digits[0].length };
}

/** Span of the previous question's name to replace: after the same kind of preposition, else of the same shape. */
function nameSlot(text: string, rest: string, filler: Word, lang: Lang): { start: number; end: number } | null {
  const entities = nameRuns(text, lang);
  if (entities.length === 0) return null;
  const fillerIsPlace = PLACE_PREP.test(rest.slice(0, filler.token.start));
  if (fillerIsPlace) {
    const places = entities.filter((e) => PLACE_PREP.test(text.slice(0, e.start)));
    const place = places[places.length - 1];
    if (place) return place;
  }
  const acronym = filler.token.kind === 'acronym';
  const sameShape = entities.filter((e) => e.acronym === acronym);
  return sameShape[sameShape.length - 1] ?? null;
}

/** Runs of consecutive name-like words (acronyms, capitalised words inside the sentence). */
function nameRuns(text: string, lang: Lang): { start: number; end: number; acronym: boolean }[] {
  const runs: { start: number; end: number; acronym: boolean }[] = [];
  const tokens = tokenize(text).filter((t) => !t.compound);
  tokens.forEach((t, i) => {
    const first = t.raw[0] ?? '';
    const capital = first !== first.toLowerCase();
    const isName = t.kind === 'acronym' || (capital && i > 0 && !isStop(foldText(t.raw), lang));
    if (!isName) return;
    const prev = runs[runs.length - 1];
    if (prev && !prev.acronym && t.kind !== 'acronym' && /^\s+$/.test(text.slice(prev.end, t.start))) prev.end = t.end;
    else runs.push({ start: t.start, end: t.end, acronym: t.kind === 'acronym' });
  });
  return runs;
}

/** "Vienna" in an English follow-up to a French question → "Vienne" (the lexicon is English → French). */
function translateName(filler: Word, lang: Lang, prevLang: Lang, lexicon: Lexicon | null): string {
  const raw = filler.token.raw;
  if (filler.number || lang === prevLang || prevLang !== 'fr' || !lexicon) return raw;
  const fr = lexicon.lookup(raw.toLowerCase())?.find((t) => !t.includes(' '));
  if (!fr) return raw;
  if (raw === raw.toUpperCase()) return fr.toUpperCase();
  return upperFirst(fr);
}

function wordsOf(text: string, opts: CondenseOptions): Word[] {
  const out: Word[] = [];
  const tokens = tokenize(text);
  tokens.forEach((token) => {
    const folded = foldText(token.norm);
    const first = token.raw[0] ?? '';
    const name = token.kind === 'acronym' || (token.kind === 'word' && first !== first.toLowerCase() && !isStop(folded, 'fr') && !isStop(folded, 'en') && !opts.metaWords.has(folded));
    out.push({ token, folded, name, number: token.kind === 'number', stop: token.kind === 'word' && (isStop(folded, 'fr') || isStop(folded, 'en')) });
  });
  return out;
}

function isStop(folded: string, lang: Lang): boolean {
  return (lang === 'fr' ? FRENCH_STOPWORDS : ENGLISH_STOPWORDS).has(folded);
}

/** Looks like a question of its own (a question word, or a verb-like inversion), not a bare topic. */
function isQuestionLike(text: string): boolean {
  return /\b(?:qui|quand|où|pourquoi|comment|combien|quel|quelle|quels|quelles|who|when|where|why|how|what|which)\b/i.test(text) || /-t-|-(?:il|elle|ils|elles)\b/i.test(text);
}

function stripEnd(text: string): string {
  return text.trim().replace(/[\s?？!.]+$/u, '');
}

function qmark(lang: Lang): string {
  return lang === 'fr' ? ' ?' : '?';
}

function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
