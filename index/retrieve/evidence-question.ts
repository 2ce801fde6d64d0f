/**
 * The question as the evidence model reads it (prepared once per search): which query groups are
 * content, names (entities) or mere type words, the expected answer types, the literal numbers an
 * answer must repeat, and how much of the content the corpus never uses ("unknown"); since round 3
 * also whether it asks about the present, whose words it asks about (the speaker), which names are
 * places or people, and its relation terms. See evidence.ts and evidence-conditions.ts for how
 * windows are scored against it.
 */
import { numberWordValue, foldAccents, tokenize } from '../../text/index.js';
import { answerTypes, type AnswerType } from './answer-type.js';
import { CIVILITY } from './query.js';
import type { RelatedWords } from './related-words.js';
import type { PreparedQuestion, TermStats } from './features.js';
import { COMMON_CAPITALISED, NOW_WORDS, isSpeechWord, namedKinds } from './sentence-analysis.js';

export type GroupRole = 'content' | 'entity' | 'type';

/** The question as the evidence model reads it, prepared once per search. */
export interface EvidenceQuestion {
  prepared: PreparedQuestion;
  types: AnswerType[];
  /** A where-question asked through a noun ("which countries"): names answer it too. */
  whereByName: boolean;
  /** Per query group. */
  roles: GroupRole[];
  contentIdf: number;
  entityIdf: number;
  /** Literal numbers of the question (digits, ordinals): canonical forms. */
  numbers: string[];
  /** IDF-weighted share of the content groups the corpus never uses (see header). */
  unknown: number;
  /** Per group: share of its alternatives' mass unknown to the corpus. */
  unknownByGroup: number[];
  /** Folded words and stems of the question: a candidate answer must be something else. */
  known: Set<string>;
  /** Terms too frequent in the corpus to stand in as prefix relatives ("nation" for "nationalité"). */
  frequent: (term: string) => boolean;
  /**
   * Per group: a relation term — content the answer must speak of (the verb or predicate noun:
   * succéder, expirer, présider, nationalité), known to the corpus in some form, neither the head
   * noun of a "quel X / which X" phrase (the answer is an X, rarely called so), nor a word of the
   * present, nor one of the corpus's most frequent terms.
   */
  relation: boolean[];
  /** Per group: French stems related to a relation term (related-words.ts) with their link weight; empty otherwise. */
  related: ReadonlyMap<string, number>[];
  /**
   * A question about what someone said ("Qu'a déclaré Guterres…", "How did Stock describe…"): the
   * group naming the speaker (the name nearest a word of saying), else −1.
   */
  speaker: number;
  /** Per group: the kind of name it is in the question ("à Vienne": place; "Jürgen Stock": person), else null. */
  kinds: ('place' | 'person' | null)[];
  /** The question asks about the present ("actuellement", "currently", "today"): see evidence.ts nowFactor. */
  now: boolean;
}

/** `related`: the word-relatedness table, when the evidence options use it (relatedCredit > 0). */
export function prepareEvidence(prepared: PreparedQuestion, stats: TermStats, related: RelatedWords | null = null): EvidenceQuestion {
  const question = prepared.question;
  const langs = question.langEvidence ? [question.lang] : (['fr', 'en'] as const);
  const types: AnswerType[] = [];
  const typeWords = new Set<string>();
  let whereByName = false;
  for (const lang of langs) {
    const info = answerTypes(question.text, lang);
    for (const t of info.types) if (!types.includes(t)) types.push(t);
    for (const w of info.typeWords) typeWords.add(w);
    whereByName ||= info.whereByName;
  }
  const written = writtenNames(question.text);
  const named = namedKinds(question.text);
  const roles: GroupRole[] = question.groups.map((g) => {
    const words = foldAccents(g.text.toLowerCase()).split(/[\s-]+/).filter(Boolean);
    if (words.length > 0 && words.every((w) => typeWords.has(w) || LIGHT_WORDS.has(w))) return 'type';
    if (g.numbers.length > 0) return 'entity';
    // A name the question writes as one (capitalised, all caps) and not merely by convention
    // ("États", "Bureau"); a long form merged with its acronym but written in lower case ("la
    // lutte contre le terrorisme") is content.
    if (g.entity && words.some((w) => written.has(w) && !COMMON_CAPITALISED.has(w))) return 'entity';
    return 'content';
  });
  const kinds = question.groups.map((g, i): 'place' | 'person' | null => {
    if (roles[i] !== 'entity') return null;
    const words = foldAccents(g.text.toLowerCase()).split(/[\s-]+/).filter(Boolean);
    if (words.some((w) => named.places.has(w))) return 'place';
    if (words.some((w) => named.persons.has(w))) return 'person';
    return null;
  });
  const speaker = speakerGroup(question.text, question.groups.map((g, i) => (roles[i] === 'entity' && g.numbers.length === 0 && !g.acronym ? g.text : null)));
  const heads = whHeads(question.text);
  const relation = question.groups.map((g, i) => {
    if (roles[i] !== 'content') return false;
    const words = foldAccents(g.text.toLowerCase()).split(/[\s-]+/).filter(Boolean);
    if (words.every((w) => heads.has(w) || NOW_WORDS.has(w))) return false;
    const known = (prepared.alts[i] ?? []).filter((a) => a.stems.length > 0 && a.stems.every((s) => stats.df(s) > 0));
    if (known.length === 0) return false;
    const size = stats.size?.() ?? 0;
    return !known.every((a) => a.stems.every((s) => size > 0 && stats.df(s) > FREQUENT_SHARE * size));
  });
  const relatedByGroup = relation.map((isRelation, g) => {
    const out = new Map<string, number>();
    if (!isRelation || !related) return out;
    const own = new Set((prepared.alts[g] ?? []).flatMap((a) => [...a.stems]));
    for (const a of prepared.alts[g] ?? []) {
      if (a.stems.length !== 1) continue;
      for (const [stem, w] of related.related(a.stems[0]!)) {
        if (own.has(stem)) continue;
        const x = w * a.strength;
        if (x > (out.get(stem) ?? 0)) out.set(stem, x);
      }
    }
    return out;
  });
  let contentIdf = 0;
  let entityIdf = 0;
  roles.forEach((r, g) => {
    if (r === 'content') contentIdf += prepared.idf[g] ?? 0;
    if (r === 'entity') entityIdf += prepared.idf[g] ?? 0;
  });
  const unknownByGroup = prepared.alts.map((list) => {
    let total = 0;
    let unknown = 0;
    for (const a of list) {
      const mass = a.strength * a.strength;
      total += mass;
      if (!a.stems.every((s) => stats.df(s) > 0)) unknown += mass;
    }
    return total > 0 ? unknown / total : 0;
  });
  let unknown = 0;
  roles.forEach((r, g) => {
    if (r === 'content') unknown += (prepared.idf[g] ?? 0) * (unknownByGroup[g] ?? 0);
  });
  const known = new Set<string>();
  let now = false;
  for (const t of tokenize(question.text)) {
    const folded = foldAccents(t.norm);
    known.add(folded);
    if (NOW_WORDS.has(folded)) now = true;
  }
  for (const stems of prepared.stemGroups.keys()) known.add(stems);
  return {
    prepared,
    types,
    whereByName,
    roles,
    contentIdf,
    entityIdf,
    numbers: literalNumbers(question.text),
    unknown: contentIdf > 0 ? unknown / contentIdf : 0,
    unknownByGroup,
    known,
    frequent: (term) => stats.size !== undefined && stats.df(term) > FREQUENT_SHARE * stats.size(),
    now,
    kinds,
    relation,
    related: relatedByGroup,
    speaker,
  };
}

/** The name group nearest a word of saying in the question (−1 when there is no such word or name). */
function speakerGroup(text: string, names: (string | null)[]): number {
  const tokens = tokenize(text).filter((t) => !t.compound);
  const folded = tokens.map((t) => foldAccents(t.norm));
  const said = folded.flatMap((w, i) => (isSpeechWord(w) ? [i] : []));
  if (said.length === 0) return -1;
  let best = -1;
  let distance = Infinity;
  names.forEach((name, g) => {
    if (!name) return;
    const words = new Set(foldAccents(name.toLowerCase()).split(/[\s-]+/));
    folded.forEach((w, i) => {
      if (!words.has(w)) return;
      for (const j of said) {
        if (Math.abs(i - j) < distance) {
          distance = Math.abs(i - j);
          best = g;
        }
      }
    });
  });
  return best;
}

/** Folded head nouns of "quel(le)(s) X" / "which X" / "what X": the kind of thing the answer is. */
function whHeads(text: string): Set<string> {
  const out = new Set<string>();
  const folded = foldAccents(text.toLowerCase());
  for (const m of folded.matchAll(/\b(?:quel|quelle|quels|quelles|which|what)\s+(?:(?:two|deux|trois|three|main|principaux|principales|grands|grandes)\s+)?([a-z]+)/g)) {
    const w = m[1]!;
    if (!WH_NOT_HEAD.has(w)) out.add(w);
  }
  return out;
}

/** Words after quel / which / what that are verbs, determiners or pronouns, not the head noun. */
const WH_NOT_HEAD = new Set('est sont etait etaient sera seront a ont is are was were did does do has have will would can could should the a an of'.split(' '));

/** Folded words the text writes as names: capitalised inside a sentence, or all caps. */
function writtenNames(text: string): Set<string> {
  const out = new Set<string>();
  let prevEnd = -1;
  let prevRaw = '';
  for (const t of tokenize(text)) {
    if (t.compound) continue;
    const gap = text.slice(prevEnd, t.start);
    const initial = prevEnd < 0 || (/[.!?:;«»"“”\n]\s*$/.test(gap) && !(CIVILITY.test(prevRaw) && /^\.\s+$/.test(gap)));
    prevEnd = t.end;
    prevRaw = t.raw;
    if (CIVILITY.test(t.raw)) continue;
    const first = t.raw[0] ?? '';
    const upper = first !== first.toLowerCase();
    const caps = t.raw.length >= 2 && t.raw === t.raw.toUpperCase() && /\p{L}/u.test(t.raw);
    if (t.kind === 'acronym' || caps || (upper && !initial)) out.add(foldAccents(t.norm));
  }
  return out;
}

/** Digits and ordinals of the question ("2021", "6ème", "seventh"); cardinals in words describe the answer. */
export function literalNumbers(text: string): string[] {
  const out: string[] = [];
  for (const t of tokenize(text)) {
    if (t.compound) continue;
    let value: string | undefined;
    if (t.kind === 'number') value = t.norm;
    else if (t.kind === 'word' && ORDINAL_WORD.test(foldAccents(t.norm))) value = numberWordValue(foldAccents(t.norm));
    if (value !== undefined && !out.includes(value)) out.push(value);
  }
  return out;
}

/**
 * Light verbs and fillers of questions ("Que font…", "What did X say…", "Give me…"): they carry no
 * topic, so they are neither content an answer must repeat nor unknown focus.
 */
const LIGHT_WORDS = new Set(
  (
    'font faire fait faites fera feront va vont aller vient viennent doit doivent peut peuvent dire dit disent agit sert servent ' +
    'say says said tell told mean means meant get gets got give gives gave take takes took come came go goes went make makes made put puts'
  ).split(' '),
);

/** A term in more than this share of the passages never serves as a prefix relative. */
const FREQUENT_SHARE = 0.15;

/** Ordinal words from "second" up ("premier"/"first" are too often adverbs: "first met"). */
const ORDINAL_WORD = /^(?:deuxieme|troisieme|quatrieme|cinquieme|sixieme|septieme|huitieme|neuvieme|dixieme|onzieme|douzieme|vingtieme|centieme|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|twentieth|hundredth)$/;

