/**
 * Query–passage match features shared by the reranker and the answerability check. All are cheap
 * (one pass over the passage's terms) and language-neutral: English questions were carried over to
 * French terms by the query analysis.
 *
 * - coverage: IDF-weighted share of the query groups the passage matches (a group matches through
 *   its best alternative: a translation, the surface form, a cognate; a multi-word alternative
 *   needs all its words);
 * - contentCoverage: the same over non-entity groups only: names, acronyms and numbers tell which
 *   passage a question is about, not whether the passage answers it;
 * - window: the best IDF-weighted coverage inside one window of `window` consecutive terms
 *   (about a sentence), i.e. proximity of the matched groups;
 * - numbers: the question's numbers found / missing in the passage (exact, canonical form);
 * - title: IDF-weighted share of the groups matched by the document title.
 */
import { BoundedCache } from '../../core/bounded-cache.js';
import type { IndexedPassage } from '../bm25/postings.js';
import type { AnalysedQuestion } from './query.js';

export interface FeatureOptions {
  /** Proximity window, in index terms. */
  window: number;
}

export const DEFAULT_FEATURES: FeatureOptions = { window: 16 };

export interface MatchFeatures {
  coverage: number;
  contentCoverage: number;
  entityCoverage: number;
  window: number;
  contentWindow: number;
  numbersFound: number;
  numbersMissing: number;
  title: number;
  /** Per group: matched strength in [0, 1]. */
  groups: number[];
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

/** A passage's terms, words and title terms as sets (aliases included): what matching asks of it. */
interface PassageSets {
  present: ReadonlySet<string>;
  words: ReadonlySet<string>;
  titleTerms: ReadonlySet<string>;
}

/** Query-independent, so kept for recently scored passages (bounded: a large index never fits). */
const setsCache = new BoundedCache<IndexedPassage, PassageSets>({ capacity: 4096, policy: 'fifo' });

function passageSets(passage: IndexedPassage): PassageSets {
  return setsCache.get(passage, () => buildSets(passage));
}

function buildSets(passage: IndexedPassage): PassageSets {
  const present = new Set(passage.terms);
  const words = new Set(passage.words);
  for (const alias of passage.aliases.values()) {
    present.add(alias);
    words.add(alias);
  }
  return { present, words, titleTerms: new Set(passage.titleTerms) };
}

export function matchFeatures(q: PreparedQuestion, passage: IndexedPassage, options: Partial<FeatureOptions> = {}): MatchFeatures {
  const opts: FeatureOptions = { ...DEFAULT_FEATURES, ...options };
  const { present, words, titleTerms } = passageSets(passage);
  const groups = q.alts.map((list) => {
    let best = 0;
    for (const a of list) if (a.strength > best && a.stems.every((s) => present.has(s))) best = a.strength;
    return best;
  });
  let coverage = 0;
  let content = 0;
  let entity = 0;
  groups.forEach((m, g) => {
    const w = (q.idf[g] ?? 0) * m;
    coverage += w;
    if (q.question.groups[g]?.entity) entity += w;
    else content += w;
  });

  const [window, contentWindow] = windowCoverage(q, passage.terms, passage.aliases, groups, opts.window);

  let found = 0;
  let missing = 0;
  for (const g of q.question.groups) {
    for (const num of g.numbers) {
      if (words.has(num)) found++;
      else missing++;
    }
  }
  let title = 0;
  q.alts.forEach((list, g) => {
    if (list.some((a) => a.strength >= 0.5 && a.stems.every((s) => titleTerms.has(s)))) title += q.idf[g] ?? 0;
  });
  const ratio = (x: number, total: number) => (total > 0 ? x / total : 0);
  return {
    coverage: ratio(coverage, q.totalIdf),
    contentCoverage: q.contentIdf > 0 ? content / q.contentIdf : ratio(coverage, q.totalIdf),
    entityCoverage: q.entityIdf > 0 ? entity / q.entityIdf : 1,
    window: ratio(window, q.totalIdf),
    contentWindow: q.contentIdf > 0 ? contentWindow / q.contentIdf : ratio(window, q.totalIdf),
    numbersFound: found,
    numbersMissing: missing,
    title: ratio(title, q.totalIdf),
    groups,
  };
}

/** Best IDF-weighted group coverage within any `size` consecutive terms (all groups, content groups). */
function windowCoverage(
  q: PreparedQuestion,
  terms: readonly string[],
  aliases: ReadonlyMap<number, string>,
  matched: readonly number[],
  size: number,
): [number, number] {
  // Occurrences of matched groups, in text order.
  const hits: { pos: number; group: number; strength: number }[] = [];
  terms.forEach((t, pos) => {
    for (const e of q.stemGroups.get(t) ?? []) if ((matched[e.group] ?? 0) > 0) hits.push({ pos, group: e.group, strength: e.strength });
    const alias = aliases.get(pos);
    if (alias !== undefined) for (const e of q.stemGroups.get(alias) ?? []) if ((matched[e.group] ?? 0) > 0) hits.push({ pos, group: e.group, strength: e.strength });
  });
  if (hits.length === 0) return [0, 0];
  const inWindow = new Map<number, number[]>();
  let best = 0;
  let bestContent = 0;
  let lo = 0;
  for (let hi = 0; hi < hits.length; hi++) {
    const h = hits[hi]!;
    const list = inWindow.get(h.group) ?? [];
    list.push(h.strength);
    inWindow.set(h.group, list);
    while (h.pos - hits[lo]!.pos >= size) {
      const old = hits[lo]!;
      const l = inWindow.get(old.group);
      l?.splice(l.indexOf(old.strength), 1);
      if (l && l.length === 0) inWindow.delete(old.group);
      lo++;
    }
    let all = 0;
    let content = 0;
    for (const [g, strengths] of inWindow) {
      const w = (q.idf[g] ?? 0) * Math.max(...strengths);
      all += w;
      if (!q.question.groups[g]?.entity) content += w;
    }
    if (all > best) best = all;
    if (content > bestContent) bestContent = content;
  }
  return [best, bestContent];
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
