/**
 * Checks shared by the answer and chat tests: every citation quotes its source document
 * verbatim, every sentence quoted in an extractive answer is an exact substring of the passage it
 * cites, and citation numbers follow their first appearance in the text.
 */
import { expect } from 'vitest';
import { CLOSEST_ONLY, LEAD_IN, LEAD_IN_TRANSLATED } from '../../answer/messages.js';
import type { Answer, Citation } from '../../answer/types.js';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const LEADS = [LEAD_IN.fr, LEAD_IN.en, LEAD_IN_TRANSLATED.en, CLOSEST_ONLY.fr.plain, CLOSEST_ONLY.en.plain, CLOSEST_ONLY.en.translated];

/** The answer text after its short answer ("Le 5 février 2018 [1].") and its lead-in. */
export function answerBody(answer: Pick<Answer, 'answer' | 'lang' | 'shortAnswer'>): string {
  let body = answer.answer;
  if (answer.shortAnswer) {
    const head = `${answer.shortAnswer.text.replace(/[\s.]+$/, '')} [${answer.shortAnswer.n}].`;
    expect(body.startsWith(head), `answer leads with its short answer: ${body.slice(0, 80)}`).toBe(true);
    body = body.slice(head.length).trim();
  }
  const lead = LEADS.find((l) => body.startsWith(l));
  // A French answer led by its short answer goes straight to the quotation.
  if (!(answer.shortAnswer && answer.lang === 'fr')) expect(lead, `answer has a known lead-in: ${body.slice(0, 80)}`).toBeDefined();
  return body.slice(lead?.length ?? 0).trim();
}

/**
 * The quoted sentences of an extractive answer with the number that follows each, as shown (a
 * translated answer shows the English renderings).
 */
export function quotedSentences(answer: Pick<Answer, 'answer' | 'lang' | 'shortAnswer'>): { text: string; n: number }[] {
  const body = answerBody(answer);
  const marked = [...body.matchAll(/(?:“([^”]*)”|« ([^»]*) ») \[(\d+)\]/g)];
  if (marked.length > 0) return marked.map((m) => ({ text: m[1] ?? m[2] ?? '', n: Number(m[3]) }));
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
  expectCitationsVerbatim(answer.citations, corpus);
  expectNumbering(answer);
  const shown = quotedSentences(answer);
  const quotes = answer.quotes ?? [];
  expect(quotes.length).toBeGreaterThanOrEqual(1);
  expect(quotes.length).toBeLessThanOrEqual(3);
  for (const q of quotes) {
    const cited = answer.citations.find((c) => c.n === q.n);
    expect(cited, `citation [${q.n}] is listed`).toBeDefined();
    expect(cited?.text.includes(q.text), `quote "${q.text.slice(0, 60)}…" is verbatim in passage [${q.n}]`).toBe(true);
  }
  expect(shown).toEqual(quotes.map((q) => ({ n: q.n, text: answer.translatedBy && q.translation ? q.translation : q.text })));
  if (answer.shortAnswer) {
    // The short answer is lifted from the sentence it cites (or is its document's date, said so).
    const quote = quotes.filter((q) => q.n === answer.shortAnswer?.n).map((q) => q.text).join(' ');
    const parts = answer.shortAnswer.original.split(' ; ');
    const fromDate = /\((?:date du document|date of the document)\)/.test(answer.shortAnswer.text);
    if (!fromDate) for (const p of parts) expect(quotes.some((q) => q.text.includes(p.split(' et ')[0] ?? p)), `short answer "${p}" is in the quotes (${quote.slice(0, 60)})`).toBe(true);
  }
}
