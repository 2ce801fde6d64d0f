/**
 * What a conversation turn is about, remembered for the next turn's rewrite (answer/condense.ts):
 * the names it mentions — in the question, then in its short answer ("Who did Stock meet?" →
 * António Guterres) — which of them are people (for "he", "they", « ils », « leur »), and its
 * dates. Names and dates are the same in French and English, so they carry a referent across
 * languages without mixing them. A turn stored without a focus (older sessions, OpenAI-style
 * histories that carry only text) gets it recomputed from its question and answer text.
 */
import type { Lang } from '../core/types.js';
import { findDates } from './short/dates.js';
import { findNames } from './short/names.js';
import type { ConversationTurn, ShortAnswer, TurnFocus } from './types.js';

export type { TurnFocus } from './types.js';

/** The focus of a finished turn: its standalone question's names and dates, then its short answer's. */
export function focusOf(question: string, short: Pick<ShortAnswer, 'original' | 'kind'> | null | undefined): TurnFocus {
  const entities: string[] = [];
  const persons: string[] = [];
  const dates: string[] = [];
  const add = (list: string[], value: string) => {
    const v = value.trim();
    if (v && !list.some((x) => fold(x) === fold(v))) list.push(v);
  };
  const read = (text: string) => {
    for (const n of findNames(text)) {
      if (n.kind === 'body' && n.generic) continue;
      add(entities, n.text);
      if (n.kind === 'person') add(persons, n.text);
    }
    for (const d of findDates(text)) add(dates, d.text.replace(/^(?:le|les|en|depuis|dès|in|on|since)\s+/i, ''));
  };
  read(question);
  if (short) {
    if (short.kind === 'who' || short.kind === 'which' || short.kind === 'where') {
      const before = persons.length;
      read(short.original);
      // A who-answer names people even when the finder cannot tell ("Fedotov" alone).
      if (short.kind === 'who' && persons.length === before) for (const part of short.original.split(/\s+(?:et|and)\s+|,\s*/)) add(persons, part);
    } else if (short.kind === 'when') add(dates, short.original);
  }
  return { entities, persons, dates };
}

/** A turn's focus: stored, or recomputed from its question and the short answer leading its answer text. */
export function turnFocus(turn: ConversationTurn): TurnFocus {
  if (turn.focus) return turn.focus;
  const question = turn.standalone ?? turn.question;
  // "Yury Fedotov and Juergen Stock [1]. …": an answer led by a short answer.
  const head = /^([^[\n]{1,120}?) \[\d+\]\./.exec(turn.answer ?? '')?.[1];
  if (!head) return focusOf(question, null);
  const kind = findDates(head).length > 0 ? 'when' : /\d/.test(head) ? 'count' : 'who';
  return focusOf(question, { original: head, kind });
}

function fold(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

/** Names joined the way the language joins them: "A et B", "A, B and C". */
export function joinNames(names: readonly string[], lang: Lang): string {
  if (names.length <= 1) return names[0] ?? '';
  const and = lang === 'fr' ? ' et ' : ' and ';
  return `${names.slice(0, -1).join(', ')}${and}${names[names.length - 1]}`;
}
