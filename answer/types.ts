import type { Lang } from '../core/types.js';

export interface Citation {
  n: number;
  id: string;
  source: string;
  title: string;
  date: string | null;
  text: string;
  page?: number;
}

export interface Answer {
  answer: string;
  answered: boolean;
  lang: Lang;
  citations: Citation[];
  /** The standalone question actually searched (after follow-up rewriting). */
  standalone?: string;
  /** "see also" passages offered when the documents do not hold the answer. */
  seeAlso?: Citation[];
  notice?: string;
}
