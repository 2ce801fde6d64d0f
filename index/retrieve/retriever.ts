/**
 * The production retriever. One search runs these stages, one file each:
 *
 *   question.ts     the Question, built once: language, tokens, weighted French terms, names, answer types
 *   first-stage.ts  every ranker of the mode (rankers/: BM25 over the LexicalIndex, dense vectors)
 *   fuse.ts         their lists into one ranking (weighted scores or RRF)
 *   rerank.ts       the head re-scored with evidence windows, lexical cross-features and, for
 *                   English questions, the English side's score (translation.ts)
 *   diversify.ts    near-duplicates kept from crowding the top (MMR)
 *   evidence.ts     the best sentence windows of the top passages, and what to quote
 *   decide.ts       answerable or not, with a confidence; the public SearchEvidence
 *
 * search() below is the whole orchestration; diagnostics are assembled in diagnostics.ts.
 * Derived state (BM25 postings, corpus vocabulary, name statistics) lives in the LexicalIndex,
 * the English side in the TranslationFeature; refresh() brings both up to date after the store changed.
 */
import type { Logger } from '../../core/logger.js';
import type { Hit, Lang } from '../../core/types.js';
import { limitQuery, type Lexicon, type Vocabulary } from '../../text/index.js';
import type { AssistantEmbeddings } from '../embedders/types.js';
import { CandidateReader, toCandidates, type Candidate } from './candidates.js';
import type { RetrievalConfig } from './config.js';
import { decide, evidenceReport } from './decide.js';
import { hitDiagnostics, searchDiagnostics } from './diagnostics.js';
import { Diversifier } from './diversify.js';
import { readEvidence } from './evidence.js';
import { firstStage } from './first-stage.js';
import { combine } from './fuse.js';
import type { LexicalIndex } from './lexical-index.js';
import { buildQuestion, type Question } from './question.js';
import type { FirstStageRanker } from './rankers/index.js';
import { rerank, rerankHead } from './rerank.js';
import type { TranslationFeature } from './translation.js';
import type { Retriever, SearchOptions, SearchResult } from './types.js';

export interface HybridRetrieverDeps {
  embedder: AssistantEmbeddings;
  lexical: LexicalIndex;
  /** First-stage rankers, in fusion order (rankers/index.ts). */
  rankers: readonly FirstStageRanker[];
  config: RetrievalConfig;
  /** English → French lexicon for English questions (null: surface forms only). */
  lexicon: Lexicon | null;
  /** Passages translated to English, read by the reranker (null: no translator here). */
  translation: TranslationFeature | null;
  logger: Logger;
}

export class HybridRetriever implements Retriever {
  readonly config: RetrievalConfig;
  readonly lexical: LexicalIndex;
  private readonly diversifier = new Diversifier();
  private readonly logger: Logger;
  private ready = false;
  private refreshing: Promise<void> | null = null;

  constructor(private readonly deps: HybridRetrieverDeps) {
    this.config = deps.config;
    this.lexical = deps.lexical;
    this.logger = deps.logger.child({ component: 'retriever' });
  }

  /** The question as every stage reads it (tests and tools read it too). */
  question(text: string, lang?: Lang): Question {
    return buildQuestion(text, lang, this.lexical.corpus(), { ...this.config.question, lexicon: this.deps.lexicon });
  }

  /** The question, capped first (text/limits.ts), with the corpus statistics the lexical index prepares for it. */
  private async ask(raw: string, lang?: Lang): Promise<Question> {
    const text = limitQuery(raw);
    const corpus = this.lexical.prepare ? await this.lexical.prepare(text) : this.lexical.corpus();
    return buildQuestion(text, lang, corpus, { ...this.config.question, lexicon: this.deps.lexicon });
  }

  async search(text: string, options: SearchOptions): Promise<SearchResult> {
    const started = performance.now();
    if (!this.ready) await this.refresh();
    const cfg = this.config;
    const mode = options.mode ?? cfg.mode;
    const rerankOn = options.rerank ?? cfg.rerank;
    const depth = Math.max(cfg.candidates, options.k, rerankOn ? cfg.reranker.depth : 0);
    const question = await this.ask(text, options.lang);
    const questionMs = performance.now() - started;
    const first = await firstStage(this.deps.rankers.filter((r) => r.modes.includes(mode)), question, depth);
    let candidates = toCandidates(combine(first.lists, cfg.fusion), first.passages, depth, this.lexical);
    const reader = new CandidateReader(question, cfg.evidence);
    const translation = rerankOn ? this.translationScores(question, depth) : new Map<string, number>();
    if (rerankOn) candidates = await this.rerank(candidates, question, reader, translation);
    // The evidence pool (answerability, quotes) is the same whatever k: order at least that many.
    const { ordered, duplicates } = this.diversifier.run(candidates, cfg.dedup, Math.max(options.k, cfg.answerability.top));
    const evidence = readEvidence(question, ordered.map((c) => c.entry), { evidence: cfg.evidence, quotes: cfg.quotes, top: cfg.answerability.top }, reader.windowsOf);
    const top = ordered.slice(0, options.k);
    const decision = decide(evidence, question, top.length > 0, cfg.answerability);
    const trace = { mode, rerank: rerankOn, threshold: cfg.answerability.threshold, candidates: candidates.length, englishSide: translation.size, duplicates };
    return {
      answerable: decision.answerable,
      lang: question.lang,
      hits: hitsOf(top),
      diagnostics: searchDiagnostics(question, evidence, decision, { ...trace, ms: { question: questionMs, rankers: first.ms, total: performance.now() - started } }),
      evidence: evidenceReport(question, evidence, decision, cfg.answerability.threshold),
      ...(options.explain ? { hitDiagnostics: hitDiagnostics(top, reader, duplicates) } : {}),
    };
  }

  /** The rerank stage, with the documents' terms fetched first where the lexical index lives elsewhere. */
  private async rerank(candidates: Candidate[], question: Question, reader: CandidateReader, translation: ReadonlyMap<string, number>): Promise<Candidate[]> {
    const options = { ...this.config.reranker, evidenceDepth: this.config.evidence.depth };
    await this.lexical.prefetchSources?.([...new Set(rerankHead(candidates, options).map((c) => c.passage.source))]);
    return rerank(candidates, question, reader, (source) => this.lexical.termsOfSource(source), options, translation);
  }

  /** English-side scores for the reranker (empty for French questions, at weight 0, or without an English side). */
  private translationScores(question: Question, depth: number): Map<string, number> {
    return this.config.reranker.translationWeight > 0 && this.deps.translation ? this.deps.translation.scores(question, depth) : new Map();
  }

  /** Syncs the lexical index, the embedder's vocabulary, the rankers and the English side with the store; concurrent calls share one run. */
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
    const { added, removed } = await this.lexical.refresh();
    // The lexical embedder weights and expands its queries with the corpus vocabulary.
    if ((added > 0 || removed > 0 || !this.ready) && isVocabularyAware(this.deps.embedder)) this.deps.embedder.setVocabulary(this.lexical.corpus().vocabulary);
    for (const ranker of this.deps.rankers) await ranker.refresh?.();
    await this.deps.translation?.refresh();
    this.ready = true;
    this.logger.debug('retriever refreshed', { passages: this.lexical.size, added, removed, ms: Math.round(performance.now() - started) });
  }
}

/**
 * Scores read down the list never rise: a passage placed lower for diversity (it repeats one
 * above it) shows at most the score of the passage above, so clients can trust score order. Its
 * own relevance stays in hitDiagnostics (explain) as firstStage / relevance.
 */
function hitsOf(top: readonly Candidate[]): Hit[] {
  let ceiling = Infinity;
  return top.map((c, i) => {
    ceiling = Math.min(ceiling, c.final);
    return { passage: c.passage, score: ceiling, ranks: { ...c.ranks, final: i + 1 } };
  });
}

/** An embedder that takes the corpus vocabulary for its query side (the lexical one). */
interface VocabularyAware {
  setVocabulary(vocabulary: Vocabulary | null): void;
}

function isVocabularyAware(e: unknown): e is VocabularyAware {
  return typeof (e as Partial<VocabularyAware>).setVocabulary === 'function';
}
