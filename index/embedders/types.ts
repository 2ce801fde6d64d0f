import { Embeddings } from '@langchain/core/embeddings';

export type EmbedderName = 'lexical' | 'transformers';
export type EmbedderChoice = EmbedderName | 'auto';

/** What an index records about the embedder that built it; a different value means "rebuild". */
export interface EmbedderInfo {
  name: EmbedderName;
  /** Model id (transformers) or feature-scheme id (lexical), e.g. "Xenova/multilingual-e5-small". */
  model: string;
  dimension: number;
  /** Hash of every option that changes the vectors (prefixes, pooling, n-gram sizes, lexicon version…). */
  fingerprint: string;
}

/**
 * Every embedder is a LangChain `Embeddings` (so LangChain vector stores accept it) that also
 * describes itself for the index manifest.
 */
export abstract class AssistantEmbeddings extends Embeddings {
  abstract readonly info: EmbedderInfo;
}
