/**
 * The default composer, no LLM: quotes the evidence windows the retriever chose (1–3 sentences,
 * possibly from two passages for a two-part question), verbatim, each sentence followed by the [n]
 * of its passage. A who / when / where / how many / which question leads with its short answer
 * (answer/short/): « Le 5 février 2018 [1]. « Lors de leur première réunion, … » [1] ». English
 * questions get every quoted sentence rendered in English by the offline translator when one is
 * given (labelled as machine translation; the French sentence stays the thing cited, in `quotes`),
 * else the French sentences as marked quotations. It declines exactly when retrieval says "not
 * answerable" — one evidence model (index/retrieve/evidence.ts) decides for /api/search and for the
 * chat, so the two never disagree — and then offers the closest passages instead. Evidence that
 * clears the threshold only narrowly is answered with `confidence: 'low'`: "the documents do not
 * say this directly; the closest passage is …", and no short answer is asserted.
 *
 * A retriever that reports no evidence (a remote server, a test double) gets it computed here over
 * its hits with the same model (evidenceForHits), and the answer is declined when either says no.
 */
import type { Lang } from '../../core/types.js';
import type { Logger } from '../../core/logger.js';
import { silentLogger } from '../../core/logger.js';
import type { Lexicon, Translator, Vocabulary } from '../../text/index.js';
import { DEFAULT_RETRIEVAL_CONFIG, type RetrievalConfig, evidenceForHits } from '../../index/index.js';
import type { EvidenceQuote, SearchEvidence, SearchResult } from '../../index/index.js';
import { chunkText, DEFAULT_CHUNKS, type ChunkOptions } from '../chunks.js';
import { englishShortWithoutTranslator, renderEnglish } from '../english.js';
import { CLOSEST_ONLY, LEAD_IN, LEAD_IN_TRANSLATED, notInDocuments } from '../messages.js';
import { planShortAnswer, type ShortAnswerOptions, type ShortAnswerPlan } from '../short/short-answer.js';
import type { Confidence, Quote, ShortAnswer } from '../types.js';
import { CitationNumbering, seeAlsoOf } from './citations.js';
import type { Composed, ComposeEvent, ComposeInput, Composer } from './types.js';

export interface ExtractiveOptions {
  chunks: ChunkOptions;
  /** Passages offered as "see also" with a declined answer. */
  seeAlso: number;
  /** Evidence settings for retrievers that report none (the production retriever brings its own). */
  evidence: Pick<RetrievalConfig, 'question' | 'evidence' | 'quotes' | 'answerability'>;
  /**
   * Evidence scoring below this multiple of the answerability threshold is answered with
   * `confidence: 'low'` (closest passage, no short answer); 1 = never low.
   */
  lowConfidence: number;
  shortAnswer: Partial<ShortAnswerOptions>;
}

export const DEFAULT_EXTRACTIVE: ExtractiveOptions = {
  chunks: DEFAULT_CHUNKS,
  seeAlso: 3,
  evidence: DEFAULT_RETRIEVAL_CONFIG,
  lowConfidence: 1.25,
  shortAnswer: {},
};

export interface ExtractiveDeps {
  /** English → French lexicon, for evidence computed here (retrievers that report none). */
  lexicon: Lexicon | null;
  /** Corpus statistics for that case; null: computed over the retrieved passages. */
  vocabulary: () => Vocabulary | null;
  logger: Logger;
  /** French → English translator for English answers (null: French quotations, as before). */
  translator: Translator | null;
}

export type ExtractiveOptionsInput = Partial<{ [K in Exclude<keyof ExtractiveOptions, 'lowConfidence'>]: Partial<ExtractiveOptions[K]> }> & { lowConfidence?: number };

export function mergeExtractiveOptions(options: ExtractiveOptionsInput = {}): ExtractiveOptions {
  return {
    chunks: { ...DEFAULT_EXTRACTIVE.chunks, ...options.chunks },
    seeAlso: options.seeAlso ?? DEFAULT_EXTRACTIVE.seeAlso,
    evidence: { ...DEFAULT_EXTRACTIVE.evidence, ...options.evidence },
    lowConfidence: options.lowConfidence ?? DEFAULT_EXTRACTIVE.lowConfidence,
    shortAnswer: { ...DEFAULT_EXTRACTIVE.shortAnswer, ...options.shortAnswer },
  };
}

/** What the extractive composer decided before any rendering (pure computation, no I/O). */
export interface ExtractiveDraft {
  composed: Composed;
  /** Answered: the quotes' passages' texts (people named in full elsewhere) and the short-answer plan. */
  plan: ShortAnswerPlan | null;
}

export class ExtractiveComposer implements Composer {
  private readonly deps: ExtractiveDeps;
  readonly options: ExtractiveOptions;

  constructor(deps: Partial<ExtractiveDeps> & Pick<ExtractiveDeps, 'lexicon'>, options: ExtractiveOptions = DEFAULT_EXTRACTIVE) {
    this.deps = { vocabulary: () => null, logger: silentLogger, translator: null, ...deps };
    this.options = options;
  }

  get translator(): Translator | null {
    return this.deps.translator;
  }

  async *compose(input: ComposeInput): AsyncGenerator<ComposeEvent, void, undefined> {
    const composed = await this.composeFull(input);
    for (const text of chunkText(composed.answer, this.options.chunks)) yield { type: 'token', text };
    yield { type: 'final', composed };
  }

  /** The whole answer: decided (composeNow), then rendered in English when asked in English and a translator is there. */
  async composeFull(input: ComposeInput): Promise<Composed> {
    const draft = this.draft(input);
    const { composed } = draft;
    if (!composed.answered || input.lang !== 'en' || !this.deps.translator || !composed.quotes) return composed;
    try {
      const rendering = await renderEnglish(
        composed.quotes.map((q) => q.text),
        draft.plan,
        this.deps.translator,
        this.deps.lexicon,
        input.signal,
      );
      const quotes: Quote[] = composed.quotes.map((q, i) => ({ ...q, translation: rendering.translations[i] ?? q.text }));
      const shortAnswer = composed.shortAnswer && rendering.short ? { ...composed.shortAnswer, text: rendering.short } : composed.shortAnswer;
      return {
        ...composed,
        quotes,
        ...(shortAnswer ? { shortAnswer } : {}),
        answer: formatAnswer(quotes, input.lang, shortAnswer ?? null, composed.confidence ?? 'high', true),
        translatedBy: this.deps.translator.engine,
      };
    } catch (err) {
      if (input.signal?.aborted) throw err;
      // The French quotations are still a right answer: serve them, say why in the log.
      this.deps.logger.warn('translation failed; French quotations served', { error: err instanceof Error ? err : String(err) });
      return composed;
    }
  }

  /** The answer without machine translation (no I/O): French quotations, short answer in the question's language. */
  composeNow(input: ComposeInput): Composed {
    return this.draft(input).composed;
  }

  private draft(input: ComposeInput): ExtractiveDraft {
    const { result, lang, standalone } = input;
    const log = this.deps.logger;
    const passages = result.hits.map((h) => h.passage);
    const decline = (reason: string): ExtractiveDraft => {
      log.debug('extractive answer declined', { reason, standalone });
      return {
        composed: { answer: notInDocuments(standalone, lang), answered: false, citations: [], seeAlso: seeAlsoOf(passages, this.options.seeAlso), confidence: 'none' },
        plan: null,
      };
    };
    if (!result.answerable) return decline('retrieval says not answerable');
    if (result.hits.length === 0) return decline('nothing retrieved');
    const evidence = this.evidenceOf(standalone, result);
    if (!evidence.answerable) return decline('the evidence model finds no answering sentence');
    if (evidence.quotes.length === 0) return decline('no sentence to quote');

    const numbering = new CitationNumbering();
    const located = evidence.quotes.flatMap((q) => sentencesOf(q).map((text) => ({ n: numbering.number(q.passage), text, passage: q.passage.text, date: q.passage.date })));
    const quotes: Quote[] = located.map(({ n, text }) => ({ n, text }));
    const confidence: Confidence = evidence.score >= this.options.lowConfidence * evidence.threshold ? 'high' : 'low';
    const plan = confidence === 'high' ? planShortAnswer(standalone, lang, located, { lexicon: this.deps.lexicon, vocabulary: this.deps.vocabulary() }, this.options.shortAnswer) : null;
    const shortAnswer = plan ? shortAnswerOf(plan, lang) : null;
    log.debug('extractive answer', { types: evidence.types, score: evidence.score, confidence, short: shortAnswer?.original, windows: evidence.quotes.map((q) => ({ rank: q.rank, score: q.score })) });
    return {
      composed: {
        answer: formatAnswer(quotes, lang, shortAnswer, confidence, false),
        answered: true,
        citations: numbering.list(),
        quotes,
        ...(shortAnswer ? { shortAnswer } : {}),
        confidence,
        evidence: { score: round(evidence.score), threshold: round(evidence.threshold) },
      },
      plan,
    };
  }

  private evidenceOf(standalone: string, result: SearchResult): SearchEvidence {
    if (result.evidence) return result.evidence;
    return evidenceForHits(standalone, result.hits, { lexicon: this.deps.lexicon, vocabulary: this.deps.vocabulary(), config: this.options.evidence });
  }
}

/** The short answer in the question's language, before machine translation (English: dates and numbers already English). */
function shortAnswerOf(plan: ShortAnswerPlan, lang: Lang): ShortAnswer {
  const first = plan.parts[0]!;
  const text = lang === 'fr' ? plan.parts.map((p) => p.text).join(' ; ') : englishShortWithoutTranslator(plan);
  return { text, original: plan.parts.map((p) => p.original).join(' ; '), n: first.n, kind: first.kind };
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/** The window's sentences, each verbatim from its passage (a window may span a line break). */
function sentencesOf(q: EvidenceQuote): string[] {
  if (q.sentences.length === 0) return [q.text];
  return q.sentences.map((s) => q.passage.text.slice(s.start, s.end));
}

/**
 * The answer text:
 *   fr  "Le 5 février 2018 [1]. « s1 » [1]" — or "D’après les documents : s1 [1] s2 [2]" without a short answer;
 *   en  "On 5 February 2018 [1]. From the documents (machine translation of the French): “t1” [1]"
 *       — or, without a translator, "According to the documents (quoted in French): “s1” [1]";
 *   low "Les documents ne le disent pas directement ; le passage le plus proche : s1 [1]".
 */
export function formatAnswer(quotes: readonly Quote[], lang: Lang, short: ShortAnswer | null, confidence: Confidence, translated: boolean): string {
  const shown = (q: Quote) => (translated && q.translation ? q.translation : q.text);
  const body = quotes.map((q) => (lang === 'fr' && !short ? `${shown(q)} [${q.n}]` : lang === 'fr' ? `« ${shown(q)} » [${q.n}]` : `“${shown(q)}” [${q.n}]`)).join(' ');
  if (confidence === 'low') return `${CLOSEST_ONLY[lang][translated ? 'translated' : 'plain']} ${body}`;
  const lead = translated ? LEAD_IN_TRANSLATED.en : LEAD_IN[lang];
  if (!short) return `${lead} ${body}`;
  const head = `${short.text.replace(/[\s.]+$/, '')} [${short.n}].`;
  return lang === 'fr' ? `${head} ${body}` : `${head} ${lead} ${body}`;
}

/** "D’après les documents : s1 [1] s2 [2]" / "According to the documents (quoted in French): “s1” [1] …". */
export function formatQuotes(quotes: readonly Quote[], lang: Lang): string {
  return formatAnswer(quotes, lang, null, 'high', false);
}
