/**
 * What a search reports about itself (SearchResult.diagnostics, and per hit with `explain`): the
 * decision and its evidence, the question's reading, the stages' sizes and timings. Read by eval
 * (the decision score `support` is what calibration fits), /api/search?debug=1 and
 * scripts/profile-search.ts.
 */
import type { Candidate, CandidateReader } from './candidates.js';
import type { Decision } from './decide.js';
import type { Evidence } from './evidence.js';
import type { Question } from './question.js';
import type { Diagnostics, SearchMode } from './types.js';

export interface SearchTrace {
  mode: SearchMode;
  rerank: boolean;
  threshold: number;
  candidates: number;
  /** Passages the English side scored for the reranker (0 for French questions or without it). */
  englishSide: number;
  duplicates: ReadonlySet<string>;
  /** Milliseconds: building the question, each first-stage ranker by name, the whole search. */
  ms: { question: number; rankers: Record<string, number>; total: number };
}

export function searchDiagnostics(q: Question, evidence: Evidence, decision: Decision, t: SearchTrace): Diagnostics {
  const best = evidence.quotes[0]?.window.features;
  return {
    mode: t.mode,
    rerank: t.rerank,
    lang: q.lang,
    langEvidence: q.langEvidence,
    support: round(decision.confidence),
    evidence: round(decision.evidence),
    supportRank: decision.rank,
    threshold: t.threshold,
    types: q.types.join(',') || '-',
    unknown: round(q.unknown),
    asksNow: q.now,
    speaker: q.speaker >= 0 ? (q.groups[q.speaker]?.text ?? '-') : '-',
    coverage: round(best?.all ?? 0),
    contentCoverage: round(best?.content ?? 0),
    entities: round(best?.entities ?? 0),
    missingNumbers: round(best?.numbers ?? 0),
    typeFound: round(best?.type ?? 0),
    absentEntities: q.absentEntities,
    groups: q.groups.length,
    entityGroups: q.groups.filter((g) => g.entity).length,
    candidates: t.candidates,
    englishSide: t.englishSide,
    duplicatesDemoted: t.duplicates.size,
    msQuestion: round(t.ms.question),
    ...Object.fromEntries(Object.entries(t.ms.rankers).map(([name, ms]) => [`ms.${name}`, round(ms)])),
    msTotal: round(t.ms.total),
  };
}

/** Per returned hit (explain): first-stage ranks and scores, numbers found, evidence, duplicate flag. */
export function hitDiagnostics(top: readonly Candidate[], reader: CandidateReader, duplicates: ReadonlySet<string>): Diagnostics[] {
  return top.map((c) => {
    const f = reader.featuresOf(c);
    return {
      numbersFound: f.numbersFound,
      numbersMissing: f.numbersMissing,
      evidence: round(reader.evidenceOf(c)),
      ...Object.fromEntries(Object.entries(c.ranks).map(([name, r]) => [`rank.${name}`, r])),
      ...Object.fromEntries(Object.entries(c.scores).map(([name, s]) => [`score.${name}`, round(s)])),
      firstStage: round(c.firstStage),
      relevance: round(c.final),
      duplicate: duplicates.has(c.id),
    };
  });
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
