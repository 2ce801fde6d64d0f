/**
 * Are two French words forms of one word, or only of one stem? Snowball conflates inflection
 * ("signé", "signer", "signés") and derivation alike ("nationalité" and "nationale" both stem to
 * national, "validité" and "valide" to valid): fine for recall, but a derivation may change the
 * meaning ("sécurité nationale" says nothing about anyone's nationality). This check tells
 * inflections apart from derivations by the endings left once the common prefix is removed: two
 * nominal endings (gender, number: "", e, s, es, x; al/aux) or two verbal endings (tense, person,
 * participle: er, e, ent, ait, é, ée, ant, ir, it, u, …) make one word; any other ending (ité,
 * ation, ement, isme, eur…) is a derivation.
 *
 * Works on folded (accent-free, lowercase) words; no dictionary, so irregular stems ("reçu" /
 * "recevoir") are not recognised: callers use it to grade a stem match, never to reject one.
 */

const NOMINAL = new Set(['', 'e', 's', 'es', 'x']);
/** al / aux plurals ("national" / "nationaux", "général" / "généraux"), after the common "a". */
const AL_AUX = new Set(['l', 'le', 'les', 'ux']);

const VERBAL = new Set(
  (
    // first group (and the participles every group shares)
    'er e es ent ons ez ais ait aient ions iez a as ai ames ates at erent ' +
    'erai eras era erons erez eront erais erait erions eriez eraient ' +
    'ee ees ant ' +
    // second group
    'ir is it issons issez issent issais issait issions issiez issaient issant i ie ies ' +
    'irai iras ira irons irez iront irais irait irions iriez iraient ' +
    // third group (-re, -oir): infinitive, participles and the endings not listed above
    're u ue us ues t'
  )
    .split(' ')
    .concat(['']),
);

/** Shorter common prefixes say nothing about two words. */
const MIN_PREFIX = 3;

/** Longest common prefix length of two strings. */
function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/**
 * Whether two folded French words are inflections of one word (same lemma by ending), given that
 * they already share a stem. Identical words are trivially so.
 */
export function sameFrenchWord(a: string, b: string): boolean {
  if (a === b) return true;
  const p = commonPrefix(a, b);
  // The common prefix may run into the ending ("recherche|" / "recherche|r"): back off a little.
  for (let q = p; q >= Math.max(MIN_PREFIX, p - 2); q--) {
    const x = a.slice(q);
    const y = b.slice(q);
    if (NOMINAL.has(x) && NOMINAL.has(y)) return true;
    if (VERBAL.has(x) && VERBAL.has(y)) return true;
    // "nationa|l" / "nationa|ux": the common prefix ends inside the al/aux ending.
    if (a[q - 1] === 'a' && AL_AUX.has(x) && AL_AUX.has(y)) return true;
  }
  return false;
}
