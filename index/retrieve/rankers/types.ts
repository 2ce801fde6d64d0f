/**
 * A first-stage ranker: turns the Question into a ranked list of passages. The retriever runs the
 * rankers of the search mode, then fuses their lists (fuse.ts; weights by name in config
 * fusion.weights). Adding one is a file exporting a RankerFactory plus one line in
 * rankers/index.ts — e.g. an English-side BM25 over translated passages, or a ranker of the
 * question translated into French.
 */
import type { Logger } from '../../../core/logger.js';
import type { Passage } from '../../../core/types.js';
import type { Lexicon } from '../../../text/index.js';
import type { AssistantEmbeddings } from '../../embedders/types.js';
import type { PassageStore } from '../../store/types.js';
import type { RetrievalConfig } from '../config.js';
import type { LexicalIndex } from '../lexical-index.js';
import type { Question } from '../question.js';
import type { SearchMode } from '../types.js';

export interface RankedPassage {
  passage: Passage;
  /** Higher = better (any scale: fusion normalises by the list's best). */
  score: number;
}

export interface FirstStageRanker {
  /** The list's name: its fusion weight (config fusion.weights), its ranks/scores in diagnostics. */
  readonly name: string;
  /** The search modes it takes part in (hybrid: every ranker fused). */
  readonly modes: readonly SearchMode[];
  /** The best `depth` passages for the question, best first. */
  search(question: Question, depth: number): Promise<RankedPassage[]>;
  /** Optional: bring own derived state up to date after the store changed (the retriever's refresh). */
  refresh?(): Promise<void>;
}

/** What a ranker may use; a factory returns null when it cannot run here (it is then left out). */
export interface RankerDeps {
  store: PassageStore;
  embedder: AssistantEmbeddings;
  lexical: LexicalIndex;
  config: RetrievalConfig;
  lexicon: Lexicon | null;
  logger: Logger;
}

export type RankerFactory = (deps: RankerDeps) => FirstStageRanker | null;
