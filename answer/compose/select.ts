/**
 * Picks the sentences that answer a question, or decides that none does. A sentence is eligible
 * only when its passage names every entity and number of the question and, for "when" / "how
 * many" questions, the sentence itself holds a year / a quantity the question did not already
 * give. Eligible sentences are ranked by weighted coverage of the question's content groups; the
 * best must cover enough of the question beyond its names, else the documents "do not say".
 */
import type { QuestionProfile } from '../question.js';
import { groupMatch } from '../question.js';
import type { Candidate } from './candidates.js';

export interface SelectOptions {
  /** Most sentences quoted. */
  maxSentences: number;
  /** Least weighted coverage of the non-name, non-number groups by the chosen sentences together. */
  minContentCoverage: number;
  /** Least weighted coverage of all groups by the chosen sentences together. */
  minCoverage: number;
  /** Least content coverage of the best sentence alone (a multi-part question may need several). */
  minBestContentCoverage: number;
  /** A further sentence must score at least this share of the best one… */
  relativeScore: number;
  /** …and cover at least this share of the question's weight that the chosen ones do not. */
  minGain: number;
  /** Sentences sharing this share of their stems with a chosen one are repeats. */
  duplicateOverlap: number;
  /** Score bonus of the top-ranked passage, decreasing linearly with the retrieval rank. */
  rankBonus: number;
  /** Bonus when the sentence holds the kind of answer asked (a new name for who, a cause for why…). */
  kindBonus: number;
}

export const DEFAULT_SELECT: SelectOptions = {
  maxSentences: 3,
  minContentCoverage: 0.35,
  minCoverage: 0.35,
  minBestContentCoverage: 0.25,
  relativeScore: 0.7,
  minGain: 0.12,
  duplicateOverlap: 0.6,
  rankBonus: 0.08,
  kindBonus: 0.1,
};

export interface Scored {
  candidate: Candidate;
  score: number;
  coverage: number;
  contentCoverage: number;
  /** Group index → match in [0, 1]. */
  matches: number[];
}

export type Selection =
  | { answered: true; chosen: Scored[] }
  | { answered: false; reason: string; best: Scored | null };

export function selectSentences(profile: QuestionProfile, candidates: readonly Candidate[], options: Partial<SelectOptions> = {}): Selection {
  const opts: SelectOptions = { ...DEFAULT_SELECT, ...options };
  if (profile.groups.length === 0) return { answered: false, reason: 'no content words in the question', best: null };
  const maxRank = Math.max(1, ...candidates.map((c) => c.rank));
  const scored: Scored[] = [];
  let bestIneligible: Scored | null = null;
  for (const c of candidates) {
    const s = score(profile, c, maxRank, opts);
    if (eligible(profile, c)) scored.push(s);
    else if (!bestIneligible || s.score > bestIneligible.score) bestIneligible = s;
  }
  scored.sort((a, b) => b.score - a.score || a.candidate.rank - b.candidate.rank || a.candidate.start - b.candidate.start);
  const best = scored[0];
  if (!best) return { answered: false, reason: 'no sentence names what the question names or holds the kind of answer asked', best: bestIneligible };
  if (best.contentCoverage < opts.minBestContentCoverage) {
    return { answered: false, reason: `best sentence covers ${pct(best.contentCoverage)} of the question's content`, best };
  }

  const chosen: Scored[] = [best];
  const total = profile.groups.reduce((a, g) => a + g.weight, 0);
  const covered = [...best.matches];
  for (const s of scored.slice(1)) {
    if (chosen.length >= opts.maxSentences) break;
    if (s.score < opts.relativeScore * best.score) break;
    if (chosen.some((c) => overlap(c.candidate.stems, s.candidate.stems) >= opts.duplicateOverlap)) continue;
    let gain = 0;
    profile.groups.forEach((g, i) => {
      gain += g.weight * Math.max(0, (s.matches[i] ?? 0) - (covered[i] ?? 0));
    });
    if (gain / total < opts.minGain) continue;
    chosen.push(s);
    s.matches.forEach((m, i) => (covered[i] = Math.max(covered[i] ?? 0, m)));
  }
  const together = coverageOf(profile, covered);
  if (together.content < opts.minContentCoverage) return { answered: false, reason: `chosen sentences cover ${pct(together.content)} of the question's content`, best };
  if (together.all < opts.minCoverage) return { answered: false, reason: `chosen sentences cover ${pct(together.all)} of the question`, best };
  return { answered: true, chosen };
}

/** Weighted coverage of all groups and of the content (non-name, non-number) groups by per-group matches. */
function coverageOf(profile: QuestionProfile, matches: readonly number[]): { all: number; content: number } {
  let all = 0;
  let allW = 0;
  let content = 0;
  let contentW = 0;
  profile.groups.forEach((g, i) => {
    const m = matches[i] ?? 0;
    all += g.weight * m;
    allW += g.weight;
    if (!g.entity && !g.number) {
      content += g.weight * m;
      contentW += g.weight;
    }
  });
  const a = allW > 0 ? all / allW : 0;
  return { all: a, content: contentW > 0 ? content / contentW : a };
}

function score(profile: QuestionProfile, c: Candidate, maxRank: number, opts: SelectOptions): Scored {
  const matches = profile.groups.map((g) => groupMatch(g, c.stems, profile.match));
  const { all: coverage, content: contentCoverage } = coverageOf(profile, matches);
  const bonus = opts.rankBonus * (1 - c.rank / maxRank) + (holdsKind(profile, c) ? opts.kindBonus : 0);
  return { candidate: c, score: 0.6 * coverage + 0.4 * contentCoverage + bonus, coverage, contentCoverage, matches };
}

function eligible(profile: QuestionProfile, c: Candidate): boolean {
  for (const g of profile.groups) {
    if (g.number) {
      if (!c.scopeNumbers.has(g.text)) return false;
    } else if (g.entity && groupMatch(g, c.passageStems, profile.match) === 0) return false;
  }
  const asked = new Set(profile.numbers);
  if (profile.kind === 'when') return c.hasDate || c.years.some((y) => !asked.has(y));
  if (profile.kind === 'howMany') return c.quantities.some((q) => !asked.has(q));
  // Who: the sentence must name someone (or some body) the question did not already name.
  if (profile.kind === 'who') return newNames(profile, c).length > 0;
  return true;
}

function holdsKind(profile: QuestionProfile, c: Candidate): boolean {
  switch (profile.kind) {
    case 'where':
      return newNames(profile, c).length > 0 && /\b(?:à|au|aux|en|dans|in|at)\s+\p{Lu}/u.test(c.text);
    case 'why':
      return c.hasCause;
    case 'howMany':
      // "192 pays membres": the quantity counts what the question is about.
      return profile.groups.some((g) => !g.entity && !g.number && groupMatch(g, c.countedStems) > 0);
    default:
      return false;
  }
}

function newNames(profile: QuestionProfile, c: Candidate): string[] {
  return [...c.names].filter((n) => !profile.names.has(n) && !profile.commonCapitalised.has(n));
}

function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return common / Math.min(a.size, b.size);
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}
