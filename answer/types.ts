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
  /** The sentence exactly as written in the passage (the thing cited). */
  text: string;
  /** English answers: the sentence's machine translation (labelled as such in the answer). */
  translation?: string;
}

export type ShortAnswerKind = 'when' | 'count' | 'who' | 'where' | 'which';

/**
 * The direct answer of a who / when / where / how many / how much / which question, lifted from
 * the quoted sentence cited as [n]: `original` is the verbatim span(s) of that sentence, `text`
 * what the answer leads with, in the answer's language.
 */
export interface ShortAnswer {
  text: string;
  original: string;
  n: number;
  kind: ShortAnswerKind;
}

/**
 * How well the quoted evidence answers: `high` — it meets the calibrated threshold with room to
 * spare; `low` — just above it (the answer says the documents do not say it directly and quotes
 * the closest passage); `none` — declined.
 */
export type Confidence = 'high' | 'low' | 'none';

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
  /** Who / when / where / how many / which questions: the name, date, place or figure first. */
  shortAnswer?: ShortAnswer;
  confidence?: Confidence;
  /** The evidence score behind `confidence` and the calibrated threshold it is compared with. */
  evidence?: { score: number; threshold: number };
  /** English answers rendered by machine translation: the engine (e.g. "apertium fr-es|spa-eng"). */
  translatedBy?: string;
}

/** What a turn is about, for the next turn's rewrite (answer/focus.ts): names (people apart) and dates. */
export interface TurnFocus {
  entities: string[];
  persons: string[];
  dates: string[];
}

/** One earlier exchange of a conversation, oldest first. */
export interface ConversationTurn {
  question: string;
  /** The standalone form searched for that question, when known. */
  standalone?: string;
  answer?: string;
  lang?: Lang;
  answered?: boolean;
  /** Its short answer's text (the name, date, figure), when it had one. */
  shortAnswer?: string;
  /** Names and dates the turn is about (recomputed from question and answer when absent). */
  focus?: TurnFocus;
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
