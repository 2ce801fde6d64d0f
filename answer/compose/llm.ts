/**
 * The optional LLM composer: numbered context passages → an OpenAI-compatible chat model (through
 * LangChain) → an answer citing [n]. Markers naming passages it was not given are removed and
 * logged; the rest are renumbered to what was actually cited. When retrieval says "not
 * answerable", the model is not asked at all (nothing to ground an answer on). On an LLM error or
 * timeout the extractive answer is given instead, with a notice.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import type { Logger } from '../../core/logger.js';
import type { Passage } from '../../core/types.js';
import { chunkText } from '../chunks.js';
import { LlmTimeoutError, streamText } from '../llm.js';
import { LLM_UNAVAILABLE, notInDocuments } from '../messages.js';
import type { PromptSet } from '../prompts.js';
import { citationOf, seeAlsoOf } from './citations.js';
import type { ExtractiveComposer } from './extractive.js';
import { CitationFilter } from './markers.js';
import type { Composed, ComposeEvent, ComposeInput, Composer } from './types.js';

export interface LlmComposerOptions {
  /** Passages given to the model as context (best first). */
  contextPassages: number;
  /** Passages offered as "see also" when the model cites nothing. */
  seeAlso: number;
  timeoutMs: number;
}

export const DEFAULT_LLM_COMPOSER: LlmComposerOptions = { contextPassages: 6, seeAlso: 3, timeoutMs: 20_000 };

export interface LlmComposerDeps {
  model: BaseChatModel;
  prompts: PromptSet;
  /** Answers when the LLM cannot, and declines when retrieval says not answerable. */
  fallback: ExtractiveComposer;
  logger: Logger;
}

export class LlmComposer implements Composer {
  readonly options: LlmComposerOptions;

  constructor(
    private readonly deps: LlmComposerDeps,
    options: Partial<LlmComposerOptions> = {},
  ) {
    this.options = { ...DEFAULT_LLM_COMPOSER, ...options };
  }

  async *compose(input: ComposeInput): AsyncGenerator<ComposeEvent, void, undefined> {
    const { result, lang, standalone } = input;
    if (!result.answerable || result.hits.length === 0) {
      yield* this.deps.fallback.compose(input);
      return;
    }
    const passages = result.hits.slice(0, this.options.contextPassages).map((h) => h.passage);
    const notFound = notInDocuments(standalone, lang);
    const messages = [
      new SystemMessage(this.deps.prompts.render(lang, 'system', { not_found: notFound })),
      new HumanMessage(this.deps.prompts.render(lang, 'answer', { context: contextOf(passages), question: standalone })),
    ];
    const filter = new CitationFilter(passages.length);
    let text = '';
    try {
      for await (const piece of streamText(this.deps.model, messages, this.options.timeoutMs, input.signal)) {
        const out = filter.push(piece);
        if (out) {
          text += out;
          yield { type: 'token', text: out };
        }
      }
      const tail = filter.flush();
      if (tail) {
        text += tail;
        yield { type: 'token', text: tail };
      }
    } catch (err) {
      if (input.signal?.aborted) throw err;
      yield* this.fallBack(input, err, text.length > 0);
      return;
    }
    if (filter.invalid.length > 0) {
      this.deps.logger.warn('LLM cited passages it was not given; markers removed', { invalid: filter.invalid, available: passages.length });
    }
    const citations = filter.cited.map((orig, i) => citationOf(passages[orig - 1] as Passage, i + 1));
    const answer = text.trim();
    const composed: Composed =
      citations.length > 0
        ? { answer, answered: true, citations }
        : // Uncited text is not grounded in the passages: report it as not answered.
          { answer: answer || notFound, answered: false, citations: [], seeAlso: seeAlsoOf(passages, this.options.seeAlso) };
    yield { type: 'final', composed };
  }

  private async *fallBack(input: ComposeInput, err: unknown, midStream: boolean): AsyncGenerator<ComposeEvent, void, undefined> {
    const notice = LLM_UNAVAILABLE[input.lang];
    this.deps.logger.warn('LLM unavailable; extractive answer given', {
      reason: err instanceof LlmTimeoutError ? 'timeout' : 'error',
      error: err instanceof Error ? err : String(err),
      midStream,
    });
    const composed = { ...(await this.deps.fallback.composeFull(input)), notice };
    // Tokens already sent stay on screen; the fallback follows them and `done` supersedes both.
    if (midStream) yield { type: 'token', text: '\n\n' };
    for (const text of chunkText(composed.answer, this.deps.fallback.options.chunks)) yield { type: 'token', text };
    yield { type: 'final', composed };
  }
}

/** "[1] Title (2018-02-05, 001.txt)\ntext" blocks, numbered as the model must cite them. */
export function contextOf(passages: readonly Passage[]): string {
  return passages
    .map((p, i) => {
      const meta = [p.date, p.source, p.page !== undefined ? `p. ${p.page}` : null].filter(Boolean).join(', ');
      return `[${i + 1}] ${p.title} (${meta})\n${p.text}`;
    })
    .join('\n\n');
}
