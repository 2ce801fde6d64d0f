/**
 * The first stage: every ranker of the search mode (rankers/index.ts) ranks the question; their
 * lists go to fusion, their passages to the later stages.
 */
import type { Passage } from '../../core/types.js';
import type { RankedList } from './fuse.js';
import type { Question } from './question.js';
import type { FirstStageRanker } from './rankers/index.js';

export interface FirstStage {
  lists: RankedList[];
  passages: Map<string, Passage>;
  /** Milliseconds per ranker, by name. */
  ms: Record<string, number>;
}

export async function firstStage(rankers: readonly FirstStageRanker[], question: Question, depth: number): Promise<FirstStage> {
  const out: FirstStage = { lists: [], passages: new Map(), ms: {} };
  for (const ranker of rankers) {
    const started = performance.now();
    const hits = await ranker.search(question, depth);
    for (const h of hits) if (!out.passages.has(h.passage.id)) out.passages.set(h.passage.id, h.passage);
    out.lists.push({ name: ranker.name, items: hits.map((h) => ({ id: h.passage.id, score: h.score })) });
    out.ms[ranker.name] = performance.now() - started;
  }
  return out;
}
