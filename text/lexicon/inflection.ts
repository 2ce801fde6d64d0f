/**
 * Regular English inflection, undone by rule. The build script stores a lemma-table entry only for
 * the forms these rules get wrong (irregular verbs, "leaves" → leave/leaf, "news" → nothing), so the
 * rules and the table must stay in step: changing a rule here means rebuilding the data.
 */

/** Shortest base a rule may produce: "has" → "ha", "was" → "wa" are never meant. */
const MIN_BASE = 3;
const VOWEL = /[aeiouy]/;

function doubledFinal(stem: string): boolean {
  const n = stem.length;
  return n >= 2 && stem[n - 1] === stem[n - 2] && !VOWEL.test(stem[n - 1] ?? '') && !/[lsz]/.test(stem[n - 1] ?? '');
}

/**
 * Candidate base forms of a lowercase single English word, most likely first, by suffix rules only.
 * Candidates are not checked against any dictionary; `regularLemmas` does that.
 */
export function inflectionCandidates(word: string): string[] {
  const out: string[] = [];
  const add = (base: string) => {
    if (base.length >= MIN_BASE && base !== word && !out.includes(base)) out.push(base);
  };
  if (word.endsWith("'s")) add(word.slice(0, -2));
  if (word.endsWith("s'")) add(word.slice(0, -1));
  if (word.endsWith('ies') && word.length > 4) add(word.slice(0, -3) + 'y');
  if (word.endsWith('es') && /(s|x|z|ch|sh|o)es$/.test(word)) add(word.slice(0, -2));
  if (word.endsWith('s') && !/(ss|us|is|'s)$/.test(word)) add(word.slice(0, -1));
  if (word.endsWith('ied') && word.length > 4) add(word.slice(0, -3) + 'y');
  if (word.endsWith('ed')) {
    const stem = word.slice(0, -2);
    add(stem);
    add(stem + 'e');
    if (doubledFinal(stem)) add(stem.slice(0, -1));
  }
  if (word.endsWith('ing')) {
    const stem = word.slice(0, -3);
    add(stem);
    add(stem + 'e');
    if (doubledFinal(stem)) add(stem.slice(0, -1));
  }
  return out;
}

/** Rule-based base forms that the dictionary knows, most likely first. */
export function regularLemmas(word: string, isKnown: (base: string) => boolean): string[] {
  return inflectionCandidates(word).filter(isKnown);
}
