/**
 * The answer pipeline: detect the question's language → rewrite a follow-up into a standalone
 * question (heuristics, or the condense prompt when an LLM is configured) → retrieve → compose
 * (extractive by default, LLM when configured, extractive again if the LLM fails) → remember the
 * turn in the session.
 *
 *   const answerer = createAnswerer({ retriever, logger, corpus: corpusViewOf(service), llm: config.llm });
 *   const a = await answerer.answer({ message: 'Qui a signé l’accord ONUDC–INTERPOL ?' });
 *   for await (const ev of answerer.stream({ message: 'Et quand ?', sessionId: a.sessionId })) …
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { HumanMessage } from '@langchain/core/messages';
import type { LlmConfig } from '../core/config.js';
import { AppError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { Hit, Lang, Passage } from '../core/types.js';
import { loadLexicon, detectLanguage, languageScores, foldText, ENGLISH_STOPWORDS, FRENCH_STOPWORDS } from '../text/index.js';
import type { Lexicon, Translator, Vocabulary } from '../text/index.js';
import type { Retriever } from '../index/index.js';
import { ExtractiveComposer, mergeExtractiveOptions, type ExtractiveOptionsInput } from './compose/extractive.js';
import { LlmComposer, type LlmComposerOptions } from './compose/llm.js';
import type { Composed, Composer } from './compose/types.js';
import { condenseHeuristic, type Condensed, type CondenseOptions } from './condense.js';
import { focusOf, turnFocus } from './focus.js';
import { vocabularyOf, type CorpusView } from './corpus.js';
import { completeText, createChatModel } from './llm.js';
import { withQuotedPages } from './pages.js';
import { DEFAULT_PROMPTS_DIR, loadPrompts, type PromptSet } from './prompts.js';
import { SessionStore, type SessionOptions } from './sessions.js';
import type { Answer, AnswerEvent, Answerer, AnswerRequest, ConversationTurn } from './types.js';

export interface AnswererDeps {
  retriever: Retriever;
  logger: Logger;
  /** The indexed corpus (document-wide checks, IDF); without it only the retrieved passages are read. */
  corpus?: CorpusView | null;
  /** English → French lexicon; defaults to the committed one. */
  lexicon?: Lexicon | null;
  /** OpenAI-compatible endpoint (config.llm); null = extractive only. */
  llm?: LlmConfig | null;
  /** A ready chat model (overrides `llm`'s client; `llm.timeoutMs` still applies). */
  chatModel?: BaseChatModel | null;
  /** Shared session store (one is created when absent). */
  sessions?: SessionStore;
  /**
   * French → English translator (text/translate.ts) for English answers without an LLM; null or
   * absent: English answers quote the French sentences. The caller owns its lifetime (close()).
   */
  translator?: Translator | null;
  /**
   * English → French translator: a French follow-up to an English question (and the reverse,
   * with `translator`) is rewritten from the previous question translated into its own language.
   */
  frenchTranslator?: Translator | null;
}

export interface AnswererOptions {
  /** Passages retrieved per question. */
  k: number;
  /** Earlier turns shown to the condense prompt. */
  condenseTurns: number;
  /** Characters of each earlier answer shown to the condense prompt. */
  condenseAnswerChars: number;
  extractive: ExtractiveOptionsInput;
  llm: Partial<Omit<LlmComposerOptions, 'timeoutMs'>>;
  condense: Partial<CondenseOptions>;
  sessions: Partial<SessionOptions>;
  promptsDir: string;
}

export const DEFAULT_ANSWERER: AnswererOptions = {
  k: 8,
  condenseTurns: 4,
  condenseAnswerChars: 300,
  extractive: {},
  llm: {},
  condense: {},
  sessions: {},
  promptsDir: DEFAULT_PROMPTS_DIR,
};

export function createAnswerer(deps: AnswererDeps, options: Partial<AnswererOptions> = {}): Answerer & { readonly sessions: SessionStore; readonly usesLlm: boolean } {
  const opts: AnswererOptions = { ...DEFAULT_ANSWERER, ...options };
  const logger = deps.logger.child({ component: 'answer' });
  const lexicon = deps.lexicon === undefined ? loadLexicon() : deps.lexicon;
  const sessions = deps.sessions ?? new SessionStore(opts.sessions);
  const corpus = deps.corpus ?? null;
  const vocabulary = corpus ? vocabularyOf(corpus) : () => null;
  const extractive = new ExtractiveComposer(
    { lexicon, logger, translator: deps.translator ?? null, ...(corpus ? { vocabulary } : {}) },
    mergeExtractiveOptions(opts.extractive),
  );

  const timeoutMs = deps.llm?.timeoutMs ?? 20_000;
  const model = deps.chatModel ?? (deps.llm ? createChatModel(deps.llm) : null);
  const prompts: PromptSet | null = model ? loadPrompts(opts.promptsDir) : null;
  const composer: Composer = model && prompts ? new LlmComposer({ model, prompts, fallback: extractive, logger }, { ...opts.llm, timeoutMs }) : extractive;
  if (model) logger.info('LLM composer enabled', { model: deps.llm?.model ?? 'custom', baseUrl: deps.llm?.baseUrl ?? null, timeoutMs });

  /**
   * The heuristic rewrite in the follow-up's language: when the previous question was asked in the
   * other language and a translator is there, it is translated first, so the rewrite carries its
   * content words in the follow-up's language (its names travel either way).
   */
  async function condenseAcross(message: string, lang: Lang, history: readonly ConversationTurn[], signal?: AbortSignal): Promise<Condensed> {
    const first = condenseHeuristic(message, lang, history, lexicon, opts.condense);
    const prev = history[history.length - 1];
    if (!first.followUp || !prev) return first;
    const prevQ = prev.standalone ?? prev.question;
    const prevLang = prev.lang ?? detectLanguage(prevQ);
    const translator = prevLang === lang ? null : prevLang === 'fr' ? (deps.translator ?? null) : (deps.frenchTranslator ?? null);
    if (!translator) return first;
    try {
      const [translated] = await translator.translate([prevQ], signal ? { signal } : {});
      if (!translated?.trim()) return first;
      const aligned: ConversationTurn = { ...prev, standalone: knownWordsOnly(restoreNames(translated.trim(), prevQ), lang, lexicon, vocabulary()), lang, focus: turnFocus(prev) };
      return condenseHeuristic(message, lang, [...history.slice(0, -1), aligned], lexicon, opts.condense);
    } catch (err) {
      if (signal?.aborted) throw err;
      logger.warn('translating the previous question failed; names-only rewrite used', { error: err instanceof Error ? err : String(err) });
      return first;
    }
  }

  async function condense(message: string, lang: Lang, history: ConversationTurn[], signal?: AbortSignal): Promise<Condensed> {
    const heuristic = () => condenseAcross(message, lang, history, signal);
    if (!model || !prompts || history.length === 0) return heuristic();
    try {
      const prompt = prompts.render(lang, 'condense', { history: historyText(history, opts), question: message });
      const raw = await completeText(model, [new HumanMessage(prompt)], timeoutMs, signal);
      const standalone = cleanCondensed(raw);
      if (!standalone) throw new Error('empty rewrite');
      return { standalone, followUp: standalone !== message, rule: 'llm' };
    } catch (err) {
      if (signal?.aborted) throw err;
      logger.warn('LLM condense failed; heuristic rewrite used', { error: err instanceof Error ? err : String(err) });
      return heuristic();
    }
  }

  async function* stream(request: AnswerRequest): AsyncGenerator<AnswerEvent, void, undefined> {
    const message = request.message.trim();
    if (message.length === 0) throw new AppError('VALIDATION_FAILED', 'message must not be empty');
    const stateless = request.history !== undefined;
    const session = stateless ? null : await sessions.open(request.sessionId, request.client);
    // Regenerate: the last turn is answered again, so it is not part of its own history.
    const replaced = request.regenerate && session ? session.turns[session.turns.length - 1] : undefined;
    const history = stateless
      ? await withStandalones(request.history ?? [], condenseAcross, request.signal)
      : sessions.history({ turns: replaced ? session!.turns.slice(0, -1) : (session?.turns ?? []) });
    const lang = languageOf(message, history);
    const condensed = await condense(message, lang, history, request.signal);
    if (condensed.followUp) logger.debug('follow-up rewritten', { message, standalone: condensed.standalone, rule: condensed.rule });
    const result = await deps.retriever.search(condensed.standalone, { k: opts.k });

    let composed: Composed | null = null;
    for await (const ev of composer.compose({ message, standalone: condensed.standalone, lang, result, ...(request.signal ? { signal: request.signal } : {}) })) {
      if (ev.type === 'token') yield ev;
      else composed = ev.composed;
    }
    if (!composed) throw new AppError('INTERNAL', 'The composer produced no answer.');
    const answer: Answer = {
      answer: composed.answer,
      answered: composed.answered,
      lang,
      ...(session ? { sessionId: session.id } : {}),
      citations: withQuotedPages(composed.citations, composed.quotes, passageLookup(result.hits, corpus)),
      ...(composed.seeAlso ? { seeAlso: composed.seeAlso } : {}),
      standalone: condensed.standalone,
      ...(composed.notice ? { notice: composed.notice } : {}),
      ...(composed.quotes ? { quotes: composed.quotes } : {}),
      ...(composed.shortAnswer ? { shortAnswer: composed.shortAnswer } : {}),
      ...(composed.confidence ? { confidence: composed.confidence } : {}),
      ...(composed.evidence ? { evidence: composed.evidence } : {}),
      ...(composed.translatedBy ? { translatedBy: composed.translatedBy } : {}),
    };
    if (session) {
      const turn = await sessions.record(
        session,
        {
          question: message,
          standalone: condensed.standalone,
          answer: answer.answer,
          lang,
          answered: answer.answered,
          ...(composed.shortAnswer ? { shortAnswer: composed.shortAnswer.text } : {}),
          focus: focusOf(condensed.standalone, composed.shortAnswer),
          citations: answer.citations,
          ...(answer.quotes ? { quotes: answer.quotes } : {}),
          ...(answer.seeAlso ? { seeAlso: answer.seeAlso } : {}),
          ...(answer.notice ? { notice: answer.notice } : {}),
        },
        replaced?.id,
      );
      answer.turnId = turn.id;
    }
    yield { type: 'citations', citations: answer.citations };
    yield { type: 'done', answer };
  }

  return {
    sessions,
    usesLlm: model !== null,
    stream,
    async answer(request: AnswerRequest): Promise<Answer> {
      for await (const ev of stream(request)) if (ev.type === 'done') return ev.answer;
      throw new AppError('INTERNAL', 'The answer stream ended without an answer.');
    },
  };
}

/** A cited passage by id: among the retrieved ones, else in its document's passages. */
function passageLookup(hits: readonly Hit[], corpus: CorpusView | null): (id: string) => Passage | undefined {
  const byId = new Map(hits.map((h) => [h.passage.id, h.passage]));
  return (id) => byId.get(id) ?? corpus?.sources().flatMap((s) => corpus.passagesOf(s)).find((p) => p.id === id);
}

/** Names as the source wrote them: the engine recases some ("INTERPOL" → "iNTERPOL"). */
export function restoreNames(translated: string, source: string): string {
  const names = new Map<string, string>();
  for (const w of source.match(/[\p{L}][\p{L}\p{M}-]*/gu) ?? []) if (/\p{Lu}/u.test(w.slice(1)) || (/^\p{Lu}/u.test(w) && w.length > 1)) names.set(w.toLowerCase(), w);
  return translated.replace(/[\p{L}][\p{L}\p{M}-]*/gu, (w) => {
    const original = names.get(w.toLowerCase());
    return original && original !== w && original.toUpperCase() === original ? original : w;
  });
}

/**
 * A machine-translated question without the words the engine left untranslated or leaked from its
 * Spanish pivot ("oficializado"): an English word must be one the lexicon knows, a French one a
 * word of the corpus or a French function word; names and numbers always stay.
 */
export function knownWordsOnly(text: string, lang: Lang, lexicon: Lexicon | null, vocabulary: Vocabulary | null): string {
  return text
    .replace(/[\p{L}][\p{L}\p{M}'’-]*/gu, (word) => {
      if (/^\p{Lu}/u.test(word) && word !== word.toLowerCase()) return word;
      const lower = word.toLowerCase();
      const folded = foldText(lower);
      const known =
        lang === 'en'
          ? ENGLISH_STOPWORDS.has(folded) || lexicon === null || lexicon.lookup(lower) !== undefined || lexicon.lemmas(lower).length > 0
          : FRENCH_STOPWORDS.has(folded) || vocabulary === null || vocabulary.get(folded) !== undefined || /^(?:[ldjmnstc]|qu)['’]/.test(lower);
      return known ? word : '';
    })
    .replace(/\s{2,}/g, ' ')
    .replace(/\s+([?,.;:!])/g, lang === 'fr' ? ' $1' : '$1')
    .trim();
}

/** The message's language; a message with no evidence either way ("INTERPOL ?") keeps the conversation's. */
function languageOf(message: string, history: readonly ConversationTurn[]): Lang {
  const { fr, en } = languageScores(message);
  const last = history[history.length - 1];
  if (fr === en && last?.lang) return last.lang;
  return detectLanguage(message);
}

/** Stateless histories (OpenAI messages) carry no standalone forms: rebuild them turn by turn (focus from the answer text). */
async function withStandalones(
  history: readonly ConversationTurn[],
  condense: (message: string, lang: Lang, history: readonly ConversationTurn[], signal?: AbortSignal) => Promise<Condensed>,
  signal?: AbortSignal,
): Promise<ConversationTurn[]> {
  const out: ConversationTurn[] = [];
  for (const turn of history) {
    const lang = turn.lang ?? languageOf(turn.question, out);
    const standalone = turn.standalone ?? (await condense(turn.question, lang, out, signal)).standalone;
    const withStandalone: ConversationTurn = { ...turn, lang, standalone };
    out.push({ ...withStandalone, focus: turnFocus(withStandalone) });
  }
  return out;
}

function historyText(history: readonly ConversationTurn[], opts: AnswererOptions): string {
  return history
    .slice(-opts.condenseTurns)
    .map((t) => {
      const answer = (t.answer ?? '').replace(/\s+/g, ' ').slice(0, opts.condenseAnswerChars);
      return `User: ${t.question}${answer ? `\nAssistant: ${answer}` : ''}`;
    })
    .join('\n');
}

/** First non-empty line of the model's rewrite, without labels or quotes. */
function cleanCondensed(raw: string): string {
  const line = raw
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.length > 0);
  if (!line) return '';
  return line
    .replace(/^(?:standalone question|question autonome|rewritten question|question reformulée)\s*:\s*/i, '')
    .replace(/^["«“]\s*|\s*["»”]$/g, '')
    .trim();
}
