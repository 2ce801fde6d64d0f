/**
 * Candidate answer sentences: every sentence of the retrieved passages, as an exact span of its
 * passage (so it can be quoted verbatim and verified), with what the composer checks on it:
 * its stems, the years / numbers / names it holds.
 */
import type { Hit, Passage } from '../../core/types.js';
import { analyzeFrenchTokens } from '../../index/text/french.js';
import { foldText } from '../../index/text/normalize.js';
import { tokenize } from '../../index/text/tokenize.js';
// Pure text utility shared with ingest (it cut the passages on the same boundaries).
import { splitSentences } from '../../ingest/sentences.js';
import { nameWords, stemSet } from '../question.js';

export interface Candidate {
  /** Rank of the passage in the retrieval (0 = best). */
  rank: number;
  passage: Passage;
  /** Exactly passage.text.slice(start, end). */
  text: string;
  start: number;
  end: number;
  stems: Set<string>;
  /** Four-digit years (1800–2099). */
  years: string[];
  /** Other numbers (digits in canonical form) and spelled-out quantities ("deux", "million"). */
  quantities: string[];
  /** A day + month date ("23 mai 2016", "8 et 9 décembre"). */
  hasDate: boolean;
  /** Folded name-like words. */
  names: Set<string>;
  /** Causal connectives (why questions). */
  hasCause: boolean;
  /**
   * Stems and numbers of the sentence's scope (its whole document when known, else its passage,
   * with the title): the names and numbers a question sets may sit in another sentence.
   */
  scopeStems: Set<string>;
  scopeNumbers: Set<string>;
  /** Stems of the sentence's passage and its title (names must be this close to the answer). */
  passageStems: Set<string>;
  /** Stems of the words right after a number in digits ("192 pays membres" → pay, membr). */
  countedStems: Set<string>;
}

/** The text a passage's sentences are read in: the whole document when the caller has it. */
export type ScopeOf = (passage: Passage) => string;

export const passageScope: ScopeOf = (p) => `${p.title}\n${p.text}`;

export interface CandidateOptions {
  /** Sentences shorter than this (characters) are captions or fragments, not answers. */
  minChars: number;
}

export const DEFAULT_CANDIDATES: CandidateOptions = { minChars: 25 };

const NUMBER_WORDS = new Set(
  (
    'deux trois quatre cinq six sept huit neuf dix onze douze quinze vingt trente quarante cinquante soixante cent cents ' +
    'mille million millions milliard milliards dizaine dizaines douzaine centaine centaines cinquantaine trentaine vingtaine ' +
    'two three four five six seven eight nine ten twelve twenty hundred hundreds thousand thousands million millions billion billions dozen dozens'
  ).split(' '),
);
const MONTH = /\b(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|january|february|march|april|may|june|july|august|september|october|november|december)\b/;
const DAY_MONTH = new RegExp(`\\b\\d{1,2}(?:er)?(?: et \\d{1,2})? ${MONTH.source.slice(2, -2)}\\b`);
const CAUSE = /\b(?:afin de|afin que|pour (?:que|\w+er)\b|car|parce que|en raison|compte tenu|du fait|grace a|risque|because|in order to|due to|so that)\b/;
const YEAR = /^(?:18|19|20)\d\d$/;

export function candidatesOf(hits: readonly Hit[], options: Partial<CandidateOptions> = {}, scopeOf: ScopeOf = passageScope): Candidate[] {
  const opts: CandidateOptions = { ...DEFAULT_CANDIDATES, ...options };
  const out: Candidate[] = [];
  hits.forEach((hit, rank) => {
    const passage = hit.passage;
    const own = passageAnalysis(passage);
    const scope = scopeAnalysis(scopeOf(passage));
    for (const s of own.sentences) {
      if (s.text.length < opts.minChars) continue;
      out.push({ ...s, rank, passage, passageStems: own.stems, scopeStems: scope.stems, scopeNumbers: scope.numbers });
    }
  });
  return out;
}

type SentenceAnalysis = Omit<Candidate, 'rank' | 'passage' | 'passageStems' | 'scopeStems' | 'scopeNumbers'>;

/**
 * Analyses are pure functions of the text, and passage ids are derived from passage content, so
 * both are cached across questions (bounded): the same few passages answer most questions.
 */
const CACHE_LIMIT = 4000;
const passageCache = new Map<string, { stems: Set<string>; sentences: SentenceAnalysis[] }>();
const scopeCache = new Map<string, { stems: Set<string>; numbers: Set<string> }>();

function passageAnalysis(passage: Passage): { stems: Set<string>; sentences: SentenceAnalysis[] } {
  const key = `${passage.id}\u0000${passage.title}`;
  let entry = passageCache.get(key);
  if (!entry) {
    const sentences: SentenceAnalysis[] = [];
    for (const span of splitSentences(passage.text)) {
      if (span.heading) continue;
      sentences.push(analyseSentence(passage.text.slice(span.start, span.end), span.start, span.end));
    }
    entry = { stems: stemSet(passageScope(passage)), sentences };
    remember(passageCache, key, entry);
  }
  return entry;
}

function scopeAnalysis(text: string): { stems: Set<string>; numbers: Set<string> } {
  let entry = scopeCache.get(text);
  if (!entry) {
    entry = { stems: stemSet(text), numbers: new Set(numbersOf(text)) };
    remember(scopeCache, text, entry);
  }
  return entry;
}

function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
}

function analyseSentence(text: string, start: number, end: number): SentenceAnalysis {
  const folded = foldText(text);
  const numbers = numbersOf(text);
  const words = folded.split(/[^\p{L}]+/u);
  return {
    text,
    start,
    end,
    stems: stemSet(text),
    years: numbers.filter((n) => YEAR.test(n)),
    quantities: [...numbers.filter((n) => !YEAR.test(n)), ...words.filter((w) => NUMBER_WORDS.has(w))],
    hasDate: DAY_MONTH.test(folded),
    names: nameWords(text),
    hasCause: CAUSE.test(folded),
    countedStems: countedStems(text),
  };
}

function countedStems(text: string): Set<string> {
  const out = new Set<string>();
  const tokens = analyzeFrenchTokens(text).filter((t) => !t.compound);
  tokens.forEach((t, i) => {
    if (t.kind !== 'number' || YEAR.test(t.term)) return;
    for (const next of tokens.slice(i + 1, i + 3)) if (next.kind !== 'number') out.add(next.term);
  });
  return out;
}

function numbersOf(text: string): string[] {
  return tokenize(text)
    .filter((t) => t.kind === 'number')
    .map((t) => t.norm);
}
