/**
 * Question sets: JSONL, one object a line (DEVELOPERS.md "Contracts"). Validation happens here, at
 * the edge, so the metrics never see a half-formed question; every problem names its 1-based line
 * and field so a person can fix the file without guessing.
 */
import { readFile } from 'node:fs/promises';
import { AppError } from '../core/errors.js';
import type { Lang } from '../core/types.js';

export interface GoldSpan {
  /** Document file name, as in `Passage.source`. */
  source: string;
  /** A span quoted verbatim from that document. */
  text: string;
}

export interface Question {
  id: string;
  lang: Lang;
  question: string;
  answerable: boolean;
  /** Empty exactly when `answerable` is false. */
  gold: GoldSpan[];
  /** Optional labels (number, date, acronym, multi, …) for per-type breakdowns; not part of the contract. */
  tags: string[];
  /**
   * Optional, answerable questions only: the short answer's gold — spans (in the documents' words,
   * e.g. "5 février 2018", "192", "Yury Fedotov") that the answer's `shortAnswer` must all hold.
   */
  short?: string[];
}

export interface QuestionsOptions {
  /** Name shown in error messages (a file path). */
  sourceName: string;
  /** Stop collecting after this many problems: one broken generator can emit thousands. */
  maxErrors: number;
}

export const DEFAULT_QUESTIONS: QuestionsOptions = { sourceName: 'questions', maxErrors: 50 };

/** Parse and validate a JSONL question set; throws VALIDATION_FAILED listing every problem found. */
export function parseQuestions(text: string, options: Partial<QuestionsOptions> = {}): Question[] {
  const opts: QuestionsOptions = { ...DEFAULT_QUESTIONS, ...options };
  const errors: string[] = [];
  const questions: Question[] = [];
  const firstLine = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);

  lines.forEach((raw, index) => {
    if (errors.length >= opts.maxErrors) return;
    const lineNo = index + 1;
    if (raw.trim() === '') return;
    const problems: string[] = [];
    const q = parseLine(raw, problems);
    for (const p of problems) errors.push(`line ${lineNo}: ${p}`);
    if (!q) return;
    const seen = firstLine.get(q.id);
    if (seen !== undefined) {
      errors.push(`line ${lineNo}: field "id" is a duplicate: "${q.id}" is already used on line ${seen}`);
      return;
    }
    firstLine.set(q.id, lineNo);
    questions.push(q);
  });

  if (errors.length === 0 && questions.length === 0) errors.push('no questions found (the file is empty)');
  if (errors.length > 0) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : '';
    throw new AppError('VALIDATION_FAILED', `${opts.sourceName}: ${errors[0]}${more}`, {
      details: { file: opts.sourceName, errors },
    });
  }
  return questions;
}

/** Read and parse a question file; a missing file is a clear CLI error, not a stack trace. */
export async function loadQuestions(file: string, options: Partial<QuestionsOptions> = {}): Promise<Question[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new AppError('INVALID_PARAMETER', `cannot read question file "${file}" (${code ?? 'error'}).`, { cause: err });
  }
  return parseQuestions(text, { sourceName: file, ...options });
}

function parseLine(raw: string, problems: string[]): Question | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    problems.push(`invalid JSON (${(err as Error).message})`);
    return null;
  }
  return questionFrom(value, problems);
}

/** Validate one parsed question object (a line of a question set, a turn of a conversation); problems name the field. */
export function questionFrom(value: unknown, problems: string[]): Question | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push('expected a JSON object');
    return null;
  }
  const o = value as Record<string, unknown>;
  const before = problems.length;

  const id = o.id;
  // ids end up as TREC qids, which are whitespace-separated columns.
  if (typeof id !== 'string' || !/^\S+$/.test(id)) problems.push('field "id" must be a non-empty string without spaces');
  if (o.lang !== 'fr' && o.lang !== 'en') problems.push('field "lang" must be "fr" or "en"');
  if (typeof o.question !== 'string' || o.question.trim() === '') problems.push('field "question" must be a non-empty string');
  if (typeof o.answerable !== 'boolean') problems.push('field "answerable" must be true or false');

  const gold: GoldSpan[] = [];
  if (!Array.isArray(o.gold)) {
    problems.push('field "gold" must be an array (use [] for unanswerable questions)');
  } else {
    o.gold.forEach((g: unknown, i) => {
      if (typeof g !== 'object' || g === null || Array.isArray(g)) {
        problems.push(`field "gold[${i}]" must be an object {"source","text"}`);
        return;
      }
      const { source, text } = g as Record<string, unknown>;
      const okSource = typeof source === 'string' && source.trim() !== '';
      const okText = typeof text === 'string' && text.trim() !== '';
      if (!okSource) problems.push(`field "gold[${i}].source" must be a non-empty string`);
      if (!okText) problems.push(`field "gold[${i}].text" must be a non-empty string`);
      if (okSource && okText) gold.push({ source: source as string, text: text as string });
    });
    if (typeof o.answerable === 'boolean') {
      if (o.answerable && o.gold.length === 0) problems.push('field "gold" must hold at least one span when "answerable" is true');
      if (!o.answerable && o.gold.length > 0) problems.push('field "gold" must be [] when "answerable" is false');
    }
  }

  let tags: string[] = [];
  if (o.tags !== undefined) {
    if (!Array.isArray(o.tags) || !o.tags.every((t) => typeof t === 'string' && t.trim() !== '')) {
      problems.push('field "tags" must be an array of non-empty strings');
    } else {
      tags = o.tags as string[];
    }
  }

  let short: string[] | undefined;
  if (o.short !== undefined) {
    const list = typeof o.short === 'string' ? [o.short] : o.short;
    if (!Array.isArray(list) || list.length === 0 || !list.every((t) => typeof t === 'string' && t.trim() !== '')) {
      problems.push('field "short" must be a non-empty string or an array of non-empty strings');
    } else if (o.answerable === false) {
      problems.push('field "short" is only for answerable questions');
    } else short = list as string[];
  }

  if (problems.length > before) return null;
  return {
    id: id as string,
    lang: o.lang as Lang,
    question: (o.question as string).trim(),
    answerable: o.answerable as boolean,
    gold,
    tags,
    ...(short ? { short } : {}),
  };
}
