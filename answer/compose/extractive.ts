/**
 * The default composer, no LLM: quotes the 1–3 sentences of the retrieved passages that best
 * answer the question, verbatim (each an exact substring of its passage), each followed by the
 * [n] of its passage. English questions get an English lead-in and the French sentences as marked
 * quotations. When retrieval says "not answerable", or no sentence covers the question well
 * enough, the answer says the documents do not say it and offers the closest passages instead.
 */
import type { Lang } from '../../core/types.js';
import type { Logger } from '../../core/logger.js';
import { silentLogger } from '../../core/logger.js';
import type { Lexicon } from '../../index/lexicon/types.js';
import { languageScores } from '../../index/text/lang.js';
import { Vocabulary } from '../../index/text/vocabulary.js';
import { chunkText, DEFAULT_CHUNKS, type ChunkOptions } from '../chunks.js';
import { LEAD_IN, notInDocuments } from '../messages.js';
import { DEFAULT_QUESTION, profileQuestion, type QuestionOptions } from '../question.js';
import type { Quote } from '../types.js';
import { candidatesOf, DEFAULT_CANDIDATES, passageScope, type CandidateOptions, type ScopeOf } from './candidates.js';
import { CitationNumbering, seeAlsoOf } from './citations.js';
import { DEFAULT_SELECT, selectSentences, type SelectOptions } from './select.js';
import type { Composed, ComposeEvent, ComposeInput, Composer } from './types.js';

export interface ExtractiveOptions {
  select: SelectOptions;
  candidates: CandidateOptions;
  question: QuestionOptions;
  chunks: ChunkOptions;
  /** Passages offered as "see also" with a declined answer. */
  seeAlso: number;
}

export const DEFAULT_EXTRACTIVE: ExtractiveOptions = {
  select: DEFAULT_SELECT,
  candidates: DEFAULT_CANDIDATES,
  question: DEFAULT_QUESTION,
  chunks: DEFAULT_CHUNKS,
  seeAlso: 3,
};

export interface ExtractiveDeps {
  /** English → French lexicon (null: English questions match French text through names and cognates only). */
  lexicon: Lexicon | null;
  /** Corpus statistics (IDF, cognates); null: computed over the retrieved passages. */
  vocabulary: () => Vocabulary | null;
  /** Text in which a passage's names and numbers count (its document when known). */
  scope: ScopeOf;
  logger: Logger;
}

export function mergeExtractiveOptions(options: Partial<{ [K in keyof ExtractiveOptions]: Partial<ExtractiveOptions[K]> }> = {}): ExtractiveOptions {
  return {
    select: { ...DEFAULT_EXTRACTIVE.select, ...options.select },
    candidates: { ...DEFAULT_EXTRACTIVE.candidates, ...options.candidates },
    question: { ...DEFAULT_EXTRACTIVE.question, ...options.question },
    chunks: { ...DEFAULT_EXTRACTIVE.chunks, ...options.chunks },
    seeAlso: options.seeAlso ?? DEFAULT_EXTRACTIVE.seeAlso,
  };
}

export class ExtractiveComposer implements Composer {
  private readonly deps: ExtractiveDeps;
  readonly options: ExtractiveOptions;

  constructor(deps: Partial<ExtractiveDeps> & Pick<ExtractiveDeps, 'lexicon'>, options: ExtractiveOptions = DEFAULT_EXTRACTIVE) {
    this.deps = { vocabulary: () => null, scope: passageScope, logger: silentLogger, ...deps };
    this.options = options;
  }

  async *compose(input: ComposeInput): AsyncGenerator<ComposeEvent, void, undefined> {
    const composed = this.composeNow(input);
    for (const text of chunkText(composed.answer, this.options.chunks)) yield { type: 'token', text };
    yield { type: 'final', composed };
  }

  /** The whole answer at once (no I/O: extractive composition is pure computation). */
  composeNow(input: ComposeInput): Composed {
    const { result, lang, standalone } = input;
    const log = this.deps.logger;
    const passages = result.hits.map((h) => h.passage);
    const decline = (reason: string): Composed => {
      log.debug('extractive answer declined', { reason, standalone });
      return { answer: notInDocuments(standalone, lang), answered: false, citations: [], seeAlso: seeAlsoOf(passages, this.options.seeAlso) };
    };
    if (!result.answerable) return decline('retrieval says not answerable');
    if (result.hits.length === 0) return decline('nothing retrieved');

    const analysisLang = questionLanguage(standalone, lang);
    // Without corpus statistics, the retrieved passages stand in: IDF then tells apart the words
    // that distinguish these passages from the ones they all share.
    const vocabulary = this.deps.vocabulary() ?? Vocabulary.fromTexts(passages.map((p) => p.text));
    const profile = profileQuestion(standalone, analysisLang, this.deps.lexicon, vocabulary, this.options.question);
    const candidates = candidatesOf(result.hits, this.options.candidates, this.deps.scope);
    const selection = selectSentences(profile, candidates, this.options.select);
    if (!selection.answered) return decline(selection.reason);

    const numbering = new CitationNumbering();
    const quotes: Quote[] = selection.chosen.map((s) => ({ n: numbering.number(s.candidate.passage), text: s.candidate.text }));
    log.debug('extractive answer', {
      kind: profile.kind,
      sentences: selection.chosen.map((s) => ({ n: numbering.number(s.candidate.passage), score: round(s.score), coverage: round(s.coverage), content: round(s.contentCoverage) })),
    });
    return { answer: formatQuotes(quotes, lang), answered: true, citations: numbering.list(), quotes };
  }
}

/** "D’après les documents : s1 [1] s2 [2]" / "According to the documents (quoted in French): “s1” [1] …". */
export function formatQuotes(quotes: readonly Quote[], lang: Lang): string {
  const body = quotes.map((q) => (lang === 'fr' ? `${q.text} [${q.n}]` : `“${q.text}” [${q.n}]`)).join(' ');
  return `${LEAD_IN[lang]} ${body}`;
}

/** The language to analyse a (possibly rewritten, mixed) question in; no evidence → the answer's. */
function questionLanguage(text: string, fallback: Lang): Lang {
  const { fr, en } = languageScores(text);
  if (fr === en) return fallback;
  return fr > en ? 'fr' : 'en';
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
