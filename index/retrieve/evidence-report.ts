/**
 * Turns the evidence model's chosen windows into the public SearchEvidence (types.ts): what
 * /api/search decided and what the composer quotes. Shared by the retriever and by
 * evidenceForHits (evidence-standalone.ts), so both report alike.
 */
import type { AnswerabilityDecision } from './answerability.js';
import type { EvidenceQuestion } from './evidence.js';
import type { RankedWindow } from './evidence-select.js';
import { passageSentences } from './sentence-analysis.js';
import type { SearchEvidence } from './types.js';

export function evidenceReport(q: EvidenceQuestion, quotes: readonly RankedWindow[], decision: AnswerabilityDecision, answerable: boolean, threshold: number): SearchEvidence {
  return {
    answerable,
    score: round(decision.score),
    threshold,
    types: [...q.types],
    unknown: round(q.unknown),
    quotes: quotes.map((r) => {
      const w = r.window;
      const { sentences } = passageSentences(w.entry);
      return {
        passage: w.entry.passage,
        start: w.start,
        end: w.end,
        text: w.entry.passage.text.slice(w.start, w.end),
        sentences: sentences.slice(w.first, w.last + 1).map((s) => ({ start: s.start, end: s.end })),
        score: round(w.score),
        rank: r.rank,
      };
    }),
  };
}

export function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
