/**
 * Sentence splitting moved to index/text/sentences.ts (retrieval's evidence model and the answer
 * composer read sentences too, and answer/ may not import ingest/). Re-exported here so ingest and
 * its callers keep their imports.
 */
export { DEFAULT_SENTENCES, isHeadingLike, splitSentences } from '../index/text/sentences.js';
export type { SentenceOptions, SentenceSpan } from '../index/text/sentences.js';
