/**
 * Every gold span must be quoted verbatim from its source file. A span that drifted (retyped
 * apostrophe, edited corpus) would silently score 0 for every run, so the CLI refuses to
 * evaluate a set with such spans, and the tests hold the shipped sets to the same rule.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../core/errors.js';
import type { Question } from './questions.js';

export interface GoldCheckOptions {
  /** Extensions whose raw bytes are the text (others, e.g. PDF, cannot be checked by substring). */
  textExtensions: string[];
}

export const DEFAULT_GOLD_CHECK: GoldCheckOptions = { textExtensions: ['.txt', '.md'] };

export interface GoldProblem {
  id: string;
  index: number;
  source: string;
  problem: 'source-missing' | 'not-verbatim';
  text: string;
}

export interface GoldCheckResult {
  checked: number;
  /** Sources whose format cannot be checked by substring. */
  skipped: string[];
  problems: GoldProblem[];
}

export async function checkGoldSpans(questions: readonly Question[], corpusDir: string, options: Partial<GoldCheckOptions> = {}): Promise<GoldCheckResult> {
  const opts: GoldCheckOptions = { ...DEFAULT_GOLD_CHECK, ...options };
  const files = new Map<string, string | null>();
  const skipped = new Set<string>();
  const problems: GoldProblem[] = [];
  let checked = 0;
  for (const q of questions) {
    for (const [index, g] of q.gold.entries()) {
      if (!opts.textExtensions.includes(path.extname(g.source).toLowerCase())) {
        skipped.add(g.source);
        continue;
      }
      if (!files.has(g.source)) files.set(g.source, await readOrNull(path.join(corpusDir, g.source)));
      const text = files.get(g.source);
      checked++;
      if (text === null || text === undefined) problems.push({ id: q.id, index, source: g.source, problem: 'source-missing', text: g.text });
      else if (!text.includes(g.text)) problems.push({ id: q.id, index, source: g.source, problem: 'not-verbatim', text: g.text });
    }
  }
  return { checked, skipped: [...skipped].sort(), problems };
}

/** Throws VALIDATION_FAILED naming each bad span (question id, gold index, source). */
export async function assertGoldSpans(questions: readonly Question[], corpusDir: string, options: Partial<GoldCheckOptions> = {}): Promise<GoldCheckResult> {
  const result = await checkGoldSpans(questions, corpusDir, options);
  if (result.problems.length > 0) {
    const lines = result.problems.map((p) =>
      p.problem === 'source-missing'
        ? `${p.id} gold[${p.index}]: source "${p.source}" not found in ${corpusDir}`
        : `${p.id} gold[${p.index}]: text is not verbatim in ${p.source}: "${p.text.slice(0, 80)}${p.text.length > 80 ? '…' : ''}"`,
    );
    const more = lines.length > 1 ? ` (and ${lines.length - 1} more)` : '';
    throw new AppError('VALIDATION_FAILED', `gold spans must be quoted verbatim from the corpus: ${lines[0]}${more}`, {
      details: { errors: lines },
    });
  }
  return result;
}

async function readOrNull(file: string): Promise<string | null> {
  try {
    // Strip a BOM: it is not part of any quotable text.
    return (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  } catch {
    return null;
  }
}
