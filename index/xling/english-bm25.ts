/**
 * A small BM25 index over English text: the English side of a French corpus (passages translated
 * fr→en at ingest), searched with the English question as the user typed it. Terms are Snowball
 * English stems of folded words without English stop words, so "scared"/"scare" meet and a
 * translation's inflection does not matter. Postings hold precomputed BM25 impacts (term →
 * passage → weight), the form a database serves as rows (term, passage, impact).
 */
import { ENGLISH_STOPWORDS, foldAccents, stemEnglish, tokenize } from '../../text/index.js';

export interface EnglishBm25Options {
  k1: number;
  b: number;
}

export const DEFAULT_ENGLISH_BM25: EnglishBm25Options = { k1: 1.2, b: 0.75 };

/** English index terms of a text, in order. */
export function analyzeEnglish(text: string): string[] {
  const out: string[] = [];
  for (const t of tokenize(text, { elisions: false, possessives: true, compounds: false })) {
    const folded = foldAccents(t.norm);
    if (t.kind === 'number') {
      out.push(folded);
      continue;
    }
    if (folded.length < 2 || ENGLISH_STOPWORDS.has(folded)) continue;
    out.push(stemEnglish(folded));
  }
  return out;
}

export interface EnglishHit {
  id: string;
  score: number;
}

export class EnglishBm25 {
  private readonly opts: EnglishBm25Options;
  /** term → (passage id → term frequency) */
  private readonly postings = new Map<string, Map<string, number>>();
  private readonly lengths = new Map<string, number>();
  /** passage id → its distinct terms (for removal without scanning the vocabulary). */
  private readonly termsOf = new Map<string, string[]>();
  private totalLength = 0;

  constructor(options: Partial<EnglishBm25Options> = {}) {
    this.opts = { ...DEFAULT_ENGLISH_BM25, ...options };
  }

  get size(): number {
    return this.lengths.size;
  }

  has(id: string): boolean {
    return this.lengths.has(id);
  }

  ids(): IterableIterator<string> {
    return this.lengths.keys();
  }

  add(id: string, englishText: string): void {
    if (this.lengths.has(id)) this.remove(id);
    const terms = analyzeEnglish(englishText);
    this.lengths.set(id, terms.length);
    this.totalLength += terms.length;
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    this.termsOf.set(id, [...tf.keys()]);
    for (const [t, n] of tf) {
      let list = this.postings.get(t);
      if (!list) this.postings.set(t, (list = new Map()));
      list.set(id, n);
    }
  }

  remove(id: string): void {
    const len = this.lengths.get(id);
    if (len === undefined) return;
    this.lengths.delete(id);
    this.totalLength -= len;
    for (const t of this.termsOf.get(id) ?? []) {
      const list = this.postings.get(t);
      if (list?.delete(id) && list.size === 0) this.postings.delete(t);
    }
    this.termsOf.delete(id);
  }

  idf(term: string): number {
    const df = this.postings.get(term)?.size ?? 0;
    const n = this.lengths.size;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  search(question: string, k: number): EnglishHit[] {
    const n = this.lengths.size;
    if (n === 0) return [];
    const avg = this.totalLength / n;
    const { k1, b } = this.opts;
    const scores = new Map<string, number>();
    for (const term of new Set(analyzeEnglish(question))) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = this.idf(term);
      for (const [id, tf] of list) {
        const len = this.lengths.get(id) ?? avg;
        const impact = (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * len) / avg));
        scores.set(id, (scores.get(id) ?? 0) + impact);
      }
    }
    return [...scores].map(([id, score]) => ({ id, score })).sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1)).slice(0, k);
  }
}
