/**
 * Sparse features of the lexical embedder, in three families hashed into one dense vector:
 * stems (unigrams), stem bigrams (word order, compounds, fixed phrases), and character n-grams of
 * folded words (inflection, spelling variants and cognates that stemming misses).
 * Documents: each family is L2-normalised on its own and scaled by √weight, so a family's share of
 * the cosine is its weight whatever the text length. Queries: every family is divided by the stem
 * family's norm instead, because query terms are already weighted by the analysis (a family fed by
 * one minor translation must not be blown up to its full share).
 */
import type { AnalyzedToken, QueryAnalysis, QueryTerm } from '../../text/index.js';
import { familySeed, fmix32, hash32, hashPadded } from './lexical-hash.js';

export const WORD = 0;
export const BIGRAM = 1;
export const CHAR = 2;
export type Family = typeof WORD | typeof BIGRAM | typeof CHAR;

export interface FeatureScheme {
  /** Character n-gram sizes, inclusive; charNgramMax < charNgramMin disables the family. */
  charNgramMin: number;
  charNgramMax: number;
  /** Words shorter than this get no character n-grams. */
  charMinWordLength: number;
  seed: number;
}

const NUMERIC = /^[\d.]+$/;
const NO_GRAMS = new Uint32Array(0);

/**
 * Hashes of each word's character n-grams, shared by every text an embedder sees: a corpus reuses
 * a few thousand words, so hashing each of them once is most of the embedding time saved.
 */
export class CharGramCache {
  private cache = new Map<string, Uint32Array>();
  private readonly seed: number;

  constructor(
    private readonly scheme: FeatureScheme,
    private readonly limit = 100_000,
  ) {
    this.seed = familySeed(scheme.seed, CHAR);
  }

  /** Boundary-marked n-grams of `<word>`; a number is one feature (its parts are noise: 2016 ≈ 2017). */
  get(word: string): Uint32Array {
    let hashes = this.cache.get(word);
    if (hashes) return hashes;
    hashes = this.compute(word);
    if (this.cache.size >= this.limit) this.cache = new Map();
    this.cache.set(word, hashes);
    return hashes;
  }

  private compute(word: string): Uint32Array {
    const { charNgramMin: min, charNgramMax: max, charMinWordLength } = this.scheme;
    if (max < min) return NO_GRAMS;
    if (NUMERIC.test(word)) return Uint32Array.of(hash32(`<${word}>`, this.seed));
    if (word.length < charMinWordLength) return NO_GRAMS;
    const padded = word.length + 2;
    const out: number[] = [];
    for (let n = min; n <= max && n <= padded; n++) {
      for (let i = 0; i + n <= padded; i++) out.push(hashPadded(word, i, n, this.seed));
    }
    return Uint32Array.from(out);
  }
}

/**
 * Accumulates hashed feature weights: stems and bigrams per 32-bit feature hash (their TF is
 * transformed per feature later); character n-grams straight into dense buckets when their weights
 * are final (the common, fast path), else per feature too.
 */
export class FeatureBag {
  readonly families: [Map<number, number>, Map<number, number>, Map<number, number>] = [new Map(), new Map(), new Map()];
  /** Character n-gram buckets (signed), when accumulated densely. */
  readonly charDense: Float64Array | null;
  private readonly seeds: [number, number];
  private readonly mask: number;

  constructor(
    scheme: FeatureScheme,
    private readonly grams: CharGramCache,
    dimension: number,
    denseChars: boolean,
  ) {
    this.seeds = [familySeed(scheme.seed, WORD), familySeed(scheme.seed, BIGRAM)];
    this.mask = dimension - 1;
    this.charDense = denseChars ? new Float64Array(dimension) : null;
  }

  add(family: typeof WORD | typeof BIGRAM, key: string, weight: number): void {
    this.addHash(family, hash32(key, this.seeds[family]), weight);
  }

  addHash(family: Family, hash: number, weight: number): void {
    const map = this.families[family];
    map.set(hash, (map.get(hash) ?? 0) + weight);
  }

  /**
   * Character n-grams of a folded word. perWordUnit: spread `weight` so the word's n-gram vector
   * has norm ≈ weight, so a word's importance does not grow with its length.
   */
  addCharGrams(word: string, weight: number, perWordUnit = false): void {
    const hashes = this.grams.get(word);
    if (hashes.length === 0) return;
    const w = perWordUnit ? weight / Math.sqrt(hashes.length) : weight;
    const dense = this.charDense;
    if (dense) {
      const mask = this.mask;
      for (const h of hashes) dense[h & mask]! += h >>> 31 ? -w : w;
    } else {
      for (const h of hashes) this.addHash(CHAR, h, w);
    }
  }
}

export interface DocumentFeatureOptions {
  /**
   * Character n-grams per distinct word, each word's n-gram vector scaled to its (sublinear)
   * count, so a short token (number, acronym) weighs in the family as much as a long word instead
   * of 1/30th of it. Off: raw n-gram counts.
   */
  charPerWord: boolean;
  sublinear: boolean;
}

/**
 * Features of a French text (document side). Stems and bigrams carry raw counts (project applies
 * sublinear TF); character n-grams carry final weights when charPerWord is on.
 */
export function addDocumentFeatures(bag: FeatureBag, tokens: readonly AnalyzedToken[], options: DocumentFeatureOptions): void {
  let prev: AnalyzedToken | null = null;
  const words = new Map<string, number>();
  for (const t of tokens) {
    if (t.compound) continue;
    bag.add(WORD, t.term, 1);
    if (prev && !t.breakBefore) bag.add(BIGRAM, `${prev.term} ${t.term}`, 1);
    if (options.charPerWord) words.set(t.folded, (words.get(t.folded) ?? 0) + 1);
    else bag.addCharGrams(t.folded, 1);
    prev = t;
  }
  for (const [word, count] of words) bag.addCharGrams(word, options.sublinear ? tf(count) : count, true);
}

export interface QueryFeatureOptions {
  /** Query-side term weighting (corpus IDF); documents never see it. */
  idf: ((stem: string) => number) | null;
  /** Weight of bigrams guessed across adjacent translated English words (both orders). */
  crossBigramWeight: number;
}

/** Features of an analysed question (either language); weights come from the analysis. */
export function addQueryFeatures(bag: FeatureBag, analysis: QueryAnalysis, options: QueryFeatureOptions): void {
  const { idf } = options;
  const termIdf = (stems: readonly string[]): number => {
    if (!idf || stems.length === 0) return 1;
    let sum = 0;
    for (const s of stems) sum += idf(s);
    return sum / stems.length;
  };
  const byGroup: QueryTerm[][] = analysis.groups.map(() => []);
  for (const term of analysis.terms) {
    byGroup[term.group]?.push(term);
    const k = term.stems.length;
    const w = term.weight * termIdf(term.stems);
    const per = w / Math.sqrt(k);
    for (let j = 0; j < k; j++) {
      bag.add(WORD, term.stems[j] ?? '', per);
      if (j > 0) bag.add(BIGRAM, `${term.stems[j - 1] ?? ''} ${term.stems[j] ?? ''}`, w);
    }
    for (const word of term.words) bag.addCharGrams(word, per, true);
  }
  // Word order across groups: a French question keeps its own; an English one only hints at it.
  for (let g = 1; g < byGroup.length; g++) {
    if (analysis.groups[g]?.breakBefore) continue;
    const a = best(byGroup[g - 1]);
    const b = best(byGroup[g]);
    if (!a || !b || a.stems.length !== 1 || b.stems.length !== 1) continue;
    const sa = a.stems[0] ?? '';
    const sb = b.stems[0] ?? '';
    const w = Math.sqrt(a.weight * b.weight) * termIdf([sa, sb]);
    if (analysis.lang === 'fr') bag.add(BIGRAM, `${sa} ${sb}`, w);
    else if (options.crossBigramWeight > 0) {
      bag.add(BIGRAM, `${sa} ${sb}`, w * options.crossBigramWeight);
      bag.add(BIGRAM, `${sb} ${sa}`, w * options.crossBigramWeight);
    }
  }
}

function best(terms: readonly QueryTerm[] | undefined): QueryTerm | undefined {
  let out: QueryTerm | undefined;
  for (const t of terms ?? []) if (!out || t.weight > out.weight) out = t;
  return out;
}

export interface ProjectOptions {
  dimension: number;
  /** Share of each family in the cosine, indexed by Family. */
  weights: readonly [number, number, number];
  /** Per family: 1 + ln(tf) instead of tf, so repeated words saturate (document counts only). */
  sublinear: readonly [boolean, boolean, boolean];
  /**
   * 'family': each family normalised on its own (documents: feature counts differ by family).
   * 'word': every family divided by the stem family's norm (queries: the analysis already weighs
   * each term, and a family fed by one minor alternative must not be blown up to its full share).
   */
  normalise: 'family' | 'word';
}

/** Dense, L2-normalised vector. A text with no feature at all maps to one fixed unit vector. */
export function project(bag: FeatureBag, options: ProjectOptions): Float64Array {
  const { dimension, weights, sublinear } = options;
  const mask = dimension - 1;
  const out = new Float64Array(dimension);
  const sumSquares = (map: Map<number, number>, family: number): number => {
    let sq = 0;
    for (const v of map.values()) {
      const x = sublinear[family] ? tf(v) : v;
      sq += x * x;
    }
    return sq;
  };
  const shared = options.normalise === 'word' ? sumSquares(bag.families[WORD], WORD) : 0;
  const scaleFor = (family: number, ownSquares: number): number => {
    const share = weights[family] ?? 0;
    const sq = options.normalise === 'word' && shared > 0 ? shared : ownSquares;
    return share > 0 && sq > 0 ? Math.sqrt(share / sq) : 0;
  };
  let any = false;
  bag.families.forEach((map, family) => {
    if (map.size === 0) return;
    const scale = scaleFor(family, sumSquares(map, family));
    if (scale === 0) return;
    any = true;
    for (const [h, v] of map) {
      const x = (sublinear[family] ? tf(v) : v) * scale;
      const i = h & mask;
      out[i]! += h >>> 31 ? -x : x;
    }
  });
  const dense = bag.charDense;
  if (dense) {
    let sq = 0;
    for (let i = 0; i < dimension; i++) sq += dense[i]! * dense[i]!;
    const scale = sq > 0 ? scaleFor(CHAR, sq) : 0;
    if (scale > 0) {
      any = true;
      for (let i = 0; i < dimension; i++) out[i]! += dense[i]! * scale;
    }
  }
  let norm = 0;
  for (let i = 0; i < dimension; i++) norm += out[i]! * out[i]!;
  if (!any || norm === 0) {
    out.fill(0);
    out[fmix32(0x5eed) & mask] = 1;
    return out;
  }
  const inv = 1 / Math.sqrt(norm);
  for (let i = 0; i < dimension; i++) out[i]! *= inv;
  return out;
}

function tf(count: number): number {
  return count > 0 ? 1 + Math.log(count) : 0;
}
