/**
 * What the evidence model reads of a question (part of the Question, built once per search): which
 * query groups are content, names (entities) or mere type words, the expected answer types, the
 * literal numbers an answer must repeat, how much of the content the corpus never uses
 * ("unknown"), whether it asks about the present, whose words it asks about (the speaker), which
 * names are places or people. See windows.ts and conditions.ts for how windows are scored against it.
 */
import type { Lang } from '../../core/types.js';
import { foldAccents, numberWordValue, type AnalyzedToken, type Token } from '../../text/index.js';
import { answerTypes, type AnswerType } from './answer-type.js';
import type { Alternative, QuestionGroup, TermStats } from './question.js';
import { COMMON_CAPITALISED, NOW_WORDS, isSpeechWord, namedKinds } from './sentence-analysis.js';

export type GroupRole = 'content' | 'entity' | 'type';

export interface QuestionReading {
  types: AnswerType[];
  /** A where-question asked through a noun ("which countries"): names answer it too. */
  whereByName: boolean;
  /** Per query group. */
  roles: GroupRole[];
  /** Summed IDF weights of the content groups and of the entity groups (by role). */
  contentIdf: number;
  entityIdf: number;
  /** Literal numbers of the question (digits, ordinals): canonical forms. */
  numbers: string[];
  /** IDF-weighted share of the content groups the corpus never uses. */
  unknown: number;
  /** Folded words and stems of the question: a candidate answer must be something else. */
  known: Set<string>;
  /** Terms too frequent in the corpus to stand in as prefix relatives ("nation" for "nationalité"). */
  frequent: (term: string) => boolean;
  /**
   * A question about what someone said ("Qu'a déclaré Guterres…", "How did Stock describe…"): the
   * group naming the speaker (the name nearest a word of saying), else −1.
   */
  speaker: number;
  /** Per group: the kind of name it is in the question ("à Vienne": place; "Jürgen Stock": person), else null. */
  kinds: ('place' | 'person' | null)[];
  /** The question asks about the present ("actuellement", "currently", "today"): see windows.ts nowFactor. */
  now: boolean;
}

/** The parts of the question the reading needs (see question.ts). */
export interface ReadingInput {
  text: string;
  tokens: readonly Token[];
  french: readonly AnalyzedToken[];
  lang: Lang;
  langEvidence: boolean;
  groups: readonly QuestionGroup[];
  alts: readonly (readonly Alternative[])[];
  idf: readonly number[];
}

export function readQuestion(q: ReadingInput, stats: TermStats): QuestionReading {
  const langs = q.langEvidence ? [q.lang] : (['fr', 'en'] as const);
  const types: AnswerType[] = [];
  const typeWords = new Set<string>();
  let whereByName = false;
  for (const lang of langs) {
    const info = answerTypes(q.text, lang);
    for (const t of info.types) if (!types.includes(t)) types.push(t);
    for (const w of info.typeWords) typeWords.add(w);
    whereByName ||= info.whereByName;
  }
  const written = writtenNames(q.text, q.tokens);
  const named = namedKinds(q.text, q.french);
  const partsOf = (g: QuestionGroup) => foldAccents(g.text.toLowerCase()).split(/[\s-]+/).filter(Boolean);
  const roles: GroupRole[] = q.groups.map((g) => {
    const words = partsOf(g);
    if (words.length > 0 && words.every((w) => typeWords.has(w) || LIGHT_WORDS.has(w))) return 'type';
    if (g.numbers.length > 0) return 'entity';
    // A name the question writes as one (capitalised, all caps) and not merely by convention
    // ("États", "Bureau"); a long form merged with its acronym but written in lower case ("la
    // lutte contre le terrorisme") is content.
    if (g.entity && words.some((w) => written.has(w) && !COMMON_CAPITALISED.has(w))) return 'entity';
    return 'content';
  });
  const kinds = q.groups.map((g, i): 'place' | 'person' | null => {
    if (roles[i] !== 'entity') return null;
    const words = partsOf(g);
    if (words.some((w) => named.places.has(w))) return 'place';
    if (words.some((w) => named.persons.has(w))) return 'person';
    return null;
  });
  const speaker = speakerGroup(q.tokens, q.groups.map((g, i) => (roles[i] === 'entity' && g.numbers.length === 0 && !g.acronym ? g.text : null)));
  let contentIdf = 0;
  let entityIdf = 0;
  let unknown = 0;
  roles.forEach((r, g) => {
    if (r === 'content') {
      contentIdf += q.idf[g] ?? 0;
      unknown += (q.idf[g] ?? 0) * unknownShare(q.alts[g] ?? [], stats);
    }
    if (r === 'entity') entityIdf += q.idf[g] ?? 0;
  });
  const known = new Set<string>();
  let now = false;
  for (const t of q.tokens) {
    const folded = foldAccents(t.norm);
    known.add(folded);
    if (NOW_WORDS.has(folded)) now = true;
  }
  for (const list of q.alts) for (const a of list) for (const s of a.stems) known.add(s);
  return {
    types,
    whereByName,
    roles,
    contentIdf,
    entityIdf,
    numbers: literalNumbers(q.tokens),
    unknown: contentIdf > 0 ? unknown / contentIdf : 0,
    known,
    frequent: (term) => stats.df(term) > FREQUENT_SHARE * stats.size(),
    now,
    kinds,
    speaker,
  };
}

/** Share of a group's alternatives' mass the corpus never uses. */
function unknownShare(alts: readonly Alternative[], stats: TermStats): number {
  let total = 0;
  let unknown = 0;
  for (const a of alts) {
    const mass = a.strength * a.strength;
    total += mass;
    if (!a.stems.every((s) => stats.df(s) > 0)) unknown += mass;
  }
  return total > 0 ? unknown / total : 0;
}

/** Civility titles written with a period before a name ("M. Stock", "MM.", "Mme", "Dr."). */
export const CIVILITY = /^(?:M|MM|Mme|Mmes|Mlle|Mr|Mrs|Ms|Dr)$/;
const SENTENCE_END = /[.!?:;\n«»"“”]\s*$/;

/**
 * Per token (compounds left out by the caller): whether it opens a sentence, where a capital says
 * nothing about a name. "M. Stock": the period of a civility title does not end a sentence.
 */
export function sentenceInitial(text: string, tokens: readonly Token[]): boolean[] {
  let prevEnd = -1;
  let prevRaw = '';
  return tokens.map((t) => {
    const gap = text.slice(prevEnd, t.start);
    const initial = prevEnd < 0 || (SENTENCE_END.test(gap) && !(CIVILITY.test(prevRaw) && /^\.\s+$/.test(gap)));
    prevEnd = t.end;
    prevRaw = t.raw;
    return initial;
  });
}

/** Folded words the text writes as names: capitalised inside a sentence, or all caps. */
function writtenNames(text: string, tokens: readonly Token[]): Set<string> {
  const out = new Set<string>();
  const words = tokens.filter((t) => !t.compound);
  const initial = sentenceInitial(text, words);
  words.forEach((t, i) => {
    if (CIVILITY.test(t.raw)) return;
    const first = t.raw[0] ?? '';
    const upper = first !== first.toLowerCase();
    const caps = t.raw.length >= 2 && t.raw === t.raw.toUpperCase() && /\p{L}/u.test(t.raw);
    if (t.kind === 'acronym' || caps || (upper && !initial[i])) out.add(foldAccents(t.norm));
  });
  return out;
}

/** The name group nearest a word of saying in the question (−1 when there is no such word or name). */
function speakerGroup(tokens: readonly Token[], names: (string | null)[]): number {
  const folded = tokens.filter((t) => !t.compound).map((t) => foldAccents(t.norm));
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

/** Digits and ordinals of the question ("2021", "6ème", "seventh"); cardinals in words describe the answer. */
export function literalNumbers(tokens: readonly Token[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
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
