/**
 * The production retriever over the corpus/ test index, for the retrieval-internals tests
 * (question, reranker, evidence): registers its own beforeAll/afterAll, so a test file says
 *
 *   const corpus = useCorpusRetriever();
 *
 * and reads `corpus.retriever`, `corpus.passages`, `corpus.find(…)` inside its tests.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Passage } from '../../core/types.js';
import type { IndexedPassage } from '../../index/bm25/postings.js';
import type { Question } from '../../index/retrieve/question.js';
import type { HybridRetriever } from '../../index/retrieve/retriever.js';
import { buildTestIndex, type TestIndex } from './test-index.js';

export interface CorpusRetriever {
  readonly index: TestIndex;
  readonly retriever: HybridRetriever;
  readonly passages: Passage[];
  /** The first passage whose text contains `needle` (the test's premise: it exists). */
  find(needle: string): Passage;
  /** The question as every stage reads it, with the corpus statistics. */
  question(text: string): Question;
  /** A passage as the reranker and the evidence model read it. */
  entry(passage: Passage): IndexedPassage;
}

export function useCorpusRetriever(): CorpusRetriever {
  let index: TestIndex | undefined;
  let passages: Passage[] = [];
  beforeAll(async () => {
    index = await buildTestIndex();
    passages = await index.store.listPassages();
  });
  afterAll(() => index?.close());
  const ready = (): TestIndex => {
    if (!index) throw new Error('useCorpusRetriever: read inside a test, after beforeAll');
    return index;
  };
  const retriever = (): HybridRetriever => ready().retriever as HybridRetriever;
  return {
    get index() {
      return ready();
    },
    get retriever() {
      return retriever();
    },
    get passages() {
      return passages;
    },
    find: (needle) => passages.find((p) => p.text.includes(needle))!,
    question: (text) => retriever().question(text),
    entry: (passage) => retriever().lexical.analysed(passage),
  };
}
