/**
 * Dense retrieval: embed the question, ask the store for its nearest passages. The hybrid
 * retriever fuses this ranking with BM25; on its own it is the `dense` eval mode.
 */
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { Hit, Lang } from '../../core/types.js';
import type { PassageStore } from '../store/types.js';

/** An embedder that can be told the question's language (the lexical one). */
interface LanguageAwareEmbedder {
  embedQueryAs(text: string, lang?: Lang): number[];
}

function isLanguageAware(e: unknown): e is LanguageAwareEmbedder {
  return typeof (e as Partial<LanguageAwareEmbedder>).embedQueryAs === 'function';
}

/** `lang` is passed to embedders that take it (else they detect it themselves). */
export async function denseSearch(store: PassageStore, embedder: EmbeddingsInterface, query: string, k: number, lang?: Lang): Promise<Hit[]> {
  const vector = isLanguageAware(embedder) ? embedder.embedQueryAs(query, lang) : await embedder.embedQuery(query);
  const hits = await store.searchVector(vector, k);
  return hits.map((h, i) => ({ passage: h.passage, score: h.similarity, ranks: { dense: i + 1 } }));
}

export type { Lang };
