/**
 * The evidence and decide stages over passages someone else retrieved (a retriever that reports
 * no evidence: a remote server, a test double) — the very functions the production retriever
 * runs (evidence.ts, decide.ts). Corpus statistics come from a Vocabulary (the whole corpus when
 * the caller has it, else the passages themselves), names from capitalisation in the question
 * only, and the decision uses the given (by default the built-in) answerability settings.
 */
import { BoundedCache } from '../../core/bounded-cache.js';
import type { Hit, Passage } from '../../core/types.js';
import { Vocabulary, type Lexicon } from '../../text/index.js';
import { analysePassage, type IndexedPassage } from '../bm25/postings.js';
import { DEFAULT_RETRIEVAL_CONFIG, type RetrievalConfig } from './config.js';
import { decide, evidenceReport } from './decide.js';
import { readEvidence } from './evidence.js';
import { buildQuestion, type QuestionCorpus } from './question.js';
import type { SearchEvidence } from './types.js';

export interface StandaloneEvidenceOptions {
  lexicon: Lexicon | null;
  /** Corpus vocabulary; null = built from the hits' passages. */
  vocabulary: Vocabulary | null;
  config: Pick<RetrievalConfig, 'question' | 'evidence' | 'quotes' | 'answerability'>;
}

export const DEFAULT_STANDALONE_EVIDENCE: StandaloneEvidenceOptions = { lexicon: null, vocabulary: null, config: DEFAULT_RETRIEVAL_CONFIG };

/** Analysed passages by id (ids are content hashes), so repeated questions reuse their sentences. */
const analysed = new BoundedCache<string, IndexedPassage>({ capacity: 2000, policy: 'lru' });

function entryOf(p: Passage): IndexedPassage {
  const key = `${p.id}\u0000${p.title}\u0000${p.date ?? ''}`;
  const known = analysed.peek(key);
  if (known && known.passage.text === p.text) return known;
  const entry = analysePassage(p);
  analysed.set(key, entry);
  return entry;
}

export function evidenceForHits(question: string, hits: readonly Hit[], options: Partial<StandaloneEvidenceOptions> = {}): SearchEvidence {
  const o: StandaloneEvidenceOptions = { ...DEFAULT_STANDALONE_EVIDENCE, ...options };
  const config = o.config;
  const vocabulary = o.vocabulary ?? Vocabulary.fromTexts(hits.map((h) => h.passage.text));
  const corpus: QuestionCorpus = {
    vocabulary,
    isName: () => false,
    acronyms: null,
    stats: { idf: (t) => vocabulary.idf(t), df: (t) => vocabulary.stemFrequency(t), size: () => vocabulary.documents },
  };
  const q = buildQuestion(question, undefined, corpus, { ...config.question, lexicon: o.lexicon });
  const evidence = readEvidence(q, hits.slice(0, config.answerability.top).map((h) => entryOf(h.passage)), { evidence: config.evidence, quotes: config.quotes, top: config.answerability.top });
  return evidenceReport(q, evidence, decide(evidence, q, hits.length > 0, config.answerability), config.answerability.threshold);
}
