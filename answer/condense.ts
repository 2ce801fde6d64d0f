/**
 * Follow-up questions rewritten into standalone questions from the conversation, without an LLM,
 * always in the follow-up's own language (names and numbers are the same in both):
 *
 * - slot: the follow-up only names a year, a number, a name or "now" ("Et en 2017 ?", "Et
 *   l'ONUDC ?", "What about in Vienna?", "What about now?") → the previous standalone question
 *   with that slot replaced (the last year; the name after the same kind of preposition or of the
 *   same shape; « de l'Assemblée générale » → « du Conseil de sécurité »), or the slot appended;
 * - people: a pronoun standing for people the previous turn named — in its question or its short
 *   answer ("Who did Stock meet?" → Guterres) — is replaced by their names: « De quoi ont-ils
 *   parlé ? » → « De quoi António Guterres et Jürgen Stock ont-ils parlé ? », "What did he say?" →
 *   "What did Yury Fedotov say?"; a possessive gets them in brackets (« leur première réunion
 *   (António Guterres et Jürgen Stock) »);
 * - context: a bare question word, a pronoun standing for a thing (it, cet accord, y, en, l'a) or
 *   a question too short to stand alone → the follow-up plus the previous question's names and
 *   content words in brackets ("Who signed it (UNODC INTERPOL agreement)?").
 *
 * Content words are only carried over from a previous question in the same language: the caller
 * (pipeline.ts) hands over the previous question translated when the languages differ, else only
 * its names are carried. Anything else is a new question (a topic switch): left as it is. The LLM
 * path (condense prompt) lives in pipeline.ts and falls back on this.
 */
import type { Lang } from '../core/types.js';
import type { Lexicon } from '../text/index.js';
import { detectLanguage, foldText, ENGLISH_STOPWORDS, FRENCH_STOPWORDS, tokenize, type Token } from '../text/index.js';
import { joinNames, turnFocus } from './focus.js';
import { findNames } from './short/names.js';
import { DEFAULT_QUESTION } from './question.js';
import type { ConversationTurn, TurnFocus } from './types.js';

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
  // Clitics: « y ont accès », « Qui y a pris la parole », « en faisaient partie », « le mentionnent ».
  /(?<![\p{L}'’])y\s+(?=\p{Ll})/u,
  /(?<![\p{L}'’])en\s+(?=(?:a|ont|avait|avaient|est|sont|était|étaient|fait|faisait|faisaient|compte|comptait|comptaient|reste|restait)(?![\p{L}]))/iu,
  /(?<![\p{L}'’])(?:le|la|les)\s+\p{Ll}+(?:ent|ait|aient|ons|ez|era|eront|ront)(?![\p{L}])/u,
];
/** A possessive (« son budget », « ses membres ») in a question that names nothing stands for the previous subject. */
const FR_POSSESSIVE_THING = /(?<![\p{L}])(?:son|sa|ses)\s+\p{L}/iu;
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
  const focus = turnFocus(previous);
  // Content words travel only within one language; names and numbers travel across.
  const context: Context = { prevQ, sameLanguage: prevLang === lang, focus };

  const connectorMatch = CONNECTOR.exec(question)?.[0] ?? '';
  const hasConnector = connectorMatch.trim().length > 0;
  const rest = stripEnd(question.slice(connectorMatch.length));
  const restWords = wordsOf(rest, opts);
  const content = restWords.filter((w) => !w.stop && !w.number && !w.name && !opts.metaWords.has(w.folded));
  const names = restWords.filter((w) => w.name || w.number);

  if (rest === '' || BARE_WH.test(rest) || (hasConnector && content.length === 0 && names.length === 0)) {
    return contextRewrite(rest === '' ? question : rest, context, lang, opts);
  }

  const fillers = restWords.filter((w) => !FILLER_STOP.has(w.folded));
  const nowSlot = fillers.length > 0 && fillers.length <= 2 && fillers.every((w) => NOW_FILLERS.has(w.folded)) && !isQuestionLike(rest);
  if (nowSlot) return nowRewrite(rest, prevQ, prevLang);
  const slotLike = fillers.length > 0 && fillers.length <= opts.maxSlotWords && fillers.every((w) => w.name || w.number);
  if (slotLike && (hasConnector || fillers.length === restWords.length || fillers.length <= 2)) {
    return slotRewrite(rest, fillers, prevQ, prevLang, lang, lexicon);
  }
  if (hasConnector && fillers.length > 0 && fillers.length <= opts.maxSlotWords && LEADING_CONNECTOR_WORD.test(question) && !isQuestionLike(rest)) {
    // "Et pour la cybercriminalité ?", « Et du Conseil de sécurité ? »: the same question about something else.
    const topic = stripEnd(question.replace(/^(?:et|mais|alors|puis|and|but|so)\b[\s,]*/i, ''));
    return { standalone: `${replaceOrAppend(stripEnd(prevQ), topic)}${qmark(prevLang)}`, followUp: true, rule: 'append' };
  }
  const people = peopleRewrite(rest, lang, focus, opts);
  if (people) return people;
  const anaphoric =
    lang === 'en'
      ? ANAPHOR_EN.test(rest)
      : ANAPHOR_FR.some((re) => re.test(rest)) || simpleInversion(rest) !== null || (FR_POSSESSIVE_THING.test(rest) && !restWords.some((w) => w.name));
  if (anaphoric || (content.length <= opts.maxShortContentWords && names.length === 0)) {
    return contextRewrite(rest, context, lang, opts);
  }
  return { standalone: question, followUp: false, rule: 'none' };
}

interface Context {
  prevQ: string;
  sameLanguage: boolean;
  focus: TurnFocus;
}

/**
 * "Who signed it" + previous "When was the UNODC–INTERPOL agreement signed?" → "Who signed it
 * (UNODC–INTERPOL agreement)?". Across languages only the previous turn's names are carried.
 */
function contextRewrite(rest: string, ctx: Context, lang: Lang, opts: CondenseOptions): Condensed {
  const own = new Set(wordsOf(rest, opts).map((w) => w.folded));
  const seen = new Set<string>();
  const context: string[] = [];
  const push = (raw: string) => {
    const key = foldText(raw);
    if (own.has(key) || seen.has(key) || context.length >= opts.maxContextWords) return;
    seen.add(key);
    context.push(raw);
  };
  if (ctx.sameLanguage) {
    for (const w of wordsOf(ctx.prevQ, opts)) {
      if (w.stop || opts.metaWords.has(w.folded) || w.token.compound) continue;
      push(w.token.raw);
    }
    // The previous answer's names (a who-answer: the person the next question is about).
    for (const p of ctx.focus.persons) if (!foldText(ctx.prevQ).includes(foldText(p))) push(p);
  } else {
    for (const e of ctx.focus.entities) push(e);
    for (const d of ctx.focus.dates) if (/\d{4}/.test(d)) push(/\d{4}/.exec(d)![0]);
  }
  const head = upperFirst(stripEnd(rest));
  const standalone = context.length > 0 ? `${head} (${context.join(' ')})${qmark(lang)}` : `${head}${qmark(lang)}`;
  return { standalone, followUp: true, rule: 'context' };
}

const NOW_FILLERS = new Set(['now', 'today', 'currently', 'nowadays', 'aujourd', 'hui', "aujourd'hui", 'actuellement', 'maintenant', 'present', 'désormais', 'desormais']);

/** « Et aujourd'hui ? », "What about now?": the previous question about the present (its year or "then" replaced). */
function nowRewrite(rest: string, prevQ: string, prevLang: Lang): Condensed {
  const now = prevLang === 'fr' ? 'aujourd’hui' : 'now';
  let out = stripEnd(prevQ);
  const then = prevLang === 'fr' ? /\b(?:en|au cours de l['’]année)\s+(?:18|19|20)\d\d\b|\balors\b|\bà l['’]époque\b/i : /\b(?:in|during)\s+(?:18|19|20)\d\d\b|\bthen\b|\bat the time\b/i;
  if (then.test(out)) out = out.replace(then, now);
  else out = `${out} ${now}`;
  // The tense follows: "were members" → "are members" is beyond a heuristic; the present word decides.
  void rest;
  return { standalone: `${out}${qmark(prevLang)}`, followUp: true, rule: 'slot' };
}

/** « Et du Conseil de sécurité ? » after « … de l’Assemblée générale … ? »: replace the name phrase of the same preposition. */
function replaceOrAppend(prevQ: string, topic: string): string {
  const prep = /^(du|de la|de l['’]|des|de|d['’]|for the|for|of the|of|in the|in|à la|au|aux|à|pour le|pour la|pour l['’]|pour les|pour)\s*/i.exec(topic);
  if (prep && /^\p{Lu}/u.test(topic.slice(prep[0].length))) {
    const phrase = /(?:\b(?:du|de la|de l['’]|des|de|d['’]|of the|of|in the|in|au|aux|à la|à|pour le|pour la|pour l['’]|pour les|pour|for the|for)\s*)(\p{Lu}[\p{L}\p{M}'’-]*(?:\s+(?:de|du|des|d['’]|la|le|l['’]|of|the)?\s*[\p{L}\p{M}'’-]+){0,3})/gu;
    let last: RegExpExecArray | null = null;
    for (let m = phrase.exec(prevQ); m; m = phrase.exec(prevQ)) if (/^\p{Lu}/u.test(m[1] ?? '')) last = m;
    if (last) return prevQ.slice(0, last.index) + (last[0].startsWith(' ') ? ' ' : '') + topic + prevQ.slice(last.index + last[0].length);
  }
  return `${prevQ} ${topic}`;
}

const EN_PERSON = /\b(he|she|they|him|them|his|their|theirs|her)\b/i;
const FR_PERSON_SUBJECT = /(?<![-\p{L}'’])(il|elle|ils|elles)(?=\s+\p{L})/iu;
const FR_POSSESSIVE = /(?<![\p{L}])(leurs?)\s+(?=\p{L})/iu;

/**
 * A pronoun standing for the people of the previous turn, replaced by their names: subjects and
 * objects in place ("What did he say?" → "What did Yury Fedotov say?"), a French simple inversion
 * by complex inversion (« De quoi ont-ils parlé ? » → « De quoi A et B ont-ils parlé ? »),
 * possessives with the names in brackets. Null when the question names a person itself, or the
 * previous turn named none.
 */
function peopleRewrite(rest: string, lang: Lang, focus: TurnFocus, opts: CondenseOptions): Condensed | null {
  if (focus.persons.length === 0) return null;
  if (findPersons(rest).length > 0) return null;
  const pick = (plural: boolean) => (plural && focus.persons.length > 1 ? focus.persons : focus.persons.slice(-1));
  const head = upperFirst(stripEnd(rest));
  const done = (text: string): Condensed => ({ standalone: `${upperFirst(stripEnd(text))}${qmark(lang)}`, followUp: true, rule: 'context' });
  if (lang === 'en') {
    const m = EN_PERSON.exec(head);
    if (!m) return null;
    const word = m[1]!.toLowerCase();
    // "it", "its" and "this" stand for things; "her" before a noun is a possessive.
    const plural = word === 'they' || word === 'them' || word === 'their' || word === 'theirs';
    const names = joinNames(pick(plural), 'en');
    const after = head.slice(m.index + m[0].length);
    const possessive = word === 'his' || word === 'their' || word === 'theirs' || (word === 'her' && /^\s+[a-z]/.test(after) && !/^\s+(?:to|in|at|on|for|with|about|from|by|and|or)\b/.test(after));
    const replacement = possessive ? `${names}’s` : names;
    return done(head.slice(0, m.index) + replacement + after);
  }
  const inversion = simpleInversion(head);
  if (inversion && /^(?:il|elle|ils|elles)$/i.test(inversion.pronoun)) {
    const plural = /s$/i.test(inversion.pronoun);
    return done(`${head.slice(0, inversion.verbStart)}${joinNames(pick(plural), 'fr')} ${head.slice(inversion.verbStart)}`);
  }
  const qu = /qu['’](il|elle|ils|elles)(?=\s)/iu.exec(head);
  if (qu) {
    const plural = /s$/i.test(qu[1]!);
    return done(`${head.slice(0, qu.index)}que ${joinNames(pick(plural), 'fr')}${head.slice(qu.index + qu[0].length)}`);
  }
  const subject = FR_PERSON_SUBJECT.exec(head);
  if (subject) {
    const plural = /s$/i.test(subject[1]!);
    return done(head.slice(0, subject.index) + joinNames(pick(plural), 'fr') + head.slice(subject.index + subject[0].length));
  }
  const possessive = FR_POSSESSIVE.exec(head);
  if (possessive && focus.persons.length > 0) {
    return { standalone: `${head} (${joinNames(pick(true), 'fr')})${qmark(lang)}`, followUp: true, rule: 'context' };
  }
  void opts;
  return null;
}

/** People named in a text (names read as a person's). */
function findPersons(text: string): string[] {
  return findNames(text)
    .filter((n) => n.kind === 'person')
    .map((n) => n.text);
}

/**
 * A French simple inversion (« De quoi ont-ils parlé ? », « Comment décrit-il … ? », « Combien en
 * compte-t-il ? »): the inverted pronoun is the subject, standing for someone or something of the
 * conversation. A complex inversion (« Quand INTERPOL a-t-il … ? ») names its subject first.
 */
export function simpleInversion(text: string): { verbStart: number; pronoun: string } | null {
  const m = /([\p{L}]+)-(?:t-)?(il|elle|ils|elles|on)(?![\p{L}])/iu.exec(text);
  if (!m || /^on$/i.test(m[2]!)) return null;
  const before = text.slice(0, m.index).trim().replace(/^(?:et|mais|alors|and)\s+/i, '');
  const lead = before.replace(INTERROGATIVE_LEAD, '').replace(/^(?:en|y|les?|la|l['’]|leur|lui|se|s['’]|ne|n['’])\s*/giu, '').trim();
  return lead === '' ? { verbStart: m.index, pronoun: m[2]! } : null;
}

const INTERROGATIVE_LEAD =
  /^(?:(?:à|a|de|en|dans|par|pour|sur|avec|depuis|vers|selon|contre|sous|chez)\s+)?(?:(?:quelles|quels|quelle|quel|lesquelles|lesquels|laquelle|lequel)(?![\p{L}])(?:\s+[\p{L}'’-]+){0,2}|qu['’]|(?:que|quoi|qui|quand|comment|pourquoi|où)(?![\p{L}])|combien(?:\s+de\s+[\p{L}'’-]+|\s+d['’][\p{L}-]+)?|en quelle année|à quelle date|depuis quand)\s*/iu;

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
