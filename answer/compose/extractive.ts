/**
 * The default composer, no LLM: quotes the evidence windows the retriever chose (1–3 sentences,
 * possibly from two passages for a two-part question), verbatim, each sentence followed by the [n]
 * of its passage. English questions get an English lead-in and the French sentences as marked
 * quotations. It declines exactly when retrieval says "not answerable" — one evidence model
 * (index/retrieve/evidence.ts) decides for /api/search and for the chat, so the two never
 * disagree — and then offers the closest passages instead.
 *
 * A retriever that reports no evidence (a remote server, a test double) gets it computed here over
 * its hits with the same model (evidenceForHits), and the answer is declined when either says no.
 */
import type { Lang } from '../../core/types.js';
import type { Logger } from '../../core/logger.js';
import { silentLogger } from '../../core/logger.js';
import type { Lexicon, Vocabulary } from '../../text/index.js';
import { DEFAULT_RETRIEVAL_CONFIG, type RetrievalConfig, evidenceForHits } from '../../index/index.js';
import type { EvidenceQuote, SearchEvidence, SearchResult } from '../../index/index.js';
import { chunkText, DEFAULT_CHUNKS, type ChunkOptions } from '../chunks.js';
import { LEAD_IN, notInDocuments } from '../messages.js';
import type { Quote } from '../types.js';
import { CitationNumbering, seeAlsoOf } from './citations.js';
import type { Composed, ComposeEvent, ComposeInput, Composer } from './types.js';

export interface ExtractiveOptions {
  chunks: ChunkOptions;
  /** Passages offered as "see also" with a declined answer. */
  seeAlso: number;
  /** Evidence settings for retrievers that report none (the production retriever brings its own). */
  evidence: Pick<RetrievalConfig, 'question' | 'evidence' | 'quotes' | 'answerability'>;
}

export const DEFAULT_EXTRACTIVE: ExtractiveOptions = {
  chunks: DEFAULT_CHUNKS,
  seeAlso: 3,
  evidence: DEFAULT_RETRIEVAL_CONFIG,
};

export interface ExtractiveDeps {
  /** English → French lexicon, for evidence computed here (retrievers that report none). */
  lexicon: Lexicon | null;
  /** Corpus statistics for that case; null: computed over the retrieved passages. */
  vocabulary: () => Vocabulary | null;
  logger: Logger;
}

export function mergeExtractiveOptions(options: Partial<{ [K in keyof ExtractiveOptions]: Partial<ExtractiveOptions[K]> }> = {}): ExtractiveOptions {
  return {
    chunks: { ...DEFAULT_EXTRACTIVE.chunks, ...options.chunks },
    seeAlso: options.seeAlso ?? DEFAULT_EXTRACTIVE.seeAlso,
    evidence: { ...DEFAULT_EXTRACTIVE.evidence, ...options.evidence },
  };
}

export class ExtractiveComposer implements Composer {
  private readonly deps: ExtractiveDeps;
  readonly options: ExtractiveOptions;

  constructor(deps: Partial<ExtractiveDeps> & Pick<ExtractiveDeps, 'lexicon'>, options: ExtractiveOptions = DEFAULT_EXTRACTIVE) {
    this.deps = { vocabulary: () => null, logger: silentLogger, ...deps };
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
    const evidence = this.evidenceOf(standalone, result);
    if (!evidence.answerable) return decline('the evidence model finds no answering sentence');
    if (evidence.quotes.length === 0) return decline('no sentence to quote');

    const numbering = new CitationNumbering();
    const quotes: Quote[] = evidence.quotes.flatMap((q) => sentencesOf(q).map((text) => ({ n: numbering.number(q.passage), text })));
    log.debug('extractive answer', { types: evidence.types, score: evidence.score, windows: evidence.quotes.map((q) => ({ rank: q.rank, score: q.score })) });
    return { answer: formatQuotes(quotes, lang), answered: true, citations: numbering.list(), quotes };
  }

  private evidenceOf(standalone: string, result: SearchResult): SearchEvidence {
    if (result.evidence) return result.evidence;
    return evidenceForHits(standalone, result.hits, { lexicon: this.deps.lexicon, vocabulary: this.deps.vocabulary(), config: this.options.evidence });
  }
}

/** The window's sentences, each verbatim from its passage (a window may span a line break). */
function sentencesOf(q: EvidenceQuote): string[] {
  if (q.sentences.length === 0) return [q.text];
  return q.sentences.map((s) => q.passage.text.slice(s.start, s.end));
}

/** "D’après les documents : s1 [1] s2 [2]" / "According to the documents (quoted in French): “s1” [1] …". */
export function formatQuotes(quotes: readonly Quote[], lang: Lang): string {
  const body = quotes.map((q) => (lang === 'fr' ? `${q.text} [${q.n}]` : `“${q.text}” [${q.n}]`)).join(' ');
  return `${LEAD_IN[lang]} ${body}`;
}
