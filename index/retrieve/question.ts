/**
 * The question, built ONCE per search and read by every stage: its language (decided once), its
 * tokens (tokenised once), its weighted French terms (English through the lexicon, then the
 * corpus expansions of expand.ts), per query group whether it names an entity (a name, an
 * acronym, a number), the groups' IDF weights, and what the evidence model reads of it
 * (question-reading.ts: expected answer types, roles, literal numbers, unknown share, speaker…).
 *
 * The first stage ranks with `analysis` (BM25) or `base` (the lexical embedder's own reading,
 * before corpus expansions); the reranker and the evidence stage read `alts`, `idf`, `roles`.
 */
import type { Lang } from '../../core/types.js';
import {
  analyzeQuestion,
  limitQuery,
  foldAccents,
  readText,
  type Lexicon,
  type QueryAnalysis,
  type Token,
  type Vocabulary,
} from '../../text/index.js';
import type { AcronymLookup } from './acronyms.js';
import type { RetrievalConfig } from './config.js';
import { expandQuestion } from './expand.js';
import { readQuestion, sentenceInitial, type QuestionReading } from './question-reading.js';

export type QuestionOptions = RetrievalConfig['question'] & {
  /** English → French query translation; null = surface forms only. */
  lexicon: Lexicon | null;
};

/** Corpus statistics of index terms: IDF, document frequency, passages counted. */
export interface TermStats {
  idf(term: string): number;
  df(term: string): number;
  size(): number;
}

/** Corpus evidence that a folded word is a name (mostly capitalised inside sentences). */
export type NameOracle = (folded: string) => boolean;

/** What the corpus tells the question side (LexicalIndex.corpus(), or a Vocabulary for someone else's hits). */
export interface QuestionCorpus {
  /** Cognates and the lexical embedder's IDF (null: none). */
  vocabulary: Vocabulary | null;
  isName: NameOracle;
  /** Acronyms the corpus defines (null: no acronym expansion). */
  acronyms: AcronymLookup | null;
  stats: TermStats;
}

/** A query word or phrase (after expansion: a merged name, a long form with its acronym). */
export interface QuestionGroup {
  text: string;
  /** Every alternative's stems (translations, surface, cognates). */
  stems: Set<string>;
  /** A name, acronym or number: matching it says which passage, not whether it answers. */
  entity: boolean;
  /** Written as an acronym (all caps) or a number in the question. */
  acronym: boolean;
  /** Canonical numbers in the group (years, counts, ordinals). */
  numbers: string[];
}

/** One way of matching a group: stems that must all be present, with the folded words behind them. */
export interface Alternative {
  stems: readonly string[];
  words: readonly string[];
  /** Weight relative to the group's best alternative (1). */
  strength: number;
}

export interface Question extends QuestionReading {
  text: string;
  lang: Lang;
  /** Whether the language was decided by evidence (false: no evidence, the tie language). */
  langEvidence: boolean;
  tokens: readonly Token[];
  /** Weighted French terms as the lexical embedder reads them (before corpus expansions). */
  base: QueryAnalysis;
  /** Weighted French terms after corpus expansions: one group per query word or phrase. */
  analysis: QueryAnalysis;
  groups: QuestionGroup[];
  /** Per group: its alternatives, and its IDF weight (the weight²-weighted mean IDF of its alternatives). */
  alts: Alternative[][];
  idf: number[];
  totalIdf: number;
  /** Entity groups the corpus never mentions in any form. */
  absentEntities: number;
}

/** `raw` is capped first (text/limits.ts): a question's cost is bounded before any analysis or caching. */
export function buildQuestion(raw: string, lang: Lang | undefined, corpus: QuestionCorpus, options: QuestionOptions): Question {
  const text = limitQuery(raw);
  const reading = readText(text);
  const analysed = analyzeQuestion(text, lang, options.lexicon, { ...options.analysis, vocabulary: corpus.vocabulary, ambiguous: options.ambiguous }, reading);
  const expanded = expandQuestion(analysed.analysis, groupsOf(text, reading.tokens, analysed.analysis, corpus.isName), corpus.acronyms, options.expand);
  const groups = expanded.groups;
  const { alts, idf } = weigh(expanded.analysis, corpus.stats);
  let totalIdf = 0;
  for (const w of idf) totalIdf += w;
  // An entity group is absent when no alternative has all its words somewhere in the corpus.
  const absentEntities = alts.filter((list, g) => groups[g]?.entity && !list.some((a) => a.stems.length > 0 && a.stems.every((s) => corpus.stats.df(s) > 0))).length;
  const evidence = readQuestion({ text, tokens: reading.tokens, french: reading.french, lang: analysed.lang, langEvidence: analysed.langEvidence, groups, alts, idf }, corpus.stats);
  return {
    text,
    lang: analysed.lang,
    langEvidence: analysed.langEvidence,
    tokens: reading.tokens,
    base: analysed.analysis,
    analysis: expanded.analysis,
    groups,
    alts,
    idf,
    totalIdf,
    absentEntities,
    ...evidence,
  };
}

/** Which groups are entities: numbers, acronyms, capitalised words inside a sentence, corpus names. */
function groupsOf(text: string, tokens: readonly Token[], analysis: QueryAnalysis, isName: NameOracle): QuestionGroup[] {
  const nameLike = new Map<string, boolean>();
  const acronyms = new Set<string>();
  const numbers = new Set<string>();
  const words = tokens.filter((t) => !t.compound);
  const initial = sentenceInitial(text, words);
  words.forEach((token, i) => {
    const folded = foldAccents(token.norm);
    const first = token.raw[0] ?? '';
    const capitalised = first !== first.toLowerCase();
    const name = token.kind !== 'word' || (capitalised && !initial[i]) || isName(folded);
    if (token.kind === 'number') numbers.add(token.norm);
    if (token.kind !== 'word') acronyms.add(folded);
    nameLike.set(folded, (nameLike.get(folded) ?? false) || name);
  });
  const byGroup: Set<string>[] = analysis.groups.map(() => new Set<string>());
  for (const term of analysis.terms) for (const s of term.stems) byGroup[term.group]?.add(s);
  return analysis.groups.map((g, i) => {
    const parts = foldAccents(g.text).split(/[\s-]+/).filter(Boolean);
    return {
      text: g.text,
      stems: byGroup[i] ?? new Set(),
      entity: parts.length > 0 && parts.every((w) => nameLike.get(w) === true),
      acronym: parts.length === 1 && acronyms.has(parts[0] ?? ''),
      numbers: parts.filter((w) => numbers.has(w)),
    };
  });
}

/** Per group: alternatives with their strength relative to the best, and the group's IDF weight. */
function weigh(analysis: QueryAnalysis, stats: TermStats): { alts: Alternative[][]; idf: number[] } {
  const raw: { stems: readonly string[]; words: readonly string[]; weight: number }[][] = analysis.groups.map(() => []);
  for (const t of analysis.terms) raw[t.group]?.push({ stems: t.stems, words: t.words, weight: t.weight });
  const alts = raw.map((list) => {
    const top = Math.max(0, ...list.map((a) => a.weight));
    return list.map((a) => ({ stems: a.stems, words: a.words, strength: top > 0 ? a.weight / top : 0 }));
  });
  // How specific the concept is: the weight²-weighted mean IDF of the group's alternatives.
  const idf = raw.map((list) => {
    let num = 0;
    let den = 0;
    for (const a of list) {
      const w = a.weight * a.weight;
      let s = 0;
      for (const stem of a.stems) s += stats.idf(stem);
      num += w * (a.stems.length > 0 ? s / a.stems.length : 0);
      den += w;
    }
    return den > 0 ? num / den : 0;
  });
  return { alts, idf };
}
