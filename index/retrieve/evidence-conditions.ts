/**
 * Conditions a window must meet besides covering the question (round 3, eval/RETRIEVAL.md). Each
 * answers a near-miss pattern a lexical window otherwise passes, and each is a factor of the
 * window's score (1 when it holds), so search, chat and the reranker read them alike:
 *   now          the question asks about the present ("Qui dirige actuellement…", "currently"),
 *                the window states nothing in the present;
 *   substitution a place (person) the question names is absent from the passage and the window
 *                names another one: "à Vienne" asked, "à New York" answered;
 *   attribution  the question asks what someone said ("Qu'a déclaré Guterres…") and the passage
 *                knows that person but never reports them speaking (named inside someone else's
 *                quotation is not speaking);
 *   relation     (off by default) the question's relation terms (evidence-question.ts) must be
 *                matched in the window, or softly by a related word (related-words.ts).
 * Who/where candidates (a person for who, no person or acronym for "which countries") are graded
 * in evidence.ts (typesIn).
 */
import type { EvidenceOptions } from './evidence.js';
import type { EvidenceQuestion } from './evidence-question.js';
import { foldAccents } from '../../text/index.js';
import type { PassageSentences, SentenceInfo } from './sentence-analysis.js';

export type ConditionOptions = Pick<
  EvidenceOptions,
  'nowFactor' | 'substitutionFactor' | 'attributionFactor' | 'relationMode' | 'relationFloor' | 'relatedCredit' | 'relatedMin'
>;

/** What holds for a whole passage, computed once per passage and question. */
export interface PassageConditions {
  /** The person the question asks about speaking is known here but never reported speaking. */
  silent: boolean;
  /** Per sentence: it names a place (person) of the kind the question names and the passage lacks. */
  substitutes: boolean[];
}

/** `inContext`: per group, its match strength in the whole passage (title and date included). */
export function passageConditions(q: EvidenceQuestion, passage: PassageSentences, inContext: readonly number[], o: ConditionOptions): PassageConditions {
  const lacking = new Set<'place' | 'person'>();
  q.kinds.forEach((k, g) => {
    if (k && (inContext[g] ?? 0) === 0) lacking.add(k);
  });
  const fresh = (n: { folded: string; term: string }) => !q.known.has(n.folded) && !q.known.has(n.term);
  const substitutes = passage.sentences.map(
    (s) => (lacking.has('place') && s.places.some(fresh)) || (lacking.has('person') && s.names.some((n) => n.person && fresh(n))),
  );
  let silent = false;
  if (q.speaker >= 0 && o.attributionFactor < 1) {
    const words = foldAccents((q.prepared.question.groups[q.speaker]?.text ?? '').toLowerCase()).split(/[\s-]+/);
    silent = words.some((w) => passage.persons.has(w)) && !words.some((w) => passage.speakers.has(w));
  }
  return { silent, substitutes };
}

/** The product of the now, substitution and attribution factors for sentences first..last. */
export function conditionFactor(q: EvidenceQuestion, sentences: readonly SentenceInfo[], first: number, last: number, pc: PassageConditions, o: ConditionOptions): number {
  let now = false;
  let substituted = false;
  for (let i = first; i <= last; i++) {
    now ||= sentences[i]?.now ?? false;
    substituted ||= pc.substitutes[i] ?? false;
  }
  let f = 1;
  if (q.now && !now) f *= o.nowFactor;
  if (substituted) f *= o.substitutionFactor;
  if (pc.silent) f *= o.attributionFactor;
  return f;
}

/**
 * Relation coverage of a window: 'max' reads the question's rarest relation term, 'all' the
 * geometric mean over its relation terms; a term counts 1 when matched, relatedCredit when only a
 * related word is in the window (link weight ≥ relatedMin), relationFloor otherwise.
 */
export function relationFactor(q: EvidenceQuestion, sentences: readonly SentenceInfo[], first: number, last: number, matches: readonly number[], o: ConditionOptions): number {
  if (o.relationMode === 'off') return 1;
  const groups = q.relation.flatMap((r, g) => (r ? [g] : []));
  if (groups.length === 0) return 1;
  const credit = (g: number): number => {
    let m = Math.min(1, matches[g] ?? 0);
    if (m === 0 && o.relatedCredit > 0) {
      const related = q.related[g];
      for (let i = first; i <= last && m === 0; i++) {
        for (const [stem, w] of related ?? []) {
          if (w >= o.relatedMin && sentences[i]?.terms.has(stem)) {
            m = o.relatedCredit;
            break;
          }
        }
      }
    }
    return o.relationFloor + (1 - o.relationFloor) * m;
  };
  if (o.relationMode === 'max') {
    const idf = q.prepared.idf;
    let top = groups[0]!;
    for (const g of groups) if ((idf[g] ?? 0) > (idf[top] ?? 0)) top = g;
    return credit(top);
  }
  let log = 0;
  for (const g of groups) log += Math.log(Math.max(1e-9, credit(g)));
  return Math.exp(log / groups.length);
}
