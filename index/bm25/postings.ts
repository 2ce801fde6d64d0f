/**
 * A positional inverted index over analysed passages: per term, the passages holding it and the
 * positions there. Positions let multi-word translations ("conseil de sécurité") be scored as
 * phrases and let the reranker measure proximity; document frequencies feed BM25 IDF.
 *
 * Incremental by construction: passages are added and removed by id (slots are reused), so a
 * refresh after an ingest touches only the changed documents, never the whole corpus.
 */
import type { Passage } from '../../core/types.js';
import { analyzeFrenchTokens } from '../text/french.js';
import { numberWordValue } from './number-words.js';

export interface IndexedPassage {
  passage: Passage;
  /** Index terms in text order (hyphenated compounds as their parts). */
  terms: string[];
  /** Folded surface words, same order (exact name and number checks). */
  words: string[];
  /** Terms of the document title (shared by every passage of the document). */
  titleTerms: string[];
  /** Distinct non-number words with their stem and how they are capitalised here. */
  wordInfo: Map<string, WordUse>;
  /** Extra terms indexed at a position: the digits of a number word ("sixième" → 6). */
  aliases: Map<number, string>;
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
  return { passage, terms, words, titleTerms, wordInfo, aliases };
}

export class PostingsIndex {
  /** Slot → passage (null = free slot). */
  private readonly slots: (IndexedPassage | null)[] = [];
  private readonly free: number[] = [];
  private readonly byId = new Map<string, number>();
  /** term → slot → positions (ascending). */
  private readonly postings = new Map<string, Map<number, number[]>>();
  private totalLength = 0;
  private readonly wordStats = new Map<string, WordStats>();

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
      const entry = analysePassage(p);
      const slot = this.free.pop() ?? this.slots.length;
      this.slots[slot] = entry;
      this.byId.set(p.id, slot);
      this.totalLength += entry.terms.length;
      for (const [word, use] of entry.wordInfo) {
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

  private post(term: string, slot: number, pos: number): void {
    let bySlot = this.postings.get(term);
    if (!bySlot) {
      bySlot = new Map();
      this.postings.set(term, bySlot);
    }
    const list = bySlot.get(slot);
    if (list) {
      if (list[list.length - 1] !== pos) list.push(pos);
    } else bySlot.set(slot, [pos]);
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
          bySlot?.delete(slot);
          if (bySlot && bySlot.size === 0) this.postings.delete(term);
        }
        this.totalLength -= entry.terms.length;
        for (const [word, use] of entry.wordInfo) {
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

  /** Passages holding the term, with its positions. */
  postingsOf(term: string): ReadonlyMap<number, readonly number[]> | undefined {
    return this.postings.get(term);
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

  /** Sources (documents) of the passages holding the term. */
  *sourcesOf(term: string): IterableIterator<string> {
    const bySlot = this.postings.get(term);
    if (!bySlot) return;
    const seen = new Set<string>();
    for (const slot of bySlot.keys()) {
      const source = this.slots[slot]?.passage.source;
      if (source !== undefined && !seen.has(source)) {
        seen.add(source);
        yield source;
      }
    }
  }

  documentFrequency(term: string): number {
    return this.postings.get(term)?.size ?? 0;
  }

  length(slot: number): number {
    return this.slots[slot]?.terms.length ?? 0;
  }
}
