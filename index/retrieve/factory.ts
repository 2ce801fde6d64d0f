/**
 * Builds the retriever the server, the answer pipeline and eval use. One place to wire the
 * retrieval strategy to a store and an embedder.
 */
import type { Logger } from '../../core/logger.js';
import { silentLogger } from '../../core/logger.js';
import { detectLanguage } from '../text/lang.js';
import type { AssistantEmbeddings } from '../embedders/types.js';
import type { PassageStore } from '../store/types.js';
import { denseSearch } from './dense.js';
import type { Retriever, SearchOptions, SearchResult } from './types.js';

export interface RetrieverOptions {
  logger: Logger;
}

export const DEFAULT_RETRIEVER: RetrieverOptions = { logger: silentLogger };

export async function createRetriever(store: PassageStore, embedder: AssistantEmbeddings, options: Partial<RetrieverOptions> = {}): Promise<Retriever> {
  void { ...DEFAULT_RETRIEVER, ...options };
  return {
    async search(query: string, opts: SearchOptions): Promise<SearchResult> {
      const hits = await denseSearch(store, embedder, query, opts.k);
      return { answerable: hits.length > 0, lang: opts.lang ?? detectLanguage(query), hits };
    },
  };
}
