/**
 * BM25 over French-analysed passages with grouped, weighted queries: each query group (a French
 * word, or an English word/phrase with its translations) scores its best alternative, and
 * multi-word alternatives are matched as phrases through term positions. Built on PostingsIndex,
 * so it updates incrementally (sync) after ingests, uploads and deletions.
 */
import type { Passage } from '../../core/types.js';
import { PostingsIndex, type IndexedPassage, type TermPostings } from './postings.js';
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

  /**
   * Scratch score arrays indexed by slot, reused across searches (search is synchronous, so one
   * set per index is safe): term-at-a-time accumulation into typed arrays keeps a 100k-passage
   * query in milliseconds, where per-query Maps cost hundreds.
   */
  private scratch: Scratch | null = null;

  private buffers(): Scratch {
    const need = this.postings.capacity;
    if (!this.scratch || this.scratch.total.value.length < need) this.scratch = new Scratch(Math.max(need, Math.ceil((this.scratch?.total.value.length ?? 0) * 1.5)));
    return this.scratch;
  }

  /**
   * Per term, each posting's BM25 term weight tf·(k1+1)/(tf + k1·(1 − b + b·len/avg)), computed once
   * and reused until the term's postings or the average length change (an ingest): the query then
   * only multiplies by weight × IDF.
   */
  private readonly impacts = new Map<string, { flat: TermPostings; avg: number; values: Float64Array }>();

  private impactsOf(term: string): { flat: TermPostings; values: Float64Array } | undefined {
    const flat = this.postings.termPostings(term);
    if (!flat) return undefined;
    const avg = this.postings.averageLength || 1;
    const cached = this.impacts.get(term);
    if (cached && cached.flat === flat && cached.avg === avg) return cached;
    const lengths = this.postings.lengthArray();
    const values = new Float64Array(flat.slots.length);
    for (let i = 0; i < values.length; i++) values[i] = this.termWeight(flat.tfs[i]!, lengths[flat.slots[i]!]!, avg);
    const entry = { flat, avg, values };
    this.impacts.set(term, entry);
    return entry;
  }

  /** BM25's saturated, length-normalised term frequency: tf·(k1+1) / (tf + k1·(1 − b + b·length/avg)). */
  private termWeight(tf: number, length: number, avg: number): number {
    const { k1, b } = this.options;
    return (tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * length) / avg));
  }

  /**
   * Builds the flat postings and impacts of every term held by at least `minDocuments` passages,
   * so the first queries after a start or an ingest do not pay for them (at 100k passages a cold
   * common term cost tens of milliseconds; rare terms stay lazy, they are cheap). Returns the
   * number of terms warmed.
   */
  warm(minDocuments: number): number {
    let n = 0;
    for (const [term, df] of this.postings.termFrequencies()) {
      if (df < minDocuments) continue;
      this.impactsOf(term);
      n++;
    }
    return n;
  }

  /** Best `k` passages for the query, best first; passages matching nothing are not returned. */
  search(query: Bm25Query, k: number): Bm25Hit[] {
    const n = this.postings.size;
    if (n === 0 || k <= 0) return [];
    const { groupCombine, phraseFallback } = this.options;
    const buf = this.buffers();
    const alt = buf.alt;
    const lengths = this.postings.lengthArray();
    const avg = this.postings.averageLength || 1;
    for (const g of query.groups) {
      for (const a of g.alternatives) {
        if (a.weight <= 0 || a.stems.length === 0) continue;
        if (a.stems.length === 1) {
          // A single term: straight into the group's scores.
          const term = this.impactsOf(a.stems[0] ?? '');
          if (!term) continue;
          const w = a.weight * idfOf(term.values.length, n);
          const slots = term.flat.slots;
          const values = term.values;
          for (let i = 0; i < slots.length; i++) buf.mergeGroup(slots[i]!, w * values[i]!, groupCombine);
          continue;
        }
        // A phrase: its occurrences, else (phraseFallback) its words' mean score.
        const phrase = this.phraseTf(a.stems);
        const w = a.weight * idfOf(phrase.slots.length, n);
        for (let i = 0; i < phrase.slots.length; i++) {
          const slot = phrase.slots[i]!;
          const tf = phrase.tfs[i]!;
          buf.setAlt(slot, w * this.termWeight(tf, lengths[slot]!, avg));
        }
        if (phraseFallback > 0) this.looseWords(a.stems, buf);
        for (const slot of buf.altTouched()) {
          let s = alt.value[slot]!;
          if (s === 0) s = a.weight * phraseFallback * buf.loose[slot]!;
          buf.mergeGroup(slot, s, groupCombine);
        }
        buf.clearAlt();
      }
      buf.commitGroup();
    }
    const hits = buf.top(k);
    const out: Bm25Hit[] = [];
    for (const h of hits) {
      const entry = this.postings.entry(h.slot);
      if (entry) out.push({ id: entry.passage.id, score: h.score });
    }
    buf.clearTotal();
    return out;
  }

  /**
   * Occurrences of the stems in order, each at most phraseSlack terms after the previous: a merge
   * over the stems' slot-sorted postings, then a position walk where all of them occur.
   */
  private phraseTf(stems: readonly string[]): { slots: number[]; tfs: number[] } {
    const out = { slots: [] as number[], tfs: [] as number[] };
    const lists: TermPostings[] = [];
    for (const s of stems) {
      const l = this.postings.termPostings(s);
      if (!l) return out;
      lists.push(l);
    }
    // Walk the rarest list; the others advance monotonically (all sorted by slot).
    let rarest = 0;
    lists.forEach((l, i) => {
      if (l.slots.length < lists[rarest]!.slots.length) rarest = i;
    });
    const cursor = new Int32Array(lists.length);
    const at = new Int32Array(lists.length);
    const slack = this.options.phraseSlack;
    const base = lists[rarest]!.slots;
    outer: for (let r = 0; r < base.length; r++) {
      const slot = base[r]!;
      for (let j = 0; j < lists.length; j++) {
        const l = lists[j]!.slots;
        let c = cursor[j]!;
        while (c < l.length && l[c]! < slot) c++;
        cursor[j] = c;
        if (c >= l.length) break outer;
        if (l[c] !== slot) continue outer;
      }
      // Every stem occurs in this passage: count in-order occurrences within the slack.
      const first = lists[0]!;
      let count = 0;
      for (let p = first.offsets[cursor[0]!]!; p < first.offsets[cursor[0]! + 1]!; p++) {
        at[0] = first.positions[p]!;
        let ok = true;
        for (let j = 1; j < lists.length && ok; j++) {
          const l = lists[j]!;
          const prev = at[j - 1]!;
          let found = -1;
          for (let q = l.offsets[cursor[j]!]!; q < l.offsets[cursor[j]! + 1]!; q++) {
            const pos = l.positions[q]!;
            if (pos > prev + 1 + slack) break;
            if (pos > prev) {
              found = pos;
              break;
            }
          }
          if (found < 0) ok = false;
          else at[j] = found;
        }
        if (ok) count++;
      }
      if (count > 0) {
        out.slots.push(slot);
        out.tfs.push(count);
      }
    }
    return out;
  }

  /** Mean BM25 score of a phrase's words taken one by one (the phrase-absent fallback), into buf.loose. */
  private looseWords(stems: readonly string[], buf: Scratch): void {
    const n = this.postings.size;
    for (const stem of stems) {
      const term = this.impactsOf(stem);
      if (!term) continue;
      const w = idfOf(term.values.length, n) / stems.length;
      const slots = term.flat.slots;
      const values = term.values;
      for (let i = 0; i < slots.length; i++) buf.addLoose(slots[i]!, w * values[i]!);
    }
  }
}

/** A score array over slots, with the slots written since the last clear (for iteration and reset). */
class SlotScores {
  readonly value: Float64Array;
  private readonly used: Int32Array;
  /** 1 for a slot already in `used` (a score can legitimately be 0, so value cannot tell). */
  private readonly seen: Uint8Array;
  private count = 0;

  constructor(size: number) {
    this.value = new Float64Array(size);
    this.used = new Int32Array(size);
    this.seen = new Uint8Array(size);
  }

  /** Records the slot; true the first time since the last clear. */
  touch(slot: number): boolean {
    if (this.seen[slot]) return false;
    this.seen[slot] = 1;
    this.used[this.count++] = slot;
    return true;
  }

  slots(): Int32Array {
    return this.used.subarray(0, this.count);
  }

  clear(): void {
    for (let i = 0; i < this.count; i++) {
      const slot = this.used[i]!;
      this.value[slot] = 0;
      this.seen[slot] = 0;
    }
    this.count = 0;
  }
}

/** The per-search score buffers: query total, current group, current phrase alternative, loose words. */
class Scratch {
  readonly total: SlotScores;
  readonly group: SlotScores;
  readonly alt: SlotScores;
  /** Phrase fallback sums, over the alternative's slots (reset with them). */
  readonly loose: Float64Array;

  constructor(size: number) {
    this.total = new SlotScores(size);
    this.group = new SlotScores(size);
    this.alt = new SlotScores(size);
    this.loose = new Float64Array(size);
  }

  mergeGroup(slot: number, s: number, combine: 'max' | 'sum'): void {
    const g = this.group;
    if (g.touch(slot)) {
      g.value[slot] = combine === 'max' ? Math.max(0, s) : 0 + s;
      return;
    }
    const prev = g.value[slot]!;
    g.value[slot] = combine === 'max' ? Math.max(prev, s) : prev + s;
  }

  setAlt(slot: number, s: number): void {
    this.alt.touch(slot);
    this.alt.value[slot] = s;
  }

  addLoose(slot: number, s: number): void {
    this.alt.touch(slot);
    this.loose[slot] = this.loose[slot]! + s;
  }

  altTouched(): Int32Array {
    return this.alt.slots();
  }

  clearAlt(): void {
    for (const slot of this.alt.slots()) this.loose[slot] = 0;
    this.alt.clear();
  }

  /** Adds the finished group's scores to the query total (groups add up). */
  commitGroup(): void {
    const g = this.group;
    const t = this.total;
    for (const slot of g.slots()) {
      if (t.touch(slot)) t.value[slot] = 0 + g.value[slot]!;
      else t.value[slot] = t.value[slot]! + g.value[slot]!;
    }
    g.clear();
  }

  /** The k best positive totals, best first, ties by slot (a bounded heap, not a full sort). */
  top(k: number): { slot: number; score: number }[] {
    const heap: { slot: number; score: number }[] = [];
    // Worse = lower score, or equal score and higher slot; the heap's root is the worst kept.
    const worse = (a: { slot: number; score: number }, b: { slot: number; score: number }): boolean => a.score < b.score || (a.score === b.score && a.slot > b.slot);
    const up = (i: number): void => {
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!worse(heap[i]!, heap[p]!)) break;
        [heap[i], heap[p]] = [heap[p]!, heap[i]!];
        i = p;
      }
    };
    const down = (i: number): void => {
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
        if (m === i) return;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    };
    for (const slot of this.total.slots()) {
      const score = this.total.value[slot]!;
      if (!(score > 0)) continue;
      const item = { slot, score };
      if (heap.length < k) {
        heap.push(item);
        up(heap.length - 1);
      } else if (worse(heap[0]!, item)) {
        heap[0] = item;
        down(0);
      }
    }
    return heap.sort((x, y) => y.score - x.score || x.slot - y.slot);
  }

  clearTotal(): void {
    this.total.clear();
  }
}

export function idfOf(df: number, n: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}
