/**
 * The evidence stage — ONE function for search and chat: the sentence windows (windows.ts) of the
 * top passages of the final ranking, ranked with a discount for the passage's rank, and the
 * windows to quote (quotes.ts). The retriever calls it on its own ranking; evidenceForHits
 * (evidence-for-hits.ts) on someone else's hits. decide.ts turns the result into the
 * answerability decision and the public SearchEvidence.
 *
 * To change what is quoted or how evidence is weighed, change quotes.ts / windows.ts: both
 * callers follow.
 */
import type { IndexedPassage } from '../bm25/postings.js';
import type { Question } from './question.js';
import { rankWindows, selectQuotes, type QuoteOptions, type RankedWindow } from './quotes.js';
import { passageWindows, type EvidenceOptions, type EvidenceWindow } from './windows.js';

export interface EvidenceSettings {
  evidence: EvidenceOptions;
  quotes: QuoteOptions;
  /** Passages of the final ranking whose windows compete (answerability.top). */
  top: number;
}

export interface Evidence {
  /** Every window of the top passages, scored with the rank discount. */
  windows: RankedWindow[];
  /** What to quote, best first: 1–3 sentences, possibly from two passages (empty when nothing matches). */
  quotes: RankedWindow[];
}

/**
 * `ranked`: the final ranking's passages, best first (only the first `settings.top` are read).
 * `windowsOf`: the windows of one passage (the retriever passes its per-search memo, shared with
 * the reranker).
 */
export function readEvidence(
  question: Question,
  ranked: readonly IndexedPassage[],
  settings: EvidenceSettings,
  windowsOf: (entry: IndexedPassage) => EvidenceWindow[] = (entry) => passageWindows(question, entry, settings.evidence),
): Evidence {
  const windows = rankWindows(ranked.slice(0, settings.top).map(windowsOf), settings.evidence.rankDiscount);
  return { windows, quotes: selectQuotes(question, windows, settings.quotes) };
}
