/**
 * The production retriever. One search:
 *   1. analyse the question (language, weighted French terms, entity groups);
 *   2. first stage: BM25 over French-analysed passages and/or the embedder's nearest passages;
 *   3. fuse the two rankings (hybrid mode: RRF or weighted score fusion);
 *   4. optionally rerank the top candidates with evidence and lexical cross-features (rerank.ts);
 *   5. keep near-duplicates from crowding the top (dedup.ts);
 *   6. read the top passages sentence by sentence (evidence.ts): the best evidence windows decide
 *      answerability (answerability.ts) and are what the composer quotes (SearchResult.evidence).
 *
 * Derived state (BM25 postings, corpus vocabulary, name statistics) is rebuilt from
 * store.listPassages() by refresh(), incrementally: only passages whose ids changed are analysed.
 */
import { BoundedCache } from '../../core/bounded-cache.js';
import type { Logger } from '../../core/logger.js';
import type { Hit, Passage } from '../../core/types.js';
import { Bm25Index } from '../bm25/index.js';
import { analysePassage, type IndexedPassage } from '../bm25/postings.js';
import type { AssistantEmbeddings } from '../embedders/types.js';
import type { Lexicon } from '../../text/index.js';
import type { PassageStore } from '../store/types.js';
import type { EnglishSide } from '../xling/english-side.js';
import { Vocabulary } from '../../text/index.js';
import { AcronymTable } from './acronyms.js';
import { decideAnswerable } from './answerability.js';
import { passageWindows, prepareEvidence, type EvidenceWindow } from './evidence.js';
import { evidenceReport } from './evidence-report.js';
import { rankWindows, selectQuotes } from './evidence-select.js';
import type { RetrievalConfig } from './config.js';
import { diversify, shingles, SimilarityCache } from './dedup.js';
import { denseSearch } from './dense.js';
import { documentCoverage, matchFeatures, prepareQuestion, type MatchFeatures } from './features.js';
import { expandWithFeedback } from './feedback.js';
import { fuse, type Fused, type RankedList } from './fusion.js';
import { analyseQuestion, toBm25Query, type AnalysedQuestion } from './query.js';
import { loadRelatedWords } from './related-words.js';
import { rerankScores } from './rerank.js';
import type { Diagnostics, Retriever, SearchEvidence, SearchOptions, SearchResult } from './types.js';

/** Terms in at least this many passages get their BM25 postings prepared at refresh. */
const WARM_MIN_DOCUMENTS = 64;

export interface HybridRetrieverOptions {
  config: RetrievalConfig;
  /** English → French lexicon for English questions (null: surface forms only). */
  lexicon: Lexicon | null;
  logger: Logger;
  /** Passages translated to English and indexed there (null: no translator here). */
  englishSide?: EnglishSide | null;
}

/** An embedder that takes the corpus vocabulary for its query side (the lexical one). */
interface VocabularyAware {
  setVocabulary(vocabulary: Vocabulary | null): void;
}

function isVocabularyAware(e: unknown): e is VocabularyAware {
  return typeof (e as Partial<VocabularyAware>).setVocabulary === 'function';
}

interface Candidate extends Fused {
  /** Fused (hybrid) or single-ranker score, before reranking. */
  firstStage: number;
  passage: Passage;
  entry: IndexedPassage;
  final: number;
}

export class HybridRetriever implements Retriever {
  readonly config: RetrievalConfig;
  readonly bm25: Bm25Index;
  private vocabulary: Vocabulary | null = null;
  readonly acronyms = new AcronymTable();
  private readonly lexicon: Lexicon | null;
  private readonly logger: Logger;
  readonly englishSide: EnglishSide | null;
  private refreshing: Promise<void> | null = null;

  constructor(
    private readonly store: PassageStore,
    private readonly embedder: AssistantEmbeddings,
    options: HybridRetrieverOptions,
  ) {
    this.config = options.config;
    this.lexicon = options.lexicon;
    this.logger = options.logger.child({ component: 'retriever' });
    this.englishSide = options.englishSide ?? null;
    this.bm25 = new Bm25Index(options.config.bm25);
  }

  /** The corpus vocabulary the query side uses (cognates, IDF). */
  getVocabulary(): Vocabulary | null {
    return this.vocabulary;
  }

  /** Syncs BM25 and the vocabulary with the store; concurrent calls share one run. */
  refresh(): Promise<void> {
    if (!this.refreshing) {
      this.refreshing = this.doRefresh().finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  private async doRefresh(): Promise<void> {
    const started = performance.now();
    const passages = await this.store.listPassages();
    const { added, removed } = this.bm25.sync(passages);
    this.acronyms.sync(passages);
    await this.englishSide?.sync(passages);
    if (added > 0 || removed > 0 || !this.vocabulary) {
      const postings = this.bm25.postings;
      const entries = [...postings.words()].map(([word, s]) => ({ word, stem: s.stem, documentFrequency: s.documentFrequency }));
      this.vocabulary = new Vocabulary({ entries, documents: postings.size, stemFrequencies: postings.termFrequencies() });
      // The lexical embedder weights and expands its queries with the corpus vocabulary.
      if (isVocabularyAware(this.embedder)) this.embedder.setVocabulary(this.vocabulary);
    }
    // Common terms' flat postings built now rather than by the first unlucky queries.
    const warmed = added > 0 || removed > 0 ? this.bm25.warm(WARM_MIN_DOCUMENTS) : 0;
    this.logger.debug('retriever refreshed', { passages: this.bm25.size, added, removed, warmed, ms: Math.round(performance.now() - started) });
  }

  /** Passage-pair similarities for dedup, shared by all searches. */
  private readonly similarities = new SimilarityCache();

  /** Term-bigram shingles of recently ranked passages (dedup); bounded, a large index never fits. */
  private readonly shingleCache = new BoundedCache<IndexedPassage, ReadonlySet<string>>({ capacity: 4096, policy: 'lru' });

  private shinglesOf(entry: IndexedPassage): ReadonlySet<string> {
    return this.shingleCache.get(entry, () => shingles(entry.terms));
  }

  /** IDF and document frequency from the BM25 postings (alias digits included). */
  readonly termStats = {
    idf: (term: string): number => this.bm25.idf(term),
    df: (term: string): number => this.bm25.postings.documentFrequency(term),
    size: (): number => this.bm25.size,
  };

  /** A word the corpus writes capitalised inside sentences (almost) always: a name. */
  readonly isName = (folded: string): boolean => {
    const stats = this.bm25.postings.word(folded);
    return stats !== undefined && stats.capitalised > 0 && stats.lower * 10 <= stats.capitalised;
  };

  analyse(query: string, lang?: SearchOptions['lang']): AnalysedQuestion {
    return analyseQuestion(
      query,
      lang,
      { vocabulary: this.vocabulary, isName: this.isName, acronyms: this.acronyms },
      { ...this.config.question, lexicon: this.lexicon },
    );
  }

  async search(query: string, options: SearchOptions): Promise<SearchResult> {
    const started = performance.now();
    if (!this.vocabulary) await this.refresh();
    const cfg = this.config;
    const mode = options.mode ?? cfg.mode;
    const rerank = options.rerank ?? cfg.rerank;
    const k = options.k;
    const q = this.analyse(query, options.lang);
    const depth = Math.max(cfg.candidates, k, rerank ? cfg.reranker.depth : 0);

    const lists: RankedList[] = [];
    const passages = new Map<string, Passage>();
    if (mode !== 'dense') {
      const query = toBm25Query(q.analysis);
      let hits = this.bm25.search(query, depth);
      if (cfg.feedback.docs > 0) hits = this.bm25.search(expandWithFeedback(this.bm25, query, hits.map((h) => h.id), cfg.feedback), depth);
      for (const h of hits) {
        const entry = this.bm25.get(h.id);
        if (entry) passages.set(h.id, entry.passage);
      }
      lists.push({ name: 'bm25', items: hits });
    }
    const afterBm25 = performance.now();
    if (mode !== 'bm25') {
      const hits = await denseSearch(this.store, this.embedder, query, depth, q.langEvidence ? q.lang : undefined);
      for (const h of hits) if (!passages.has(h.passage.id)) passages.set(h.passage.id, h.passage);
      lists.push({ name: 'dense', items: hits.map((h) => ({ id: h.passage.id, score: h.score })) });
    }
    const afterDense = performance.now();

    const fused = mode === 'hybrid' ? fuse(lists, cfg.fusion) : single(lists[0]);
    const prepared = prepareQuestion(q, this.termStats);
    let candidates: Candidate[] = fused.slice(0, depth).flatMap((f) => {
      const passage = passages.get(f.id);
      if (!passage) return [];
      const entry = this.bm25.get(f.id) ?? analysePassage(passage);
      return [{ ...f, firstStage: f.score, passage, entry, final: f.score }];
    });
    // Features are computed for the candidates that need them only (reranked head, final top).
    const featureCache = new Map<string, MatchFeatures>();
    const featuresOf = (c: Candidate): MatchFeatures => {
      let f = featureCache.get(c.id);
      if (!f) {
        f = matchFeatures(prepared, c.entry, cfg.features);
        featureCache.set(c.id, f);
      }
      return f;
    };
    const evidenceQuestion = prepareEvidence(prepared, this.termStats, cfg.evidence.relatedCredit > 0 ? loadRelatedWords() : null);
    const windowCache = new Map<string, EvidenceWindow[]>();
    const windowsOf = (c: Candidate): EvidenceWindow[] => {
      let w = windowCache.get(c.id);
      if (!w) {
        w = passageWindows(evidenceQuestion, c.entry, cfg.evidence);
        windowCache.set(c.id, w);
      }
      return w;
    };
    const evidenceOf = (c: Candidate): number => Math.max(0, ...windowsOf(c).map((w) => w.rankScore));

    // English questions (or ones without language evidence) also meet the passages' English side.
    const english = rerank && this.englishSide && this.englishSide.size > 0 && (q.lang === 'en' || !q.langEvidence) && cfg.reranker.translationWeight > 0 ? this.englishSide.search(query, depth) : [];
    const englishTop = english[0]?.score ?? 0;
    const englishScore = new Map(english.map((h) => [h.id, englishTop > 0 ? h.score / englishTop : 0]));

    if (rerank && candidates.length > 1) {
      const head = candidates.slice(0, Math.min(cfg.reranker.depth, cfg.evidence.depth));
      const docs =
        cfg.reranker.documentWeight > 0
          ? documentCoverage(
              prepared,
              head.map((c) => c.passage.source),
              (source) => this.bm25.postings.termsOfSource(source),
            )
          : new Map<string, number>();
      const scores = rerankScores(
        head.map((c) => ({
          id: c.id,
          score: c.score,
          features: featuresOf(c),
          document: docs.get(c.passage.source) ?? 0,
          ...(cfg.reranker.evidenceWeight > 0 ? { evidence: evidenceOf(c) } : {}),
          translation: englishScore.get(c.id) ?? 0,
        })),
        cfg.reranker,
      );
      head.forEach((c, i) => (c.final = scores[i] ?? c.final));
      head.sort((a, b) => b.final - a.final);
      // Below the reranked head, keep first-stage order, strictly under the head's scores.
      const floor = Math.min(...head.map((c) => c.final));
      const tail = candidates.slice(head.length).map((c, i) => ({ ...c, final: floor - 1 - i }));
      candidates = [...head, ...tail];
    }
    // The evidence pool (answerability, quotes) is the same whatever k: order at least that many.
    const pool = Math.max(k, cfg.answerability.top);
    const { items: ordered, duplicates } = diversify(
      candidates.map((c) => ({ ...c, score: c.final, terms: c.entry.terms, shingles: this.shinglesOf(c.entry) })),
      cfg.dedup,
      pool,
      this.similarities,
    );
    const top = ordered.slice(0, k);
    const ranked = rankWindows(ordered.slice(0, cfg.answerability.top).map(windowsOf), cfg.evidence.rankDiscount);
    const quotes = selectQuotes(evidenceQuestion, ranked, cfg.quotes);
    const best = quotes[0];
    const decision = decideAnswerable(best ? { score: best.score, rank: best.rank } : null, evidenceQuestion.unknown, cfg.answerability);
    const answerable = decision.answerable && top.length > 0;

    // Scores read down the list never rise: a passage placed lower for diversity (it repeats one
    // above it) shows at most the score of the passage above, so clients can trust score order.
    // Its own relevance stays in hitDiagnostics (explain) as firstStage / ranks.
    let ceiling = Infinity;
    const hits: Hit[] = top.map((c, i) => {
      ceiling = Math.min(ceiling, c.final);
      return { passage: c.passage, score: ceiling, ranks: { ...c.ranks, final: i + 1 } };
    });
    const finished = performance.now();
    const bestFeatures = best?.window.features;
    const diagnostics: Diagnostics = {
      mode,
      rerank,
      lang: q.lang,
      langEvidence: q.langEvidence,
      support: round(decision.score),
      evidence: round(decision.evidence),
      supportRank: decision.rank,
      threshold: cfg.answerability.threshold,
      types: evidenceQuestion.types.join(',') || '-',
      unknown: round(evidenceQuestion.unknown),
      asksNow: evidenceQuestion.now,
      speaker: evidenceQuestion.speaker >= 0 ? (q.groups[evidenceQuestion.speaker]?.text ?? '-') : '-',
      coverage: round(bestFeatures?.all ?? 0),
      contentCoverage: round(bestFeatures?.content ?? 0),
      entities: round(bestFeatures?.entities ?? 0),
      missingNumbers: round(bestFeatures?.numbers ?? 0),
      typeFound: round(bestFeatures?.type ?? 0),
      absentEntities: prepared.absentEntities,
      groups: q.groups.length,
      entityGroups: q.groups.filter((g) => g.entity).length,
      candidates: candidates.length,
      englishSide: english.length,
      duplicatesDemoted: duplicates.size,
      msAnalyse: round(afterBm25 - started),
      msDense: round(afterDense - afterBm25),
      msTotal: round(finished - started),
    };
    const evidence: SearchEvidence = evidenceReport(evidenceQuestion, quotes, decision, answerable, cfg.answerability.threshold);
    const result: SearchResult = { answerable, lang: q.lang, hits, diagnostics, evidence };
    if (options.explain) {
      result.hitDiagnostics = top.map((c) => ({
        ...explainFeatures(featuresOf(c)),
        evidence: round(evidenceOf(c)),
        ...Object.fromEntries(Object.entries(c.ranks).map(([name, r]) => [`rank.${name}`, r])),
        ...Object.fromEntries(Object.entries(c.scores).map(([name, s]) => [`score.${name}`, round(s)])),
        firstStage: round(c.firstStage),
        relevance: round(c.final),
        duplicate: duplicates.has(c.id),
      }));
    }
    return result;
  }
}

function explainFeatures(f: MatchFeatures): Diagnostics {
  return {
    coverage: round(f.coverage),
    contentCoverage: round(f.contentCoverage),
    window: round(f.window),
    contentWindow: round(f.contentWindow),
    numbersFound: f.numbersFound,
    numbersMissing: f.numbersMissing,
    title: round(f.title),
  };
}

/** One ranker's list as a fusion result (its own scores and ranks). */
function single(list: RankedList | undefined): Fused[] {
  if (!list) return [];
  return list.items.map((it, i) => ({ id: it.id, score: it.score, ranks: { [list.name]: i + 1 }, scores: { [list.name]: it.score } }));
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
