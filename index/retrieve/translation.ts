/**
 * The English side as a reranker feature: passages translated fr→en and searched with the
 * question's own English words (index/xling/english-side.ts). English questions, and questions
 * without language evidence, read it; French ones never do. Its score enters the reranker bounded
 * — divided by the best English-side score, times reranker.translationWeight — and is never fused
 * as a list: list fusion let the translation outvote evidence (main set en MRR −0.07,
 * eval/RETRIEVAL.md round 4).
 */
import type { PassageStore } from '../store/types.js';
import type { EnglishSide } from '../xling/english-side.js';
import type { Question } from './question.js';

export class TranslationFeature {
  constructor(
    private readonly store: PassageStore,
    readonly side: EnglishSide,
  ) {}

  /** Brings the English side in line with the store (the first sync translates, later ones in the background). */
  async refresh(): Promise<void> {
    await this.side.sync(await this.store.listPassages());
  }

  /** English-side score of the best `depth` passages, divided by the best one; empty when the question does not read it. */
  scores(question: Question, depth: number): Map<string, number> {
    if (this.side.size === 0 || (question.lang !== 'en' && question.langEvidence)) return new Map();
    const hits = this.side.search(question.text, depth);
    const top = hits[0]?.score ?? 0;
    return new Map(hits.map((h) => [h.id, top > 0 ? h.score / top : 0]));
  }
}
