/**
 * A positional inverted index over analysed passages: per term, the passages holding it and the
 * positions there. Positions let multi-word translations ("conseil de sécurité") be scored as
 * phrases and let the reranker measure proximity; document frequencies feed BM25 IDF.
 *
 * Incremental by construction: passages are added and removed by id (slots are reused), so a
 * refresh after an ingest touches only the changed documents, never the whole corpus.
 */
import { BoundedCache } from '../../core/bounded-cache.js';
import type { Passage } from '../../core/types.js';
import { analyzeFrenchTokens, numberWordValue } from '../../text/index.js';

export interface IndexedPassage {
  passage: Passage;
  /** Index terms in text order (hyphenated compounds as their parts). */
  terms: string[];
  /** Folded surface words, same order (exact name and number checks). */
  words: string[];
  /** Terms of the document title (shared by every passage of the document). */
  titleTerms: string[];
  /** Extra terms indexed at a position: the digits of a number word ("sixième" → 6). */
  aliases: Map<number, string>;
}

/** A term's postings as flat arrays, slots ascending. */
export interface TermPostings {
  readonly slots: Int32Array;
  /** Term frequency in each slot's passage. */
  readonly tfs: Float64Array;
  /** Positions of slots[i] are positions[offsets[i] .. offsets[i + 1]), ascending. */
  readonly offsets: Int32Array;
  readonly positions: Int32Array;
}

export interface WordUse {
  stem: string;
  /** Occurrences capitalised inside a sentence (a name's signature) and in lower case. */
  capitalised: number;
  lower: number;
}

/** Corpus-wide statistics of a folded word: the Vocabulary's input plus name evidence. */
export interface WordStats extends WordUse {
  documentFrequency: number;
}

const SENTENCE_START = /(?:^|[.!?:;\n«»"“”•|–—]\s*)$/;

/** Analyses one passage the way the index sees it. */
export function analysePassage(passage: Passage): IndexedPassage {
  return analyse(passage).entry;
}

/**
 * The analysis plus the passage's word uses (distinct words, their stem and capitalisation), which
 * only feed the corpus-wide word statistics: they are not kept per passage (at 100k passages that
 * was millions of small objects) but recomputed when a passage is removed.
 */
function analyse(passage: Passage): { entry: IndexedPassage; uses: Map<string, WordUse> } {
  const terms: string[] = [];
  const words: string[] = [];
  const wordInfo = new Map<string, WordUse>();
  const aliases = new Map<number, string>();
  const text = passage.text;
  for (const t of analyzeFrenchTokens(text)) {
    if (t.compound) continue;
    if (t.kind === 'number') {
      terms.push(t.term);
      words.push(t.folded);
      continue;
    }
    const digits = numberWordValue(t.folded);
    if (digits !== undefined) aliases.set(terms.length, digits);
    terms.push(t.term);
    words.push(t.folded);
    let use = wordInfo.get(t.folded);
    if (!use) {
      use = { stem: t.term, capitalised: 0, lower: 0 };
      wordInfo.set(t.folded, use);
    }
    const first = text[t.start] ?? '';
    if (first !== first.toUpperCase()) use.lower++;
    else if (first !== first.toLowerCase() && !SENTENCE_START.test(text.slice(Math.max(0, t.start - 4), t.start))) use.capitalised++;
  }
  const titleTerms: string[] = [];
  for (const t of analyzeFrenchTokens(passage.title)) if (!t.compound) titleTerms.push(t.term);
  return { entry: { passage, terms, words, titleTerms, aliases }, uses: wordInfo };
}

export class PostingsIndex {
  /** Slot → passage (null = free slot). */
  private readonly slots: (IndexedPassage | null)[] = [];
  private readonly free: number[] = [];
  private readonly byId = new Map<string, number>();
  /**
   * term → slot → positions (ascending): a bare number for the usual single occurrence, an array
   * from the second on (saves an array per posting, most of them at scale).
   */
  private readonly postings = new Map<string, Map<number, number | number[]>>();
  private totalLength = 0;
  /** Slot → passage length in terms (0 = free), flat for the BM25 inner loop. */
  private lengths = new Int32Array(1024);
  private readonly wordStats = new Map<string, WordStats>();
  /**
   * term → its postings as flat arrays (slot, term frequency), built on first use and dropped when
   * the term's postings change. Scoring walks these instead of the Map: at 100k passages a common
   * term has tens of thousands of postings, and Map iteration was most of a query's time.
   */
  private readonly flat = new Map<string, TermPostings>();
  /** source → slots of its passages; source → every term of those passages (cached). */
  private readonly bySource = new Map<string, Set<number>>();
  private readonly sourceTerms = new BoundedCache<string, ReadonlySet<string>>({ capacity: 256, policy: 'fifo' });

  get size(): number {
    return this.byId.size;
  }

  get averageLength(): number {
    return this.byId.size > 0 ? this.totalLength / this.byId.size : 0;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  ids(): IterableIterator<string> {
    return this.byId.keys();
  }

  slotOf(id: string): number | undefined {
    return this.byId.get(id);
  }

  entry(slot: number): IndexedPassage | null {
    return this.slots[slot] ?? null;
  }

  /** Adds passages (an id already present is replaced). */
  add(passages: Iterable<Passage>): number {
    let n = 0;
    for (const p of passages) {
      if (this.byId.has(p.id)) this.remove([p.id]);
      const { entry, uses } = analyse(p);
      const slot = this.free.pop() ?? this.slots.length;
      this.slots[slot] = entry;
      this.byId.set(p.id, slot);
      this.totalLength += entry.terms.length;
      if (slot >= this.lengths.length) {
        const grown = new Int32Array(Math.max(slot + 1, this.lengths.length * 2));
        grown.set(this.lengths);
        this.lengths = grown;
      }
      this.lengths[slot] = entry.terms.length;
      this.addToSource(p.source, slot);
      for (const [word, use] of uses) {
        const stats = this.wordStats.get(word);
        if (stats) {
          stats.documentFrequency++;
          stats.capitalised += use.capitalised;
          stats.lower += use.lower;
        } else this.wordStats.set(word, { ...use, documentFrequency: 1 });
      }
      entry.terms.forEach((term, pos) => {
        this.post(term, slot, pos);
        const alias = entry.aliases.get(pos);
        if (alias !== undefined && alias !== term) this.post(alias, slot, pos);
      });
      n++;
    }
    return n;
  }

  private addToSource(source: string, slot: number): void {
    let set = this.bySource.get(source);
    if (!set) {
      set = new Set();
      this.bySource.set(source, set);
    }
    set.add(slot);
    this.sourceTerms.delete(source);
  }

  private removeFromSource(source: string, slot: number): void {
    const set = this.bySource.get(source);
    set?.delete(slot);
    if (set?.size === 0) this.bySource.delete(source);
    this.sourceTerms.delete(source);
  }

  private post(term: string, slot: number, pos: number): void {
    this.flat.delete(term);
    let bySlot = this.postings.get(term);
    if (!bySlot) {
      bySlot = new Map();
      this.postings.set(term, bySlot);
    }
    const list = bySlot.get(slot);
    if (list === undefined) bySlot.set(slot, pos);
    else if (typeof list === 'number') {
      if (list !== pos) bySlot.set(slot, [list, pos]);
    } else if (list[list.length - 1] !== pos) list.push(pos);
  }

  /** Removes passages by id; unknown ids are ignored. Returns how many were removed. */
  remove(ids: Iterable<string>): number {
    let n = 0;
    for (const id of ids) {
      const slot = this.byId.get(id);
      if (slot === undefined) continue;
      const entry = this.slots[slot];
      if (entry) {
        for (const term of new Set([...entry.terms, ...entry.aliases.values()])) {
          const bySlot = this.postings.get(term);
          this.flat.delete(term);
          bySlot?.delete(slot);
          if (bySlot && bySlot.size === 0) this.postings.delete(term);
        }
        this.totalLength -= entry.terms.length;
        this.lengths[slot] = 0;
        this.removeFromSource(entry.passage.source, slot);
        for (const [word, use] of analyse(entry.passage).uses) {
          const stats = this.wordStats.get(word);
          if (!stats) continue;
          stats.documentFrequency--;
          stats.capitalised -= use.capitalised;
          stats.lower -= use.lower;
          if (stats.documentFrequency <= 0) this.wordStats.delete(word);
        }
      }
      this.slots[slot] = null;
      this.free.push(slot);
      this.byId.delete(id);
      n++;
    }
    return n;
  }

  /** Makes the index hold exactly these passages, touching only what changed (ids are content hashes). */
  sync(passages: readonly Passage[]): { added: number; removed: number } {
    const wanted = new Set(passages.map((p) => p.id));
    const stale = [...this.byId.keys()].filter((id) => !wanted.has(id));
    const removed = this.remove(stale);
    const added = this.add(passages.filter((p) => !this.byId.has(p.id)));
    return { added, removed };
  }

  /** Corpus statistics of a folded word (undefined when no indexed passage has it). */
  word(folded: string): Readonly<WordStats> | undefined {
    return this.wordStats.get(folded);
  }

  words(): IterableIterator<[string, Readonly<WordStats>]> {
    return this.wordStats.entries();
  }

  /** Every indexed term with its document frequency. */
  *termFrequencies(): IterableIterator<[string, number]> {
    for (const [term, bySlot] of this.postings) yield [term, bySlot.size];
  }

  /** The term's postings as flat arrays (read-only; rebuilt after the term changes). */
  termPostings(term: string): TermPostings | undefined {
    let flat = this.flat.get(term);
    if (flat) return flat;
    const bySlot = this.postings.get(term);
    if (!bySlot) return undefined;
    const order = [...bySlot.keys()].sort((a, b) => a - b);
    const slots = Int32Array.from(order);
    const tfs = new Float64Array(slots.length);
    const offsets = new Int32Array(slots.length + 1);
    let total = 0;
    const positionsOf = (slot: number): readonly number[] => {
      const p = bySlot.get(slot);
      return p === undefined ? [] : typeof p === 'number' ? [p] : p;
    };
    order.forEach((slot, i) => {
      const n = positionsOf(slot).length;
      tfs[i] = n;
      total += n;
      offsets[i + 1] = total;
    });
    const positions = new Int32Array(total);
    order.forEach((slot, i) => positions.set(positionsOf(slot), offsets[i]));
    flat = { slots, tfs, offsets, positions };
    this.flat.set(term, flat);
    return flat;
  }

  /** Every index term (aliases included) of the passages of one source document. */
  termsOfSource(source: string): ReadonlySet<string> {
    // Bounded: the reranker asks for a few dozen documents a query, not the whole corpus.
    return this.sourceTerms.get(source, () => this.collectTerms(source));
  }

  private collectTerms(source: string): ReadonlySet<string> {
    const set = new Set<string>();
    for (const slot of this.bySource.get(source) ?? []) {
      const entry = this.slots[slot];
      if (!entry) continue;
      for (const t of entry.terms) set.add(t);
      for (const t of entry.aliases.values()) set.add(t);
    }
    return set;
  }

  /** One past the highest slot ever used (the length scratch arrays need). */
  get capacity(): number {
    return this.slots.length;
  }

  documentFrequency(term: string): number {
    return this.postings.get(term)?.size ?? 0;
  }

  /** Slot → passage length in terms (read-only view; free slots are 0). */
  lengthArray(): Int32Array {
    return this.lengths;
  }
}
