/**
 * The compact lemma table: of every (form → lemmas) pair Apertium's English analyser knows, keep
 * only the forms where the runtime's regular rules (text/lexicon/inflection.ts) would give a
 * different set of dictionary lemmas. Everything else the rules already get right at run time.
 *
 * The analyser is trusted to contradict a rule only about words it knows: "news" is not a form of
 * the adjective "new" it lists, so the rule's "new" is blocked; but "immersed" → "immerse" stays,
 * because the analyser has no lemma "immerse" at all (a gap, not a contradiction). Likewise
 * "disputed" → "dispute" stays when the analyser knows "dispute" only as a noun: English verbs
 * made from nouns are common and the analyser lacks many of them.
 */
import { regularLemmas } from '../../text/lexicon/inflection.js';
import type { AnalyserListing } from './apertium.js';

export interface LemmaTableStats {
  formsAnalysed: number;
  /** Forms whose rule output already equals the analyser's lemmas (not stored). */
  coveredByRules: number;
  stored: number;
  /** Stored entries with no lemma: the rules would have invented one ("news" ↛ "new"). */
  blockers: number;
}

/**
 * @param listing the analyser's forms and lemmas (lowercase)
 * @param isKnown whether a word is a lexicon key; lemmas that are not are useless to the lookup
 */
export function buildLemmaTable(
  listing: AnalyserListing,
  isKnown: (word: string) => boolean,
): { table: Map<string, string[]>; stats: LemmaTableStats } {
  const table = new Map<string, string[]>();
  const stats: LemmaTableStats = { formsAnalysed: 0, coveredByRules: 0, stored: 0, blockers: 0 };
  const has = (lemma: string, pos: string) => listing.lemmaPos.get(lemma)?.has(pos) ?? false;
  /** Whether the analyser leaves room for the rule's base `base` of `surface`. */
  const uncontradicted = (surface: string, base: string) =>
    !listing.lemmaPos.has(base) ||
    (/(ed|ing)$/.test(surface) && has(base, 'n') && !has(base, 'vblex') && !has(surface, 'vblex'));
  for (const [surface, lemmas] of listing.forms) {
    if (!/^\p{L}[\p{L}-]*$/u.test(surface)) continue;
    stats.formsAnalysed++;
    const rules = regularLemmas(surface, isKnown);
    const truth = lemmas.filter((l) => l !== surface && isKnown(l));
    for (const r of rules) if (!truth.includes(r) && uncontradicted(surface, r)) truth.push(r);
    if (sameSet(truth, rules)) {
      stats.coveredByRules++;
      continue;
    }
    table.set(surface, truth);
    stats.stored++;
    if (truth.length === 0) stats.blockers++;
  }
  return { table, stats };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
