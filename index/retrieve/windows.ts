/**
 * Sentence windows, the unit of evidence: for a question and a passage, the windows (1–2
 * consecutive sentences, split by text/sentences.ts) that best answer it, each with a score in
 * [0, 1]. One score serves three readers:
 *   - the reranker (rerank.ts) mixes each candidate's best window score with its first-stage score;
 *   - the answerability decision (decide.ts) reads the best window among the top passages;
 *   - the extractive composer quotes the chosen windows verbatim (quotes.ts, through evidence.ts).
 *
 * Window features (each in [0, 1]):
 *   content   IDF-weighted coverage of the question's content groups (not names, numbers or words
 *             that only say which answer type is wanted) inside the window;
 *   all       the same over content and names together (a name only in the passage counts in part);
 *   entities  1 − the share of the question's weight lost to names absent from the window's
 *             passage and title, cubed: a missing "INTERPOL" (everywhere, low IDF) costs little, a
 *             missing "Vienne" or "Europe" nearly everything;
 *   numbers   share of the question's literal numbers (years, counts, ordinals) missing from the
 *             passage and its publication year: "in 2021" is not answered by a 2017 passage;
 *   type      share of the expected answer types (answer-type.ts) with a candidate, not named by the
 *             question, in a sentence of the window that speaks about the question.
 * The score is their product (windowEvidence): a window must cover the question AND meet every
 * condition; no amount of coverage makes up for a missing year. Round 3 adds conditions for
 * near-miss questions (conditions.ts: a question about the present, a substituted place
 * or person, words attributed to someone the passage never reports speaking) and grades answer
 * candidates (a person answers who better than an acronym; no person or acronym answers "which
 * countries").
 */
import type { IndexedPassage } from '../bm25/postings.js';
import type { AnswerType } from './answer-type.js';
import { conditionFactor, passageConditions } from './conditions.js';
import type { RetrievalConfig } from './config.js';
import type { Question } from './question.js';
import { passageSentences, type SentenceInfo } from './sentence-analysis.js';


export type EvidenceOptions = RetrievalConfig['evidence'];

export interface WindowFeatures {
  content: number;
  /** Coverage of content and names together (names from the window or its passage). */
  all: number;
  entities: number;
  /** Share of the question's literal numbers missing (0 when it has none). */
  numbers: number;
  type: number;
}

export interface EvidenceWindow {
  entry: IndexedPassage;
  /** Sentence indices (inclusive) in the passage's sentence list. */
  first: number;
  last: number;
  /** passage.text.slice(start, end) is the window, verbatim. */
  start: number;
  end: number;
  features: WindowFeatures;
  /** windowEvidence(features): in [0, 1], every condition must hold. */
  score: number;
  /** Per query group: match strength inside the window. */
  matches: number[];
  /** Expected types with a candidate in the window. */
  found: AnswerType[];
}

/** The best windows of one passage, best first (at most `limit`). */
export function passageWindows(q: Question, entry: IndexedPassage, options: EvidenceOptions, limit = 3): EvidenceWindow[] {
  const analysed = passageSentences(entry);
  const { sentences, contextTerms, contextWords } = analysed;
  const groups = q.alts.length;
  const idf = q.idf;
  // Heading-like lines (titles, datelines, but also list items and table rows of manuals) are
  // windows too, discounted: they are quoted only when they beat the sentences.
  const perSentence = sentences.map((s) => (s.heading && options.headingWindow <= 0 ? null : groupMatches(q, s.terms, options)));
  // Names and numbers count when the passage (or its title and date) has them: "in the window or its passage".
  const inContext = groupMatches(q, contextTerms, { ...options, prefixCredit: 0 });
  // Missing names cost their share of the whole question's weight: a missing "INTERPOL" (in most
  // passages, low IDF) costs little, a missing "Vienne" or "Europe" a lot.
  let lost = 0;
  q.roles.forEach((r, g) => {
    if (r === 'entity') lost += (idf[g] ?? 0) * (1 - (inContext[g] ?? 0));
  });
  const weight = q.contentIdf + q.entityIdf;
  const entityShare = weight > 0 ? Math.pow(Math.max(0, 1 - lost / weight), options.entityExponent) : 1;
  const missing = q.numbers.filter((n) => !contextWords.has(n)).length;
  const conditions = passageConditions(q, analysed, inContext, options);
  const numbers = q.numbers.length > 0 ? missing / q.numbers.length : 0;
  // How much of the question (content and names) one sentence speaks about: answer candidates
  // count only in sentences that do, not in a neighbour that merely shares the window.
  const about = perSentence.map((m) => {
    if (!m) return 0;
    let x = 0;
    q.roles.forEach((r, g) => {
      if (r !== 'type') x += (idf[g] ?? 0) * (m[g] ?? 0);
    });
    return x;
  });

  const out: EvidenceWindow[] = [];
  for (let first = 0; first < sentences.length; first++) {
    if (!perSentence[first]) continue;
    const matches = new Array<number>(groups).fill(0);
    for (let last = first; last < sentences.length && last < first + options.maxSentences; last++) {
      const m = perSentence[last];
      if (!m) break;
      for (let g = 0; g < groups; g++) matches[g] = Math.max(matches[g] ?? 0, m[g] ?? 0);
      let anchor = 0;
      for (let i = first; i <= last; i++) anchor = Math.max(anchor, about[i] ?? 0);
      const credits = new Map<AnswerType, number>();
      for (let i = first; i <= last; i++) {
        if ((about[i] ?? 0) < options.typeAnchor * anchor || anchor <= 0) continue;
        for (const [t, c] of typesIn(q, sentences[i]!, options)) credits.set(t, Math.max(credits.get(t) ?? 0, c));
      }
      const found = [...credits.keys()];
      let typeCredit = 0;
      for (const c of credits.values()) typeCredit += c;
      let content = 0;
      let all = 0;
      q.roles.forEach((r, g) => {
        if (r === 'content') content += (idf[g] ?? 0) * (matches[g] ?? 0);
        if (r === 'content') all += (idf[g] ?? 0) * (matches[g] ?? 0);
        else if (r === 'entity') all += (idf[g] ?? 0) * Math.max(matches[g] ?? 0, options.contextCredit * (inContext[g] ?? 0));
      });
      const features: WindowFeatures = {
        content: q.contentIdf > 0 ? content / q.contentIdf : 0,
        all: q.contentIdf + q.entityIdf > 0 ? all / (q.contentIdf + q.entityIdf) : 0,
        entities: entityShare,
        numbers,
        type: q.types.length > 0 ? typeCredit / q.types.length : 1,
      };
      let score = windowEvidence(features, last - first + 1, options) * conditionFactor(q, sentences, first, last, conditions, options);
      for (let i = first; i <= last; i++) if (sentences[i]!.heading) score *= options.headingWindow;
      out.push({
        entry,
        first,
        last,
        start: sentences[first]!.start,
        end: sentences[last]!.end,
        features,
        score,
        matches: [...matches],
        found,
      });
    }
  }
  out.sort((a, b) => b.score - a.score || a.first - b.first || a.last - b.last);
  return out.slice(0, limit);
}

/**
 * How much a window answers the question, in [0, 1]: its coverage of the question, times the
 * conditions an answer must meet — a candidate of the expected type, the question's numbers and
 * names present. A product, so that no amount of coverage makes up for a missing "2021".
 */
export function windowEvidence(f: WindowFeatures, sentences: number, o: Pick<EvidenceOptions, 'allMix' | 'typeFloor' | 'numberPenalty' | 'extraSentencePenalty'>): number {
  const coverage = o.allMix * f.all + (1 - o.allMix) * f.content;
  const type = o.typeFloor + (1 - o.typeFloor) * f.type;
  return coverage * type * (1 - o.numberPenalty * f.numbers) * f.entities * Math.pow(1 - o.extraSentencePenalty, sentences - 1);
}

/** Per group: the strength of its best alternative whose stems are all in `terms` (prefix relatives earn prefixCredit). */
function groupMatches(q: Question, terms: ReadonlySet<string>, options: Pick<EvidenceOptions, 'prefixCredit' | 'prefixMin'>): number[] {
  const relative = (s: string) => hasRelative(s, terms, options.prefixMin, q.frequent);
  return q.alts.map((list) => {
    let best = 0;
    for (const a of list) {
      if (a.strength <= best || a.stems.length === 0) continue;
      let credit = 1;
      for (const s of a.stems) {
        if (terms.has(s)) continue;
        if (options.prefixCredit > 0 && relative(s)) credit = Math.min(credit, options.prefixCredit);
        else {
          credit = 0;
          break;
        }
      }
      best = Math.max(best, a.strength * credit);
    }
    return best;
  });
}

/** A term of `terms` sharing a prefix of ≥ min characters with `stem`, one extending the other. */
function hasRelative(stem: string, terms: ReadonlySet<string>, min: number, frequent: (term: string) => boolean): boolean {
  if (stem.length < min || /^\d/.test(stem)) return false;
  for (const t of terms) {
    if (t.length < min) continue;
    // The cheap prefix test first: the corpus-frequency lookup only for the rare prefix matches.
    if (!(t.length > stem.length ? t.startsWith(stem) : stem.startsWith(t))) continue;
    if (/^\d/.test(t) || frequent(t)) continue;
    return true;
  }
  return false;
}

/** Expected types with a candidate in the sentence, and the candidate's credit (1, or less for an acronym answering who). */
function typesIn(q: Question, s: SentenceInfo, o: Pick<EvidenceOptions, 'acronymWho' | 'bodyWho' | 'personPlaces' | 'acronymPlaces'>): [AnswerType, number][] {
  const out: [AnswerType, number][] = [];
  const asked = new Set(q.numbers);
  const fresh = (n: { folded: string; term: string }) => !q.known.has(n.folded) && !q.known.has(n.term);
  for (const t of q.types) {
    let credit = 0;
    if (t === 'when') credit = s.years.some((y) => !asked.has(y)) || s.month ? 1 : 0;
    else if (t === 'count') credit = s.quantities.some((n) => !asked.has(n)) ? 1 : 0;
    else if (t === 'who') {
      for (const n of s.names) if (fresh(n)) credit = Math.max(credit, n.person ? 1 : n.acronym ? o.acronymWho : o.bodyWho);
    } else if (t === 'where') {
      const byName = q.whereByName ? s.names.filter((n) => (o.personPlaces || !n.person) && (o.acronymPlaces || !n.acronym)) : [];
      credit = [...s.places, ...byName].some(fresh) ? 1 : 0;
    }
    if (credit > 0) out.push([t, credit]);
  }
  return out;
}
