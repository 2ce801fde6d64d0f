/**
 * Query–passage match features the reranker reads besides the evidence score (all cheap and
 * language-neutral: English questions were carried over to French terms by the query analysis):
 * - numbers: the question's numbers found / missing in the passage (exact, canonical form);
 * - document coverage: IDF-weighted share of the question's groups matched anywhere in the
 *   passage's document (documentCoverage).
 */
import { BoundedCache } from '../../core/bounded-cache.js';
import type { IndexedPassage } from '../bm25/postings.js';
import type { AnalysedQuestion } from './query.js';

export interface MatchFeatures {
  numbersFound: number;
  numbersMissing: number;
}

interface Alt {
  stems: readonly string[];
  /** Folded words behind the stems, same order (inflection checks; may be shorter when unknown). */
  words: readonly string[];
  /** Weight relative to the group's best alternative. */
  strength: number;
}

/** The question's groups prepared once per search (alternatives, IDF weights). */
export interface PreparedQuestion {
  question: AnalysedQuestion;
  alts: Alt[][];
  idf: number[];
  /** stem → groups it belongs to, with the strength of the alternative. */
  stemGroups: Map<string, { group: number; strength: number }[]>;
  totalIdf: number;
  contentIdf: number;
  entityIdf: number;
  /** Entity groups (names, acronyms, numbers) and how many of them the corpus never mentions. */
  entityGroups: number;
  absentEntities: number;
}

/** Corpus statistics the features need: IDF and document frequency of an index term. */
export interface TermStats {
  idf(term: string): number;
  df(term: string): number;
  /** Passages the statistics were counted over (when known). */
  size?: () => number;
}

export function prepareQuestion(question: AnalysedQuestion, stats: TermStats): PreparedQuestion {
  const idf = (t: string) => stats.idf(t);
  const n = question.analysis.groups.length;
  const raw: { stems: readonly string[]; words: readonly string[]; weight: number }[][] = Array.from({ length: n }, () => []);
  for (const t of question.analysis.terms) raw[t.group]?.push({ stems: t.stems, words: t.words, weight: t.weight });
  const alts: Alt[][] = raw.map((list) => {
    const top = Math.max(0, ...list.map((a) => a.weight));
    return list.map((a) => ({ stems: a.stems, words: a.words, strength: top > 0 ? a.weight / top : 0 }));
  });
  // A group's weight: the weight²-weighted mean IDF of its alternatives (how specific the concept is).
  const idfs = raw.map((list) => {
    let num = 0;
    let den = 0;
    for (const a of list) {
      const w = a.weight * a.weight;
      let s = 0;
      for (const stem of a.stems) s += idf(stem);
      num += w * (a.stems.length > 0 ? s / a.stems.length : 0);
      den += w;
    }
    return den > 0 ? num / den : 0;
  });
  const stemGroups = new Map<string, { group: number; strength: number }[]>();
  alts.forEach((list, g) => {
    for (const a of list) {
      for (const s of a.stems) {
        const entry = stemGroups.get(s) ?? [];
        const prev = entry.find((e) => e.group === g);
        if (prev) prev.strength = Math.max(prev.strength, a.strength);
        else entry.push({ group: g, strength: a.strength });
        stemGroups.set(s, entry);
      }
    }
  });
  let totalIdf = 0;
  let contentIdf = 0;
  let entityIdf = 0;
  idfs.forEach((w, g) => {
    totalIdf += w;
    if (question.groups[g]?.entity) entityIdf += w;
    else contentIdf += w;
  });
  let entityGroups = 0;
  let absentEntities = 0;
  raw.forEach((list, g) => {
    if (!question.groups[g]?.entity) return;
    entityGroups++;
    // Absent when no alternative has all its words somewhere in the corpus.
    if (!list.some((a) => a.stems.length > 0 && a.stems.every((s) => stats.df(s) > 0))) absentEntities++;
  });
  return { question, alts, idf: idfs, stemGroups, totalIdf, contentIdf, entityIdf, entityGroups, absentEntities };
}

/** A passage's folded words (aliases included): what the number check asks of it. */
const wordsCache = new BoundedCache<IndexedPassage, ReadonlySet<string>>({ capacity: 4096, policy: 'fifo' });

function passageWords(passage: IndexedPassage): ReadonlySet<string> {
  return wordsCache.get(passage, () => {
    const words = new Set(passage.words);
    for (const alias of passage.aliases.values()) words.add(alias);
    return words;
  });
}

/** The question's numbers found and missing in the passage. */
export function matchFeatures(q: PreparedQuestion, passage: IndexedPassage): MatchFeatures {
  const words = passageWords(passage);
  let found = 0;
  let missing = 0;
  for (const g of q.question.groups) {
    for (const num of g.numbers) {
      if (words.has(num)) found++;
      else missing++;
    }
  }
  return { numbersFound: found, numbersMissing: missing };
}

/**
 * Per document, the IDF-weighted share of the question's groups matched anywhere in it: a passage
 * whose document covers the rest of the question is more likely the answer than an equally good
 * passage from an unrelated document (passage retrieval with document evidence).
 */
export function documentCoverage(q: PreparedQuestion, sources: Iterable<string>, termsOf: (source: string) => ReadonlySet<string>): Map<string, number> {
  const out = new Map<string, number>();
  for (const source of sources) {
    if (out.has(source)) continue;
    const terms = termsOf(source);
    let covered = 0;
    q.alts.forEach((list, g) => {
      let best = 0;
      for (const a of list) if (a.strength > best && a.stems.every((s) => terms.has(s))) best = a.strength;
      covered += (q.idf[g] ?? 0) * best;
    });
    out.set(source, q.totalIdf > 0 ? covered / q.totalIdf : 0);
  }
  return out;
}
