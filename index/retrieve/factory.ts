/**
 * Builds the retriever the server, the answer pipeline and eval use. One place to wire the
 * retrieval strategy to a store and an embedder: the lexical index (in-process BM25 unless one is
 * given), the first-stage rankers (rankers/index.ts), the English side when asked for and Apertium
 * is here (translation.ts), the configuration merged once. The retriever is refreshed (BM25 index,
 * corpus vocabulary set on the lexical embedder, passages translated) before it is returned; call
 * its refresh() — or IndexService.refresh() — after the store changes.
 */
import type { Logger } from '../../core/logger.js';
import { silentLogger } from '../../core/logger.js';
import type { AssistantEmbeddings } from '../embedders/types.js';
import { loadLexicon, openTranslator } from '../../text/index.js';
import type { Lexicon } from '../../text/index.js';
import type { PassageStore } from '../store/types.js';
import { DEFAULT_RETRIEVAL_CONFIG, mergeRetrievalConfig, type RetrievalConfig, type RetrievalConfigInput } from './config.js';
import { InProcessLexicalIndex, type LexicalIndex } from './lexical-index.js';
import { RANKERS, type FirstStageRanker, type RankerFactory } from './rankers/index.js';
import { HybridRetriever } from './retriever.js';
import { TranslationFeature } from './translation.js';
import { EnglishSide, type EnglishSideOptions } from '../xling/english-side.js';

export interface RetrieverOptions {
  logger: Logger;
  /** Parsed config/retrieval.json (readRetrievalConfig) or any subset of it; defaults otherwise. */
  config: RetrievalConfig | RetrievalConfigInput;
  /** English → French lexicon; undefined = the embedder's (lexical) or the committed one; null = none. */
  lexicon: Lexicon | null | undefined;
  /** The lexical first stage and corpus statistics; undefined = in-process BM25 over the store's passages. */
  lexical: LexicalIndex | undefined;
  /** First-stage rankers, in fusion order (rankers/index.ts). */
  rankers: readonly RankerFactory[];
  /**
   * The English side (passages translated fr→en, index/xling/english-side.ts): where its
   * translation cache lives (a file; null = memory only), or false for none. Needs Apertium;
   * without it the retriever simply has no English side.
   */
  englishSide: { cacheFile: string | null; options?: Partial<EnglishSideOptions> } | false;
}

export const DEFAULT_RETRIEVER: RetrieverOptions = {
  logger: silentLogger,
  config: DEFAULT_RETRIEVAL_CONFIG,
  lexicon: undefined,
  lexical: undefined,
  rankers: RANKERS,
  englishSide: false,
};

export async function createRetriever(store: PassageStore, embedder: AssistantEmbeddings, options: Partial<RetrieverOptions> = {}): Promise<HybridRetriever> {
  const o: RetrieverOptions = { ...DEFAULT_RETRIEVER, ...options };
  const config = mergeRetrievalConfig(DEFAULT_RETRIEVAL_CONFIG, o.config as RetrievalConfigInput);
  const lexicon = o.lexicon === undefined ? embedderLexicon(embedder) : o.lexicon;
  const lexical = o.lexical ?? new InProcessLexicalIndex(store, config.bm25);
  const deps = { store, embedder, lexical, config, lexicon, logger: o.logger };
  const rankers = o.rankers.map((make) => make(deps)).filter((r): r is FirstStageRanker => r !== null);
  const translator = o.englishSide && config.reranker.translationWeight > 0 ? openTranslator('fr-en', { logger: o.logger }) : null;
  const translation = o.englishSide && translator ? new TranslationFeature(store, new EnglishSide(translator, o.englishSide.cacheFile, o.logger, o.englishSide.options)) : null;
  const retriever = new HybridRetriever({ embedder, lexical, rankers, config, lexicon, translation, logger: o.logger });
  await retriever.refresh();
  return retriever;
}

/** The lexical embedder already holds the lexicon; any other embedder gets the committed one. */
function embedderLexicon(embedder: AssistantEmbeddings): Lexicon | null {
  const own = (embedder as { options?: { lexicon?: Lexicon | null } }).options?.lexicon;
  return own !== undefined ? own : loadLexicon();
}
