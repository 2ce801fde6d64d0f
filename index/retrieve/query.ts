/**
 * A question as retrieval sees it: its language, its weighted French terms (analyzeQuery, English
 * through the lexicon), and per query group whether it names an entity (a name, an acronym, a
 * number) or asks about content. BM25, the reranker and the answerability check all read this.
 */
import type { Lang } from '../../core/types.js';
import type { Lexicon, Vocabulary } from '../../text/index.js';
import { languageScores, foldAccents, analyzeQuery, DEFAULT_QUERY_ANALYSIS, type QueryAnalysis, type QueryAnalysisOptions, tokenize } from '../../text/index.js';
import type { Bm25Query } from '../bm25/types.js';
import type { AcronymTable } from './acronyms.js';
import { DEFAULT_EXPAND, expandQuestion, type ExpandOptions } from './expand.js';

export interface QuestionOptions {
  /** English → French query translation; null = surface forms only. */
  lexicon: Lexicon | null;
  analysis: Omit<QueryAnalysisOptions, 'vocabulary'>;
  /**
   * Questions without language evidence ("INTERPOL cybercrime"): 'both' translates them like
   * English but keeps every word itself at full weight (same rule as the lexical embedder).
   */
  ambiguous: 'fr' | 'en' | 'both';
  expand: ExpandOptions;
}

export const DEFAULT_QUESTION: Omit<QuestionOptions, 'lexicon'> = {
  analysis: withoutVocabulary(DEFAULT_QUERY_ANALYSIS),
  ambiguous: 'both',
  expand: DEFAULT_EXPAND,
};

/** What the corpus tells the query side: vocabulary (cognates, IDF), names, acronyms. */
export interface CorpusContext {
  vocabulary: Vocabulary | null;
  isName: NameOracle;
  acronyms: AcronymTable | null;
}

export interface GroupInfo {
  /** The query word or phrase. */
  text: string;
  /** Every alternative's stems (translations, surface, cognates). */
  stems: Set<string>;
  /** A name, acronym or number: matching it says which passage, not whether it answers. */
  entity: boolean;
  /** Written as an acronym (all caps) or a number in the question. */
  acronym: boolean;
  /** Canonical numbers in the group (years, counts, ordinals). */
  numbers: string[];
}

export interface AnalysedQuestion {
  text: string;
  lang: Lang;
  /** Whether the language was decided by evidence (false: no evidence, the tie language). */
  langEvidence: boolean;
  analysis: QueryAnalysis;
  groups: GroupInfo[];
}

/** Corpus evidence that a folded word is a name (mostly capitalised inside sentences). */
export type NameOracle = (folded: string) => boolean;

export function analyseQuestion(text: string, lang: Lang | undefined, corpus: CorpusContext, options: QuestionOptions): AnalysedQuestion {
  const { lexicon, ambiguous } = options;
  const opts = { ...options.analysis, vocabulary: corpus.vocabulary };
  let analysis: QueryAnalysis;
  let reported: Lang;
  let evidence = true;
  if (lang) {
    analysis = analyzeQuery(text, lang, lexicon, opts);
    reported = lang;
  } else {
    const { fr, en } = languageScores(text);
    evidence = fr !== en;
    if (!evidence && ambiguous === 'both' && lexicon) {
      analysis = analyzeQuery(text, 'en', lexicon, { ...opts, surfaceWeight: 1, nameSurfaceWeight: 1 });
      reported = 'fr';
    } else {
      reported = !evidence ? (ambiguous === 'en' ? 'en' : 'fr') : fr > en ? 'fr' : 'en';
      analysis = analyzeQuery(text, reported, lexicon, opts);
    }
  }
  const expanded = expandQuestion(analysis, groupInfo(text, analysis, corpus.isName), corpus.acronyms, options.expand);
  return { text, lang: reported, langEvidence: evidence, analysis: expanded.analysis, groups: expanded.groups };
}

const SENTENCE_END = /[.!?:;\n«»"]\s*$/;
/** Civility titles written with a period before a name ("M. Stock", "MM.", "Mme", "Dr."). */
export const CIVILITY = /^(?:M|MM|Mme|Mmes|Mlle|Mr|Mrs|Ms|Dr)$/;

/** Which groups are entities: numbers, acronyms, capitalised words inside a sentence, corpus names. */
function groupInfo(text: string, analysis: QueryAnalysis, isName: NameOracle): GroupInfo[] {
  const nameLike = new Map<string, boolean>();
  const acronyms = new Set<string>();
  const numbers = new Set<string>();
  let prevEnd = -1;
  let prevRaw = '';
  for (const token of tokenize(text)) {
    if (token.compound) continue;
    const folded = foldAccents(token.norm);
    const gap = text.slice(prevEnd, token.start);
    // "M. Stock": the period of a civility title does not end a sentence.
    const initial = prevEnd < 0 || (SENTENCE_END.test(gap) && !(CIVILITY.test(prevRaw) && /^\.\s+$/.test(gap)));
    prevEnd = token.end;
    prevRaw = token.raw;
    const first = token.raw[0] ?? '';
    const capitalised = first !== first.toLowerCase();
    const name = token.kind !== 'word' || (capitalised && !initial) || isName(folded);
    if (token.kind === 'number') numbers.add(token.norm);
    if (token.kind !== 'word') acronyms.add(folded);
    nameLike.set(folded, (nameLike.get(folded) ?? false) || name);
  }
  const byGroup: Set<string>[] = analysis.groups.map(() => new Set<string>());
  for (const term of analysis.terms) for (const s of term.stems) byGroup[term.group]?.add(s);
  return analysis.groups.map((g, i) => {
    const words = foldAccents(g.text).split(/[\s-]+/).filter(Boolean);
    const entity = words.length > 0 && words.every((w) => nameLike.get(w) === true);
    return {
      text: g.text,
      stems: byGroup[i] ?? new Set(),
      entity,
      acronym: words.length === 1 && acronyms.has(words[0] ?? ''),
      numbers: words.filter((w) => numbers.has(w)),
    };
  });
}

/** The BM25 form of an analysed question: one group per query word/phrase, its terms as alternatives. */
export function toBm25Query(analysis: QueryAnalysis): Bm25Query {
  const groups = analysis.groups.map(() => [] as { stems: readonly string[]; weight: number }[]);
  for (const term of analysis.terms) groups[term.group]?.push({ stems: term.stems, weight: term.weight });
  return { groups: groups.map((alternatives) => ({ alternatives })) };
}

function withoutVocabulary(options: QueryAnalysisOptions): Omit<QueryAnalysisOptions, 'vocabulary'> {
  const { vocabulary: _vocabulary, ...rest } = options;
  return rest;
}
