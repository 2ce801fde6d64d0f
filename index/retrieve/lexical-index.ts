/**
 * The lexical side of retrieval behind one narrow interface: the BM25 first stage and the corpus
 * statistics the question and the evidence model read (IDF, document frequencies, names, acronyms,
 * the vocabulary for cognates). The in-process implementation below (BM25 postings over every
 * passage, kept in memory and synced incrementally) is the default; a database-backed one (e.g.
 * Postgres full-text search with term statistics fetched per query) implements the same interface
 * with no corpus-sized state in the app: candidate passages can be re-analysed on demand.
 */
import type { Passage } from '../../core/types.js';
import { Vocabulary } from '../../text/index.js';
import { Bm25Index } from '../bm25/index.js';
import { analysePassage, type IndexedPassage } from '../bm25/postings.js';
import type { Bm25Options, Bm25Query } from '../bm25/types.js';
import type { PassageStore } from '../store/types.js';
import { AcronymTable } from './acronyms.js';
import type { Question, QuestionCorpus, TermStats } from './question.js';

export interface LexicalHit {
  passage: Passage;
  score: number;
}

export interface LexicalIndex {
  /** Brings derived state up to date with the store after it changed; counts what changed. */
  refresh(): Promise<{ added: number; removed: number }>;
  /** Passages indexed (0 before the first refresh). */
  readonly size: number;
  /** First stage: the best `depth` passages for the question's weighted French terms, best first. */
  search(question: Question, depth: number): Promise<LexicalHit[]>;
  /** What question analysis reads of the corpus: vocabulary, names, acronyms, term statistics. */
  corpus(): QuestionCorpus;
  /**
   * Optional, for indexes whose statistics live elsewhere (a database): the corpus statistics one
   * question needs, fetched before it is built (called with the capped question text; lookups must
   * then be synchronous). Default: corpus().
   */
  prepare?(text: string): Promise<QuestionCorpus>;
  /** A candidate passage as the reranker and the evidence model read it (analysed on demand when not held). */
  analysed(passage: Passage): IndexedPassage;
  /** Every index term of a document's passages (the reranker's document coverage). */
  termsOfSource(source: string): ReadonlySet<string>;
  /** Optional: fetch termsOfSource of these documents before the reranker reads them synchronously. */
  prefetchSources?(sources: readonly string[]): Promise<void>;
}

/** Terms in at least this many passages get their BM25 postings prepared at refresh. */
const WARM_MIN_DOCUMENTS = 64;

/** The default LexicalIndex: BM25 postings, word statistics and acronyms of every passage, in memory. */
export class InProcessLexicalIndex implements LexicalIndex {
  readonly bm25: Bm25Index;
  private readonly acronyms = new AcronymTable();
  private vocabulary: Vocabulary | null = null;

  constructor(
    private readonly store: PassageStore,
    options: Partial<Bm25Options> = {},
  ) {
    this.bm25 = new Bm25Index(options);
  }

  get size(): number {
    return this.bm25.size;
  }

  async refresh(): Promise<{ added: number; removed: number }> {
    const passages = await this.store.listPassages();
    const { added, removed } = this.bm25.sync(passages);
    this.acronyms.sync(passages);
    if (added > 0 || removed > 0 || !this.vocabulary) {
      const postings = this.bm25.postings;
      const entries = [...postings.words()].map(([word, s]) => ({ word, stem: s.stem, documentFrequency: s.documentFrequency }));
      this.vocabulary = new Vocabulary({ entries, documents: postings.size, stemFrequencies: postings.termFrequencies() });
    }
    // Common terms' flat postings built now rather than by the first unlucky queries.
    if (added > 0 || removed > 0) this.bm25.warm(WARM_MIN_DOCUMENTS);
    return { added, removed };
  }

  async search(question: Question, depth: number): Promise<LexicalHit[]> {
    return this.bm25.search(toBm25Query(question), depth).flatMap((h) => {
      const entry = this.bm25.get(h.id);
      return entry ? [{ passage: entry.passage, score: h.score }] : [];
    });
  }

  /** IDF and document frequency from the BM25 postings (alias digits included). */
  readonly stats: TermStats = {
    idf: (term) => this.bm25.idf(term),
    df: (term) => this.bm25.postings.documentFrequency(term),
    size: () => this.bm25.size,
  };

  /** A word the corpus writes capitalised inside sentences (almost) always: a name. */
  readonly isName = (folded: string): boolean => {
    const stats = this.bm25.postings.word(folded);
    return stats !== undefined && stats.capitalised > 0 && stats.lower * 10 <= stats.capitalised;
  };

  corpus(): QuestionCorpus {
    return { vocabulary: this.vocabulary, isName: this.isName, acronyms: this.acronyms, stats: this.stats };
  }

  analysed(passage: Passage): IndexedPassage {
    return this.bm25.get(passage.id) ?? analysePassage(passage);
  }

  termsOfSource(source: string): ReadonlySet<string> {
    return this.bm25.postings.termsOfSource(source);
  }
}

/** The BM25 form of a question: one group per query word/phrase, its terms as alternatives. */
export function toBm25Query(question: Pick<Question, 'analysis'>): Bm25Query {
  const { analysis } = question;
  const groups = analysis.groups.map(() => [] as { stems: readonly string[]; weight: number }[]);
  for (const term of analysis.terms) groups[term.group]?.push({ stems: term.stems, weight: term.weight });
  return { groups: groups.map((alternatives) => ({ alternatives })) };
}
