/**
 * Checks shared by the answer and chat tests: every citation quotes its source document
 * verbatim, every sentence quoted in an extractive answer is an exact substring of the passage it
 * cites, and citation numbers follow their first appearance in the text.
 */
import { expect } from 'vitest';
import { LEAD_IN } from '../../answer/messages.js';
import type { Answer, Citation } from '../../answer/types.js';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The quoted sentences of an extractive answer with the number that follows each. */
export function quotedSentences(answer: Pick<Answer, 'answer' | 'lang'>): { text: string; n: number }[] {
  const body = answer.answer.slice(LEAD_IN[answer.lang].length).trim();
  if (answer.lang === 'en') return [...body.matchAll(/“([^”]*)” \[(\d+)\]/g)].map((m) => ({ text: m[1] ?? '', n: Number(m[2]) }));
  const parts = body.split(/\s*\[(\d+)\]\s*/);
  const out: { text: string; n: number }[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) out.push({ text: (parts[i] ?? '').trim(), n: Number(parts[i + 1]) });
  return out;
}

export function markersOf(text: string): number[] {
  return [...text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
}

/** Citation passages are verbatim spans of their source files. */
export function expectCitationsVerbatim(citations: readonly Citation[], corpus: ReadonlyMap<string, string>): void {
  for (const c of citations) {
    const doc = corpus.get(c.source);
    expect(doc, `source ${c.source} exists`).toBeDefined();
    expect(doc?.includes(c.text), `citation [${c.n}] text is verbatim in ${c.source}`).toBe(true);
    expect(c.id).toMatch(/^[0-9a-f]{16}$/);
    expect(typeof c.title).toBe('string');
    expect(c.date === null || /^\d{4}-\d{2}-\d{2}$/.test(c.date)).toBe(true);
  }
}

/** The numbering rule: [1], [2] … in order of first appearance, and exactly the cited passages listed. */
export function expectNumbering(answer: Pick<Answer, 'answer' | 'citations'>): void {
  const firstSeen: number[] = [];
  for (const n of markersOf(answer.answer)) if (!firstSeen.includes(n)) firstSeen.push(n);
  expect(firstSeen).toEqual(firstSeen.map((_, i) => i + 1));
  expect(answer.citations.map((c) => c.n)).toEqual(firstSeen);
}

/** Everything an extractive answer promises: verbatim quotes, verbatim citations, numbering. */
export function expectVerbatimAnswer(answer: Answer, corpus: ReadonlyMap<string, string>): void {
  expect(answer.answered).toBe(true);
  expect(answer.answer.startsWith(LEAD_IN[answer.lang])).toBe(true);
  expectCitationsVerbatim(answer.citations, corpus);
  expectNumbering(answer);
  const quotes = quotedSentences(answer);
  expect(quotes.length).toBeGreaterThanOrEqual(1);
  expect(quotes.length).toBeLessThanOrEqual(3);
  for (const q of quotes) {
    const cited = answer.citations.find((c) => c.n === q.n);
    expect(cited, `citation [${q.n}] is listed`).toBeDefined();
    expect(cited?.text.includes(q.text), `quote "${q.text.slice(0, 60)}…" is verbatim in passage [${q.n}]`).toBe(true);
  }
  expect(answer.quotes).toEqual(quotes);
}
