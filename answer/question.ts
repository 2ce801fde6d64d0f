/**
 * What a question asks for, in terms the extractive composer can check against French sentences:
 * its kind (when / how many / who …), its content groups as weighted French stems (English goes
 * through the bilingual lexicon via text/'s analyzeQuery, so one matcher serves both
 * languages), which groups are names or numbers, and the numbers it mentions.
 */
import type { Lang } from '../core/types.js';
import type { Lexicon, Vocabulary } from '../text/index.js';
import { analyzeFrenchTokens, foldText, analyzeQuery, tokenize } from '../text/index.js';

export type QuestionKind = 'when' | 'howMany' | 'who' | 'where' | 'why' | 'other';

export interface TermAlternative {
  /** French index terms that must all be present. */
  stems: string[];
  /** Relative to the group's best alternative (1). */
  weight: number;
}

export interface ContentGroup {
  /** The question word or phrase (lowercase). */
  text: string;
  /** A name or acronym (INTERPOL, Vienne, Guterres): must be present for the passage to be about it. */
  entity: boolean;
  /** A number or year: must be present for the passage to answer. */
  number: boolean;
  alternatives: TermAlternative[];
  /** Importance (IDF of its best alternative when a vocabulary is known, else 1). */
  weight: number;
}

export interface QuestionProfile {
  text: string;
  /** Language the question was analysed in. */
  lang: Lang;
  kind: QuestionKind;
  groups: ContentGroup[];
  /** Canonical numbers of the question ("2017", "6"). */
  numbers: string[];
  /** Folded name-like words of the question (to tell new names in a sentence from repeated ones). */
  names: Set<string>;
  /** How sentence stems are matched against the groups. */
  match: MatchSettings;
  /** See QuestionOptions. */
  commonCapitalised: ReadonlySet<string>;
}

export interface MatchSettings {
  /** Credit of a prefix-only match (0 = exact stems only). */
  prefix: number;
  minPrefix: number;
  /** Stems too frequent in the corpus to stand in for a relative ("nation" for "nationalité"). */
  frequent: (stem: string) => boolean;
}

export const EXACT_MATCH: MatchSettings = { prefix: 0, minPrefix: 4, frequent: () => false };

export interface QuestionOptions {
  /**
   * Folded words that say what kind of answer is wanted, or are too light to carry the topic
   * ("année", "year", "vu" in "vu le jour"): never required in the answer sentence.
   */
  metaWords: ReadonlySet<string>;
  /**
   * Folded words French and English capitalise without being names (États, Nations Unies, Conseil
   * de sécurité): they are ordinary content words, not entities the passage must name.
   */
  commonCapitalised: ReadonlySet<string>;
  /** Lowest group weight, so a stem present everywhere still counts a little. */
  minWeight: number;
  /**
   * Weight factor of a group whose stems the corpus never uses: no sentence can hold it, so it is
   * a paraphrase as often as a topic the documents lack.
   */
  unknownFactor: number;
  /**
   * Credit of a stem that only shares a prefix with a sentence stem (signataires / signé): same
   * word family, weaker evidence. 0 disables it.
   */
  prefixMatch: number;
  /** Shortest shared prefix (characters) for such a match. */
  minPrefix: number;
  /** A stem in more than this share of the corpus passages never serves as a prefix relative. */
  maxPrefixShare: number;
}

export const DEFAULT_QUESTION: QuestionOptions = {
  metaWords: new Set(
    (
      'annee annees an ans jour jours date dates fois nombre quantite lieu ville villes pays raison moment epoque ' +
      'document documents texte source sources dire dit disent indique indiquent preciser precisent mentionne ' +
      'fait faire font vu voir donne donner mis mettre pris prendre eu avoir etre ete exactement actuellement ' +
      'year years day days date dates time times number place city cities country reason ' +
      'document documents text say says said tell told mention mentioned according exactly currently ' +
      'do does did make made get got give gave take took see saw put partir ' +
      'un une deux trois quatre cinq six sept huit neuf dix one two three four five six seven eight nine ten'
    ).split(' '),
  ),
  commonCapitalised: new Set(
    (
      'etat etats nation nations unie unies uni conseil assemblee generale general generaux secretaire secretaires secretariat ' +
      'organisation organisations bureau comite programme objectif objectifs dialogue commission office pacte groupe agence ' +
      'communaute union europeenne mondial mondiale international internationale ministre ministres president directeur ' +
      'representant special speciale securite developpement durable action policiere direction executive centre convention ' +
      'session sommet forum accord partenariat monsieur madame m mm mme ' +
      'united nation nations general assembly security council secretary secretaries office special representative global ' +
      'goal goals policing police dialogue commission compact agency group centre center union european executive directorate ' +
      'convention session summit programme program sustainable development mr mrs ms'
    ).split(' '),
  ),
  minWeight: 0.25,
  unknownFactor: 1,
  prefixMatch: 0.6,
  minPrefix: 4,
  maxPrefixShare: 0.15,
};

const KIND_PATTERNS: Record<Lang, [QuestionKind, RegExp][]> = {
  fr: [
    ['when', /\bcombien de temps\b|\bdepuis combien\b/],
    ['howMany', /\bcombien\b|\bquel(?:le)?s? (?:nombre|volume|quantite)\b|\bnombre (?:de|d')/],
    ['when', /\bquand\b|\b(?:quelle|quel) (?:annee|date|jour|mois|epoque)\b|\ba partir de quand\b|\bdepuis quand\b/],
    ['where', /\b(?:quelle|quelles) villes?\b|\bquels? (?:pays|lieux?|endroits?)\b/],
    ['who', /^(?:et )?(?:par |a |avec )?qui\b|\bqui (?:est|sont|etait|etaient|a|ont|dirige)\b|\bsignataires\b/],
    ['why', /\bpourquoi\b|\bpour quelle raison\b/],
  ],
  en: [
    ['when', /\bhow long\b/],
    ['howMany', /\bhow (?:many|much)\b|\bwhat number\b|\bhow big\b/],
    ['when', /\bwhen\b|\b(?:what|which) (?:year|date|day|month)\b|\bsince when\b|\bhow (?:long ago|far back)\b/],
    ['where', /\bwhere\b|\b(?:which|what) (?:city|cities|country|countries|place)\b/],
    ['who', /^(?:and )?(?:by )?(?:who|whom)\b|\bwho\b/],
    ['why', /\bwhy\b|\bfor what reason\b/],
  ],
};

/** Kind of answer a question wants, from its interrogative words (folded, lowercase). */
export function questionKind(text: string, lang: Lang): QuestionKind {
  // "où" and "ou" fold alike: look for the accented form before folding.
  const hasOu = /(?:^|[\s(])où\b/i.test(text);
  const folded = foldText(text).replace(/[’']/g, "'");
  for (const [kind, re] of KIND_PATTERNS[lang]) {
    if (kind === 'where' && lang === 'fr') {
      if (hasOu || re.test(folded)) return kind;
      continue;
    }
    if (re.test(folded)) return kind;
  }
  return 'other';
}

const SENTENCE_BREAK = /[.!?:;«»"“”\n]\s*$/;

/** Folded words written like names in `text`: capitalised inside a sentence, or all caps. */
export function nameWords(text: string): Set<string> {
  const out = new Set<string>();
  let prevEnd = -1;
  for (const t of tokenize(text)) {
    if (t.compound) continue;
    const initial = prevEnd < 0 || SENTENCE_BREAK.test(text.slice(prevEnd, t.start));
    prevEnd = t.end;
    const first = t.raw[0] ?? '';
    const upper = first !== first.toLowerCase();
    if (t.kind === 'acronym' || (upper && !initial)) out.add(foldText(t.raw));
  }
  return out;
}

export function profileQuestion(
  text: string,
  lang: Lang,
  lexicon: Lexicon | null,
  vocabulary: Vocabulary | null,
  options: Partial<QuestionOptions> = {},
): QuestionProfile {
  const opts: QuestionOptions = { ...DEFAULT_QUESTION, ...options };
  const names = nameWords(text);
  const analysis = analyzeQuery(text, lang, lexicon, { vocabulary });
  const groups: ContentGroup[] = [];
  const numbers: string[] = [];
  analysis.groups.forEach((g, index) => {
    const words = g.text.split(/\s+/).map((w) => foldText(w));
    const isNumber = words.length === 1 && /^\d/.test(words[0] ?? '');
    if (!isNumber && words.every((w) => opts.metaWords.has(w))) return;
    const terms = analysis.terms.filter((t) => t.group === index);
    const best = Math.max(0, ...terms.map((t) => t.weight));
    if (best <= 0) return;
    const alternatives = terms
      .map((t) => ({ stems: t.stems, weight: t.weight / best }))
      .sort((a, b) => b.weight - a.weight);
    const top = alternatives[0];
    let weight = 1;
    if (top && vocabulary) {
      const known = alternatives.some((a) => a.stems.every((s) => vocabulary.stemFrequency(s) > 0));
      weight = mean(top.stems.map((s) => vocabulary.idf(s))) * (known ? 1 : opts.unknownFactor);
    }
    weight = Math.max(opts.minWeight, weight);
    if (isNumber) numbers.push(words[0] ?? '');
    const entity = !isNumber && words.some((w) => names.has(w) && !opts.commonCapitalised.has(w));
    groups.push({ text: g.text, entity, number: isNumber, alternatives, weight });
  });
  const frequent = vocabulary
    ? (stem: string) => vocabulary.stemFrequency(stem) > opts.maxPrefixShare * vocabulary.documents
    : () => false;
  const match: MatchSettings = { prefix: opts.prefixMatch, minPrefix: opts.minPrefix, frequent };
  return { text, lang, kind: questionKind(text, lang), groups, numbers, names, match, commonCapitalised: opts.commonCapitalised };
}

/** Folded stems of a French text (sentence, passage), for matching content groups. */
export function stemSet(text: string): Set<string> {
  const out = new Set<string>();
  for (const t of analyzeFrenchTokens(text)) out.add(t.term);
  return out;
}

/**
 * How well a group is matched by a set of stems: its best fully present alternative (a stem found
 * only through a shared prefix counts `prefix`), 0 if none.
 */
export function groupMatch(group: ContentGroup, stems: ReadonlySet<string>, settings: MatchSettings = EXACT_MATCH): number {
  let best = 0;
  for (const alt of group.alternatives) {
    if (alt.weight <= best) continue;
    let credit = 1;
    for (const s of alt.stems) {
      if (stems.has(s)) continue;
      if (settings.prefix > 0 && s.length >= settings.minPrefix && hasPrefixRelative(s, stems, settings)) credit = Math.min(credit, settings.prefix);
      else {
        credit = 0;
        break;
      }
    }
    best = Math.max(best, alt.weight * credit);
  }
  return best;
}

/** A stem of `stems` that extends `stem` or is a prefix of it (at least minPrefix characters). */
function hasPrefixRelative(stem: string, stems: ReadonlySet<string>, settings: MatchSettings): boolean {
  if (/^\d/.test(stem)) return false;
  for (const other of stems) {
    if (other.length < settings.minPrefix || /^\d/.test(other) || settings.frequent(other)) continue;
    if (other.length > stem.length ? other.startsWith(stem) : stem.startsWith(other)) return true;
  }
  return false;
}

function mean(xs: number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}
