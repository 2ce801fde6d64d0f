/**
 * The evidence model shared by search and chat: for a question and its top passages, the sentence
 * windows (1–2 consecutive sentences of one passage, split by text/sentences.ts) that best
 * answer it. One score serves three readers:
 *   - the reranker mixes each candidate passage's best window score with its first-stage score;
 *   - the answerability decision (answerability.ts) is the best window among the top passages;
 *   - the extractive composer quotes the chosen windows verbatim (evidence-select.ts).
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
 * near-miss questions (evidence-conditions.ts: a question about the present, a substituted place
 * or person, words attributed to someone the passage never reports speaking) and grades answer
 * candidates (a person answers who better than an acronym; no person or acronym answers "which
 * countries").
 */
import type { IndexedPassage } from '../bm25/postings.js';
import type { AnswerType } from './answer-type.js';
import type { EvidenceQuestion } from './evidence-question.js';
import { sameFrenchWord } from '../../text/index.js';
import { conditionFactor, passageConditions, relationFactor } from './evidence-conditions.js';
import { passageSentences, type SentenceInfo } from './sentence-analysis.js';

export { literalNumbers, prepareEvidence } from './evidence-question.js';
export type { EvidenceQuestion, GroupRole } from './evidence-question.js';

export interface EvidenceOptions {
  /** First-stage candidates whose sentences are read (the reranked head; cached per passage). */
  depth: number;
  /** Most consecutive sentences in one window. */
  maxSentences: number;
  /** Credit of a stem matched only through a shared prefix ("signataires" / "signé"). */
  prefixCredit: number;
  /** Shortest shared prefix, in characters. */
  prefixMin: number;
  /** Coverage = allMix · (content and names) + (1 − allMix) · content alone. */
  allMix: number;
  /**
   * Factor of a window holding no candidate of the expected answer type (0 = such a window is no
   * evidence at all; 1 = types ignored).
   */
  typeFloor: number;
  /**
   * A window of the passage ranked r (1-based, final ranking) counts (1 − rankDiscount)^(r − 1):
   * between equally good sentences, the better-ranked passage's (dense and BM25 agree on it).
   */
  rankDiscount: number;
  /** Factor of a window holding a heading-like line (0 = such lines are never windows). */
  headingWindow: number;
  /** Coverage credit of a name found in the window's passage (or title) but not in the window itself. */
  contextCredit: number;
  /** The names factor is (1 − share of the question's weight lost to missing names) to this power. */
  entityExponent: number;
  /** Factor of the question's numbers missing from the passage: (1 − numberPenalty · missing share). */
  numberPenalty: number;
  /** Each sentence beyond the first multiplies the score by (1 − this): a longer window must earn its length. */
  extraSentencePenalty: number;
  /**
   * An answer candidate counts in a sentence of the window only when that sentence speaks about at
   * least this share of what the window's best sentence covers.
   */
  typeAnchor: number;
  /** Credit of an acronym (mostly a body: ONUDC, BLT) as the answer to a who-question; 1 = off. */
  acronymWho: number;
  /** Credit of any other name that is not a person's (Daech, Europol) as the answer to a who-question; 1 = off. */
  bodyWho: number;
  /** Whether a person's name answers a where-question asked through a noun ("which countries"). */
  personPlaces: boolean;
  /** Whether an acronym (mostly a body: OAPM, ONUDC) answers such a where-question. */
  acronymPlaces: boolean;
  /**
   * Factor of a window without any word of the present ("actuellement", "aujourd'hui", "currently")
   * when the question asks about the present: a dated report says what was, not what is; 1 = off.
   */
  nowFactor: number;
  /**
   * Factor of a window naming another place (person) when a place (person) the question names is
   * missing from the passage: "à Vienne" asked, "à New York" answered; 1 = off.
   */
  substitutionFactor: number;
  /**
   * Factor of every window of a passage that knows the person a question about someone's words
   * asks about ("Qu'a déclaré Guterres…") but never reports that person speaking; 1 = off.
   */
  attributionFactor: number;
  /**
   * Credit of a content word matched through its stem only, as a further derivation of the text's
   * word (text/french-inflection.ts: "nationalité" asked, "nationale" written); 1 = off.
   */
  derivationCredit: number;
  /**
   * Relation coverage (evidence-conditions.ts): 'max' — the window must match the question's
   * rarest relation term; 'all' — geometric mean over its relation terms; an unmatched term counts
   * relationFloor. 'off' = no such factor.
   */
  relationMode: 'off' | 'max' | 'all';
  relationFloor: number;
  /** Credit of a relation term absent from the window when a related word (link weight ≥ relatedMin) is there; 0 = unused. */
  relatedCredit: number;
  relatedMin: number;
  /** Whether the relation factor also weighs in the reranker (else it only decides and picks quotes). */
  relationInRanking: boolean;
}

export const DEFAULT_EVIDENCE: EvidenceOptions = {
  depth: 30,
  maxSentences: 2,
  prefixCredit: 0.5,
  prefixMin: 5,
  allMix: 0.5,
  typeFloor: 0,
  numberPenalty: 1,
  rankDiscount: 0.2,
  contextCredit: 0.5,
  headingWindow: 0.8,
  entityExponent: 3,
  extraSentencePenalty: 0.1,
  typeAnchor: 0.5,
  // Round 3 (eval/RETRIEVAL.md): conditions a near-miss window fails.
  acronymWho: 0.5,
  bodyWho: 0.5,
  personPlaces: false,
  acronymPlaces: false,
  nowFactor: 0.5,
  substitutionFactor: 0.25,
  attributionFactor: 0.25,
  // Explored in round 3 and left off: they did not help the held-out set (ablations).
  derivationCredit: 1,
  relationMode: 'off',
  relationFloor: 0.5,
  relatedCredit: 0,
  relatedMin: 0.25,
  relationInRanking: false,
};

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
  /** What the reranker reads: `score`, without the relation factor unless relationInRanking. */
  rankScore: number;
  /** Per query group: match strength inside the window. */
  matches: number[];
  /** Expected types with a candidate in the window. */
  found: AnswerType[];
}

/** The best windows of one passage, best first (at most `limit`). */
export function passageWindows(q: EvidenceQuestion, entry: IndexedPassage, options: EvidenceOptions, limit = 3): EvidenceWindow[] {
  const analysed = passageSentences(entry);
  const { sentences, contextTerms, contextWords } = analysed;
  const groups = q.prepared.alts.length;
  const idf = q.prepared.idf;
  // Heading-like lines (titles, datelines, but also list items and table rows of manuals) are
  // windows too, discounted: they are quoted only when they beat the sentences.
  const perSentence = sentences.map((s) => (s.heading && options.headingWindow <= 0 ? null : groupMatches(q, s.terms, options, s.forms)));
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
      const relation = relationFactor(q, sentences, first, last, matches, options);
      const rankScore = options.relationInRanking ? score * relation : score;
      score *= relation;
      out.push({
        entry,
        first,
        last,
        start: sentences[first]!.start,
        end: sentences[last]!.end,
        features,
        score,
        rankScore,
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

/**
 * Per group: the strength of its best alternative whose stems are all in `terms`. With `forms`
 * (the folded words behind each term), a content word found only as a derivation of the
 * question's word ("nationale" for "nationalité") earns derivationCredit.
 */
function groupMatches(
  q: EvidenceQuestion,
  terms: ReadonlySet<string>,
  options: Pick<EvidenceOptions, 'prefixCredit' | 'prefixMin'> & Partial<Pick<EvidenceOptions, 'derivationCredit'>>,
  forms?: ReadonlyMap<string, readonly string[]>,
): number[] {
  const relative = (s: string) => hasRelative(s, terms, options.prefixMin, q.frequent);
  const derivation = options.derivationCredit ?? 1;
  return q.prepared.alts.map((list, g) => {
    const checkForms = forms !== undefined && derivation < 1 && q.roles[g] === 'content';
    let best = 0;
    for (const a of list) {
      if (a.strength <= best || a.stems.length === 0) continue;
      let credit = 1;
      for (let k = 0; k < a.stems.length; k++) {
        const s = a.stems[k]!;
        if (terms.has(s)) {
          const word = a.words[k];
          // Expansions that carry stems in place of words (long forms) are not checked.
          // Only a question word derived further than the text's ("nationalité" asked, "nationale"
          // written) asks for more than the text says; "validité" written for "valid" asked says it.
          if (checkForms && word !== undefined && word !== s && !(forms.get(s) ?? []).some((f) => f.length >= word.length || sameFrenchWord(f, word))) credit = Math.min(credit, derivation);
          continue;
        }
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
function typesIn(q: EvidenceQuestion, s: SentenceInfo, o: Pick<EvidenceOptions, 'acronymWho' | 'bodyWho' | 'personPlaces' | 'acronymPlaces'>): [AnswerType, number][] {
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
