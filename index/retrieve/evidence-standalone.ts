/**
 * The evidence model over passages someone else retrieved (a retriever that reports no evidence:
 * a remote server, a test double). Corpus statistics come from a Vocabulary (the whole corpus when
 * the caller has it, else the passages themselves), names from capitalisation in the question
 * only, and the decision uses the given (by default the built-in) answerability settings. The
 * production retriever computes the same thing with BM25 statistics and reports it itself.
 */
import type { Hit } from '../../core/types.js';
import { analysePassage, type IndexedPassage } from '../bm25/postings.js';
import type { Lexicon } from '../../text/index.js';
import { Vocabulary } from '../../text/index.js';
import { decideAnswerable } from './answerability.js';
import { DEFAULT_RETRIEVAL_CONFIG, type RetrievalConfig } from './config.js';
import { passageWindows, prepareEvidence } from './evidence.js';
import { evidenceReport } from './evidence-report.js';
import { rankWindows, selectQuotes } from './evidence-select.js';
import { prepareQuestion, type TermStats } from './features.js';
import { analyseQuestion } from './query.js';
import { loadRelatedWords } from './related-words.js';
import type { SearchEvidence } from './types.js';

export interface StandaloneEvidenceOptions {
  lexicon: Lexicon | null;
  /** Corpus vocabulary; null = built from the hits' passages. */
  vocabulary: Vocabulary | null;
  config: Pick<RetrievalConfig, 'question' | 'evidence' | 'quotes' | 'answerability'>;
}

export const DEFAULT_STANDALONE_EVIDENCE: StandaloneEvidenceOptions = { lexicon: null, vocabulary: null, config: DEFAULT_RETRIEVAL_CONFIG };

const CACHE_LIMIT = 2000;
const analysed = new Map<string, IndexedPassage>();

/** Analysed passages are cached by id (ids are content hashes), so repeated questions reuse their sentences. */
function entryOf(hit: Hit): IndexedPassage {
  const p = hit.passage;
  const key = `${p.id}\u0000${p.title}\u0000${p.date ?? ''}`;
  let e = analysed.get(key);
  if (!e || e.passage.text !== p.text) {
    e = analysePassage(p);
    if (analysed.size >= CACHE_LIMIT) analysed.clear();
    analysed.set(key, e);
  }
  return e;
}

export function evidenceForHits(question: string, hits: readonly Hit[], options: Partial<StandaloneEvidenceOptions> = {}): SearchEvidence {
  const o: StandaloneEvidenceOptions = { ...DEFAULT_STANDALONE_EVIDENCE, ...options };
  const config = o.config;
  const vocabulary = o.vocabulary ?? Vocabulary.fromTexts(hits.map((h) => h.passage.text));
  const stats: TermStats = {
    idf: (t) => vocabulary.idf(t),
    df: (t) => vocabulary.stemFrequency(t),
    size: () => vocabulary.documents,
  };
  const q = analyseQuestion(question, undefined, { vocabulary, isName: () => false, acronyms: null }, { ...config.question, lexicon: o.lexicon });
  const eq = prepareEvidence(prepareQuestion(q, stats), stats, config.evidence.relatedCredit > 0 ? loadRelatedWords() : null);
  const ranked = rankWindows(
    hits.slice(0, config.answerability.top).map((h) => passageWindows(eq, entryOf(h), config.evidence)),
    config.evidence.rankDiscount,
  );
  const quotes = selectQuotes(eq, ranked, config.quotes);
  const best = quotes[0];
  const decision = decideAnswerable(best ? { score: best.score, rank: best.rank } : null, eq.unknown, config.answerability);
  return evidenceReport(eq, quotes, decision, decision.answerable && hits.length > 0, config.answerability.threshold);
}
