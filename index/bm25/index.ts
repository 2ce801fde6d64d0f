/**
 * BM25 over French-analysed passages with grouped, weighted queries: each query group (a French
 * word, or an English word/phrase with its translations) scores its best alternative, and
 * multi-word alternatives are matched as phrases through term positions. Built on PostingsIndex,
 * so it updates incrementally (sync) after ingests, uploads and deletions.
 */
import type { Passage } from '../../core/types.js';
import { PostingsIndex, type IndexedPassage } from './postings.js';
import { DEFAULT_BM25, type Bm25Hit, type Bm25Options, type Bm25Query } from './types.js';

export class Bm25Index {
  readonly options: Bm25Options;
  readonly postings = new PostingsIndex();

  constructor(options: Partial<Bm25Options> = {}) {
    this.options = { ...DEFAULT_BM25, ...options };
  }

  get size(): number {
    return this.postings.size;
  }

  sync(passages: readonly Passage[]): { added: number; removed: number } {
    return this.postings.sync(passages);
  }

  add(passages: Iterable<Passage>): number {
    return this.postings.add(passages);
  }

  remove(ids: Iterable<string>): number {
    return this.postings.remove(ids);
  }

  /** The analysed passage (terms, words) when indexed. */
  get(id: string): IndexedPassage | null {
    const slot = this.postings.slotOf(id);
    return slot === undefined ? null : this.postings.entry(slot);
  }

  /** BM25 inverse document frequency of a term (> 0; an unseen term gets the maximum). */
  idf(term: string): number {
    return idfOf(this.postings.documentFrequency(term), this.postings.size);
  }

  /** Best `k` passages for the query, best first; passages matching nothing are not returned. */
  search(query: Bm25Query, k: number): Bm25Hit[] {
    const n = this.postings.size;
    if (n === 0 || k <= 0) return [];
    const { k1, b, groupCombine } = this.options;
    const avg = this.postings.averageLength || 1;
    const norms = new Map<number, number>();
    const norm = (slot: number): number => {
      let v = norms.get(slot);
      if (v === undefined) {
        v = k1 * (1 - b + (b * this.postings.length(slot)) / avg);
        norms.set(slot, v);
      }
      return v;
    };
    const scores = new Map<number, number[]>();
    const groups = query.groups.length;
    query.groups.forEach((group, g) => {
      const best = new Map<number, number>();
      for (const alt of group.alternatives) {
        if (alt.weight <= 0 || alt.stems.length === 0) continue;
        const tfs = alt.stems.length === 1 ? this.termTf(alt.stems[0] ?? '') : this.phraseTf(alt.stems);
        const df = tfs.size;
        const idf = idfOf(df, n);
        const contributions = new Map<number, number>();
        for (const [slot, tf] of tfs) contributions.set(slot, (alt.weight * idf * tf * (k1 + 1)) / (tf + norm(slot)));
        if (alt.stems.length > 1 && this.options.phraseFallback > 0) {
          for (const [slot, s] of this.looseWords(alt.stems, norm)) {
            if (!contributions.has(slot)) contributions.set(slot, alt.weight * this.options.phraseFallback * s);
          }
        }
        for (const [slot, s] of contributions) {
          const prev = best.get(slot) ?? 0;
          best.set(slot, groupCombine === 'max' ? Math.max(prev, s) : prev + s);
        }
      }
      for (const [slot, s] of best) {
        let row = scores.get(slot);
        if (!row) {
          row = new Array<number>(groups).fill(0);
          scores.set(slot, row);
        }
        row[g] = s;
      }
    });
    const hits: { slot: number; score: number; row: number[] }[] = [];
    for (const [slot, row] of scores) {
      let score = 0;
      for (const s of row) score += s;
      if (score > 0) hits.push({ slot, score, row });
    }
    hits.sort((x, y) => y.score - x.score || x.slot - y.slot);
    const out: Bm25Hit[] = [];
    for (const h of hits.slice(0, k)) {
      const entry = this.postings.entry(h.slot);
      if (entry) out.push({ id: entry.passage.id, score: h.score, groupScores: h.row });
    }
    return out;
  }

  private termTf(term: string): Map<number, number> {
    const out = new Map<number, number>();
    const postings = this.postings.postingsOf(term);
    if (postings) for (const [slot, positions] of postings) out.set(slot, positions.length);
    return out;
  }

  /** Occurrences of the stems in order, each at most phraseSlack terms after the previous. */
  private phraseTf(stems: readonly string[]): Map<number, number> {
    const out = new Map<number, number>();
    const lists = stems.map((s) => this.postings.postingsOf(s));
    if (lists.some((l) => !l)) return out;
    const present = lists as ReadonlyMap<number, readonly number[]>[];
    // Walk the rarest list's passages only.
    let rarest = present[0]!;
    for (const l of present) if (l.size < rarest.size) rarest = l;
    const slack = this.options.phraseSlack;
    for (const slot of rarest.keys()) {
      const lists2: (readonly number[])[] = [];
      for (const l of present) {
        const p = l.get(slot);
        if (p) lists2.push(p);
      }
      if (lists2.length < present.length) continue;
      let count = 0;
      for (const start of lists2[0]!) {
        let at = start;
        let ok = true;
        for (let j = 1; j < lists2.length && ok; j++) {
          const next = lists2[j]!.find((p) => p > at && p <= at + 1 + slack);
          if (next === undefined) ok = false;
          else at = next;
        }
        if (ok) count++;
      }
      if (count > 0) out.set(slot, count);
    }
    return out;
  }

  /** Mean BM25 score of a phrase's words taken one by one (the phrase-absent fallback). */
  private looseWords(stems: readonly string[], norm: (slot: number) => number): Map<number, number> {
    const { k1 } = this.options;
    const n = this.postings.size;
    const out = new Map<number, number>();
    for (const stem of stems) {
      const postings = this.postings.postingsOf(stem);
      if (!postings) continue;
      const idf = idfOf(postings.size, n);
      for (const [slot, positions] of postings) {
        const tf = positions.length;
        out.set(slot, (out.get(slot) ?? 0) + (idf * tf * (k1 + 1)) / (tf + norm(slot)) / stems.length);
      }
    }
    return out;
  }
}

export function idfOf(df: number, n: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}
