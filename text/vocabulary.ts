/**
 * The corpus vocabulary: every folded content word of the indexed passages with its stem and
 * document frequencies. Two uses, both query-side only (so document vectors never depend on other
 * documents and incremental ingest stays valid):
 * - cognates: character 4-gram Dice similarity finds "coopération" for "cooperation",
 *   "organisations" for "organizations", "terrorisme" for "terrorism";
 * - IDF: rare stems weigh more in a query than stems present in every passage.
 */
import { analyzeFrenchTokens } from './french.js';

export interface VocabularyOptions {
  /** Character n-gram size for similarity (4 = robust to one-letter spelling differences). */
  gramSize: number;
  /** Minimum Dice coefficient between the n-gram sets of two words. */
  threshold: number;
  /** At most this many similar words per query word. */
  maxMatches: number;
  /** Shorter words are never matched fuzzily (too few n-grams to be reliable). */
  minWordLength: number;
}

export const DEFAULT_VOCABULARY: VocabularyOptions = { gramSize: 4, threshold: 0.6, maxMatches: 3, minWordLength: 5 };

export interface VocabularyEntry {
  /** Folded surface word. */
  word: string;
  /** Its index term (folded French stem). */
  stem: string;
  /** Number of texts containing the word. */
  documentFrequency: number;
}

export interface VocabularyData {
  entries: Iterable<VocabularyEntry>;
  /** Number of texts the entries were counted over. */
  documents: number;
  /** Document frequency of each stem; derived from the entries (a lower bound) when absent. */
  stemFrequencies?: Iterable<[string, number]>;
}

export interface SimilarWord {
  entry: VocabularyEntry;
  /** Dice coefficient of the n-gram sets, 1 for the same word. */
  score: number;
}

export class Vocabulary {
  readonly options: VocabularyOptions;
  /** Number of texts the vocabulary was built from. */
  readonly documents: number;
  private readonly entries: VocabularyEntry[];
  private readonly byWord = new Map<string, VocabularyEntry>();
  private readonly stemDf = new Map<string, number>();
  private gramIndex: Map<string, number[]> | null = null;
  private gramCounts: Uint16Array | null = null;

  constructor(data: VocabularyData, options: Partial<VocabularyOptions> = {}) {
    const { entries, documents, stemFrequencies } = data;
    this.options = { ...DEFAULT_VOCABULARY, ...options };
    this.documents = documents;
    // Sorted so that ties between equally similar words resolve the same way on every build.
    this.entries = [...entries].sort((a, b) => (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
    for (const e of this.entries) this.byWord.set(e.word, e);
    if (stemFrequencies) {
      for (const [stem, df] of stemFrequencies) this.stemDf.set(stem, df);
    } else {
      for (const e of this.entries) this.stemDf.set(e.stem, Math.max(this.stemDf.get(e.stem) ?? 0, e.documentFrequency));
    }
  }

  /** Build from raw French texts (passages), analysed like the documents. */
  static fromTexts(texts: Iterable<string>, options: Partial<VocabularyOptions> = {}): Vocabulary {
    const words = new Map<string, VocabularyEntry>();
    const stems = new Map<string, number>();
    let documents = 0;
    for (const text of texts) {
      documents++;
      const seenWords = new Set<string>();
      const seenStems = new Set<string>();
      for (const t of analyzeFrenchTokens(text)) {
        if (t.compound) continue;
        if (!seenStems.has(t.term)) {
          seenStems.add(t.term);
          stems.set(t.term, (stems.get(t.term) ?? 0) + 1);
        }
        if (t.kind === 'number' || seenWords.has(t.folded)) continue;
        seenWords.add(t.folded);
        const entry = words.get(t.folded);
        if (entry) entry.documentFrequency++;
        else words.set(t.folded, { word: t.folded, stem: t.term, documentFrequency: 1 });
      }
    }
    return new Vocabulary({ entries: words.values(), documents, stemFrequencies: stems }, options);
  }

  get size(): number {
    return this.entries.length;
  }

  get(word: string): VocabularyEntry | undefined {
    return this.byWord.get(word);
  }

  /** Number of texts containing the stem (0 when unknown). */
  stemFrequency(stem: string): number {
    return this.stemDf.get(stem) ?? 0;
  }

  /**
   * BM25-style inverse document frequency, always > 0. A stem the corpus lacks matches no stem at
   * all, only partial character n-grams, so it gets the mean IDF of the known stems rather than the
   * maximum (which would amplify its accidental n-gram matches).
   */
  idf(stem: string): number {
    const df = this.stemFrequency(stem);
    if (df === 0) return this.meanIdf();
    return bm25Idf(df, Math.max(this.documents, df));
  }

  private meanIdfCache: number | null = null;

  private meanIdf(): number {
    if (this.meanIdfCache === null) {
      let sum = 0;
      for (const df of this.stemDf.values()) sum += bm25Idf(df, Math.max(this.documents, df));
      this.meanIdfCache = this.stemDf.size > 0 ? sum / this.stemDf.size : 1;
    }
    return this.meanIdfCache;
  }

  /** Vocabulary words whose character n-grams resemble `word` (folded), best first. */
  similar(word: string, options: Partial<VocabularyOptions> = {}): SimilarWord[] {
    const opts = { ...this.options, ...options };
    if (word.length < opts.minWordLength) return [];
    const { index, counts } = this.ensureIndex();
    const grams = charGrams(word, this.options.gramSize);
    const shared = new Map<number, number>();
    for (const g of grams) {
      const postings = index.get(g);
      if (!postings) continue;
      for (const id of postings) shared.set(id, (shared.get(id) ?? 0) + 1);
    }
    const out: SimilarWord[] = [];
    for (const [id, common] of shared) {
      const entry = this.entries[id];
      const size = counts[id] ?? 0;
      if (!entry || size === 0) continue;
      const score = (2 * common) / (grams.size + size);
      if (score >= opts.threshold) out.push({ entry, score: entry.word === word ? 1 : score });
    }
    out.sort((a, b) => b.score - a.score || (a.entry.word < b.entry.word ? -1 : a.entry.word > b.entry.word ? 1 : 0));
    return out.slice(0, opts.maxMatches);
  }

  private ensureIndex(): { index: Map<string, number[]>; counts: Uint16Array } {
    if (this.gramIndex && this.gramCounts) return { index: this.gramIndex, counts: this.gramCounts };
    const index = new Map<string, number[]>();
    const counts = new Uint16Array(this.entries.length);
    this.entries.forEach((entry, id) => {
      if (entry.word.length < this.options.minWordLength) return;
      const grams = charGrams(entry.word, this.options.gramSize);
      counts[id] = Math.min(grams.size, 65_535);
      for (const g of grams) {
        const postings = index.get(g);
        if (postings) postings.push(id);
        else index.set(g, [id]);
      }
    });
    this.gramIndex = index;
    this.gramCounts = counts;
    return { index, counts };
  }
}

function bm25Idf(df: number, n: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** Distinct character n-grams of a word padded with boundary marks ("<terr", "rism>"). */
export function charGrams(word: string, n: number): Set<string> {
  const padded = `<${word}>`;
  const out = new Set<string>();
  if (padded.length <= n) {
    out.add(padded);
    return out;
  }
  for (let i = 0; i + n <= padded.length; i++) out.add(padded.slice(i, i + n));
  return out;
}
