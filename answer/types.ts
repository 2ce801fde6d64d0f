import type { Lang } from '../core/types.js';
import type { ClientRef } from './sessions.js';

export interface Citation {
  n: number;
  id: string;
  source: string;
  title: string;
  date: string | null;
  text: string;
  /** Paginated sources: the page of the quoted sentence when the answer quotes one, else the passage's first page. */
  page?: number;
  /** Paginated sources: every page the passage covers. */
  pages?: number[];
}

/** A sentence quoted verbatim from the passage cited as [n] (extractive answers). */
export interface Quote {
  n: number;
  text: string;
}

export interface Answer {
  answer: string;
  answered: boolean;
  lang: Lang;
  citations: Citation[];
  /** The conversation this answer belongs to (absent for stateless calls with an explicit history). */
  sessionId?: string;
  /** The standalone question actually searched (after follow-up rewriting). */
  standalone?: string;
  /** "see also" passages offered when the documents do not hold the answer. */
  seeAlso?: Citation[];
  notice?: string;
  /** The verbatim sentences behind the answer, each with its citation number (extractive composer). */
  quotes?: Quote[];
  /** This answer's turn in its conversation (for feedback and regenerate). */
  turnId?: string;
}

/** One earlier exchange of a conversation, oldest first. */
export interface ConversationTurn {
  question: string;
  /** The standalone form searched for that question, when known. */
  standalone?: string;
  answer?: string;
  lang?: Lang;
}

export interface AnswerRequest {
  message: string;
  /** Continue this conversation (a new one is started under this id when unknown or expired). */
  sessionId?: string;
  /**
   * Stateless mode (OpenAI-compatible endpoint): the earlier turns, oldest first. When given, the
   * session store is neither read nor written and the answer carries no sessionId.
   */
  history?: ConversationTurn[];
  /** Aborts retrieval/LLM work when the client goes away. */
  signal?: AbortSignal;
  /** Who asks (answer/sessions.ts): identified clients' conversations are saved. Default: anonymous. */
  client?: ClientRef;
  /** Answer the conversation's last question again, replacing its last turn. */
  regenerate?: boolean;
}

export type AnswerEvent =
  | { type: 'token'; text: string }
  | { type: 'citations'; citations: Citation[] }
  | { type: 'done'; answer: Answer };

export interface Answerer {
  answer(request: AnswerRequest): Promise<Answer>;
  /**
   * Tokens, then the citations, then `done` with the complete answer. `done` is authoritative: if
   * the LLM fails mid-stream, the fallback answer follows the tokens already sent and `done`
   * carries it alone.
   */
  stream(request: AnswerRequest): AsyncGenerator<AnswerEvent, void, undefined>;
}
