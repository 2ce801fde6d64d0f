/**
 * The text a passage is read in when checking a question against it. Kept for answer/corpus.ts
 * (documentScope); the extractive composer now quotes the evidence windows chosen by
 * index/retrieve/evidence.ts and no longer reads sentences itself.
 */
import type { Passage } from '../../core/types.js';

/** The text a passage's sentences are read in: the whole document when the caller has it. */
export type ScopeOf = (passage: Passage) => string;

export const passageScope: ScopeOf = (p) => `${p.title}\n${p.text}`;
