import type { Lang } from '../../core/types.js';
import type { SearchResult } from '../../index/index.js';
import type { Citation, Confidence, Quote, ShortAnswer } from '../types.js';

export interface ComposeInput {
  /** The user's message as typed. */
  message: string;
  /** The standalone question that was searched (the message itself unless it was a follow-up). */
  standalone: string;
  /** Language to answer in (the message's). */
  lang: Lang;
  result: SearchResult;
  signal?: AbortSignal;
}

/** What a composer decides; the pipeline adds session, language and standalone. */
export interface Composed {
  answer: string;
  answered: boolean;
  citations: Citation[];
  seeAlso?: Citation[];
  notice?: string;
  quotes?: Quote[];
  shortAnswer?: ShortAnswer;
  confidence?: Confidence;
  evidence?: { score: number; threshold: number };
  translatedBy?: string;
}

export type ComposeEvent = { type: 'token'; text: string } | { type: 'final'; composed: Composed };

/** Turns retrieved passages into a cited answer, streaming its text. */
export interface Composer {
  compose(input: ComposeInput): AsyncGenerator<ComposeEvent, void, undefined>;
}
