/**
 * A candidate passage between the first stage and the final ranking, and the per-search memo of
 * what the later stages read of it: the reranker and the evidence stage share its sentence
 * windows, the diagnostics its features.
 */
import type { Passage } from '../../core/types.js';
import type { IndexedPassage } from '../bm25/postings.js';
import { matchFeatures, type MatchFeatures } from './features.js';
import type { Fused } from './fuse.js';
import type { LexicalIndex } from './lexical-index.js';
import type { Question } from './question.js';
import { passageWindows, type EvidenceOptions, type EvidenceWindow } from './windows.js';

export interface Candidate extends Fused {
  passage: Passage;
  /** The passage as the reranker and the evidence model read it. */
  entry: IndexedPassage;
  /** Fused (hybrid) or single-ranker score, before reranking. */
  firstStage: number;
  /** Score of the final ranking (the reranker's, else the first stage's). */
  final: number;
}

/** The fused ranking's first `depth` passages as candidates. */
export function toCandidates(fused: readonly Fused[], passages: ReadonlyMap<string, Passage>, depth: number, lexical: LexicalIndex): Candidate[] {
  return fused.slice(0, depth).flatMap((f) => {
    const passage = passages.get(f.id);
    if (!passage) return [];
    return [{ ...f, firstStage: f.score, passage, entry: lexical.analysed(passage), final: f.score }];
  });
}

export class CandidateReader {
  private readonly features = new Map<string, MatchFeatures>();
  private readonly windows = new Map<string, EvidenceWindow[]>();

  constructor(
    private readonly question: Question,
    private readonly options: EvidenceOptions,
  ) {}

  featuresOf(c: Candidate): MatchFeatures {
    let f = this.features.get(c.id);
    if (!f) {
      f = matchFeatures(this.question, c.entry);
      this.features.set(c.id, f);
    }
    return f;
  }

  /** The passage's best sentence windows (windows.ts), computed once per search. */
  windowsOf = (entry: IndexedPassage): EvidenceWindow[] => {
    let w = this.windows.get(entry.passage.id);
    if (!w) {
      w = passageWindows(this.question, entry, this.options);
      this.windows.set(entry.passage.id, w);
    }
    return w;
  };

  /** The passage's best window score (0 when none). */
  evidenceOf(c: Candidate): number {
    return Math.max(0, ...this.windowsOf(c.entry).map((w) => w.score));
  }
}
