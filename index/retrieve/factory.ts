/**
 * Builds the retriever the server, the answer pipeline and eval use. One place to wire the
 * retrieval strategy to a store and an embedder. The retriever is refreshed (BM25 index, corpus
 * vocabulary set on the lexical embedder) before it is returned; call its refresh() — or
 * IndexService.refresh() — after the store changes.
 */
import type { Logger } from '../../core/logger.js';
import { silentLogger } from '../../core/logger.js';
import type { AssistantEmbeddings } from '../embedders/types.js';
import { loadLexicon } from '../../text/index.js';
import type { Lexicon } from '../../text/index.js';
import type { PassageStore } from '../store/types.js';
import { DEFAULT_RETRIEVAL_CONFIG, mergeRetrievalConfig, type RetrievalConfig, type RetrievalConfigInput } from './config.js';
import { HybridRetriever } from './hybrid.js';
import { openTranslator } from '../../text/index.js';
import { EnglishSide, type EnglishSideOptions } from '../xling/english-side.js';

export interface RetrieverOptions {
  logger: Logger;
  /** Parsed config/retrieval.json (readRetrievalConfig) or any subset of it; defaults otherwise. */
  config: RetrievalConfig | RetrievalConfigInput;
  /** English → French lexicon; undefined = the embedder's (lexical) or the committed one; null = none. */
  lexicon: Lexicon | null | undefined;
  /**
   * The English side (passages translated fr→en, index/xling/english-side.ts): where its
   * translation cache lives (a file; null = memory only), or false for none. Needs Apertium;
   * without it the retriever simply has no English side.
   */
  englishSide: { cacheFile: string | null; options?: Partial<EnglishSideOptions> } | false;
}

export const DEFAULT_RETRIEVER: RetrieverOptions = { logger: silentLogger, config: DEFAULT_RETRIEVAL_CONFIG, lexicon: undefined, englishSide: false };

export async function createRetriever(store: PassageStore, embedder: AssistantEmbeddings, options: Partial<RetrieverOptions> = {}): Promise<HybridRetriever> {
  const o: RetrieverOptions = { ...DEFAULT_RETRIEVER, ...options };
  const config = mergeRetrievalConfig(DEFAULT_RETRIEVAL_CONFIG, o.config as RetrievalConfigInput);
  const translator = o.englishSide && config.reranker.translationWeight > 0 ? openTranslator('fr-en', { logger: o.logger }) : null;
  const retriever = new HybridRetriever(store, embedder, {
    config,
    lexicon: o.lexicon === undefined ? embedderLexicon(embedder) : o.lexicon,
    logger: o.logger,
    englishSide: o.englishSide && translator ? new EnglishSide(translator, o.englishSide.cacheFile, o.logger, o.englishSide.options) : null,
  });
  await retriever.refresh();
  return retriever;
}

/** The lexical embedder already holds the lexicon; any other embedder gets the committed one. */
function embedderLexicon(embedder: AssistantEmbeddings): Lexicon | null {
  const own = (embedder as { options?: { lexicon?: Lexicon | null } }).options?.lexicon;
  return own !== undefined ? own : loadLexicon();
}
