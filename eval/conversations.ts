/**
 * Conversation sets: JSONL, one conversation a line (eval/README.md "Conversations"):
 *
 *   {"id": "cv-fr-01", "lang": "fr" | "en" | "mixed",
 *    "turns": [{"question", "lang", "answerable", "gold": [{"source", "text"}], "short"?, "switch"?, "refers"?}, …]}
 *
 * Each turn is a question of the question-set format (its id is `<conversation id>#<n>`, 1-based)
 * plus, for follow-ups: `switch: true` when it changes the subject (it must not be glued to the
 * earlier turns), `refers` — words the standalone rewrite must hold because the turn refers to
 * them ("leur" → ["Guterres", "Stock"]). Validation names the line, the turn and the field.
 */
import { readFile } from 'node:fs/promises';
import { AppError } from '../core/errors.js';
import { questionFrom, type Question } from './questions.js';

export interface ConversationTurnGold extends Question {
  /** 0-based position in the conversation. */
  index: number;
  /** The turn opens a new subject (not a follow-up). */
  switch: boolean;
  /** Words the standalone rewrite of this turn must contain. */
  refers: string[];
}

export interface Conversation {
  id: string;
  lang: 'fr' | 'en' | 'mixed';
  turns: ConversationTurnGold[];
}

export interface ConversationsOptions {
  sourceName: string;
  maxErrors: number;
  /** Turns per conversation allowed. */
  minTurns: number;
  maxTurns: number;
}

export const DEFAULT_CONVERSATIONS: ConversationsOptions = { sourceName: 'conversations', maxErrors: 50, minTurns: 1, maxTurns: 8 };

export function parseConversations(text: string, options: Partial<ConversationsOptions> = {}): Conversation[] {
  const o: ConversationsOptions = { ...DEFAULT_CONVERSATIONS, ...options };
  const errors: string[] = [];
  const out: Conversation[] = [];
  const seen = new Map<string, number>();
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      if (errors.length >= o.maxErrors || raw.trim() === '') return;
      const line = i + 1;
      const problems: string[] = [];
      const c = conversationFrom(raw, problems, o);
      for (const p of problems) errors.push(`line ${line}: ${p}`);
      if (!c) return;
      const first = seen.get(c.id);
      if (first !== undefined) {
        errors.push(`line ${line}: field "id" is a duplicate: "${c.id}" is already used on line ${first}`);
        return;
      }
      seen.set(c.id, line);
      out.push(c);
    });
  if (errors.length === 0 && out.length === 0) errors.push('no conversations found (the file is empty)');
  if (errors.length > 0) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : '';
    throw new AppError('VALIDATION_FAILED', `${o.sourceName}: ${errors[0]}${more}`, { details: { file: o.sourceName, errors } });
  }
  return out;
}

export async function loadConversations(file: string, options: Partial<ConversationsOptions> = {}): Promise<Conversation[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new AppError('INVALID_PARAMETER', `cannot read conversation file "${file}" (${(err as NodeJS.ErrnoException).code ?? 'error'}).`, { cause: err });
  }
  return parseConversations(text, { sourceName: file, ...options });
}

function conversationFrom(raw: string, problems: string[], o: ConversationsOptions): Conversation | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    problems.push(`invalid JSON (${(err as Error).message})`);
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push('expected a JSON object {"id","turns"}');
    return null;
  }
  const v = value as Record<string, unknown>;
  const before = problems.length;
  if (typeof v.id !== 'string' || !/^\S+$/.test(v.id)) problems.push('field "id" must be a non-empty string without spaces');
  if (v.lang !== undefined && v.lang !== 'fr' && v.lang !== 'en' && v.lang !== 'mixed') problems.push('field "lang" must be "fr", "en" or "mixed"');
  if (!Array.isArray(v.turns) || v.turns.length < o.minTurns || v.turns.length > o.maxTurns) {
    problems.push(`field "turns" must be an array of ${o.minTurns} to ${o.maxTurns} turns`);
    return null;
  }
  const turns: ConversationTurnGold[] = [];
  v.turns.forEach((t: unknown, index) => {
    const turnProblems: string[] = [];
    const obj = typeof t === 'object' && t !== null && !Array.isArray(t) ? (t as Record<string, unknown>) : null;
    const q = questionFrom(obj ? { id: `${String(v.id)}#${index + 1}`, ...obj } : t, turnProblems);
    let refers: string[] = [];
    if (obj?.refers !== undefined) {
      if (!Array.isArray(obj.refers) || !obj.refers.every((r) => typeof r === 'string' && r.trim() !== '')) turnProblems.push('field "refers" must be an array of non-empty strings');
      else refers = obj.refers as string[];
    }
    if (obj?.switch !== undefined && typeof obj.switch !== 'boolean') turnProblems.push('field "switch" must be true or false');
    if (index === 0 && (obj?.switch === true || refers.length > 0)) turnProblems.push('the first turn cannot be a topic switch or refer to earlier turns');
    for (const p of turnProblems) problems.push(`turn ${index + 1}: ${p}`);
    if (q && turnProblems.length === 0) turns.push({ ...q, index, switch: obj?.switch === true, refers });
  });
  if (problems.length > before) return null;
  const langs = new Set(turns.map((t) => t.lang));
  const lang = (v.lang as Conversation['lang'] | undefined) ?? (langs.size > 1 ? 'mixed' : (turns[0]?.lang ?? 'fr'));
  return { id: v.id as string, lang, turns };
}
