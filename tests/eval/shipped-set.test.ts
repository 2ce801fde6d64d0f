/**
 * The shipped question sets: valid, balanced, covering every document, and — required — every
 * gold span quoted verbatim from its source file (exact characters: ’ vs ', NBSP…).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkGoldSpans } from '../../eval/gold-check.js';
import { parseQuestions, type Question } from '../../eval/questions.js';
import { matchedGold } from '../../eval/relevance.js';
import { CORPUS_DIR, EVAL_DIR, corpusPassages } from './helpers.js';

const load = (name: string): Question[] => parseQuestions(readFileSync(path.join(EVAL_DIR, name), 'utf8'), { sourceName: name });
const main = load('questions.jsonl');
const heldout = load('questions-heldout.jsonl');
const documents = readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.txt')).sort();

describe.each([
  ['questions.jsonl', main],
  ['questions-heldout.jsonl', heldout],
])('%s', (name, set) => {
  it('every gold span is verbatim in its source file', () => {
    let spans = 0;
    for (const q of set) {
      for (const g of q.gold) {
        const file = path.join(CORPUS_DIR, g.source);
        expect(documents, `${q.id}: unknown source ${g.source}`).toContain(g.source);
        const text = readFileSync(file, 'utf8');
        expect(text.includes(g.text), `${q.id}: "${g.text}" is not verbatim in ${g.source}`).toBe(true);
        spans++;
      }
    }
    expect(spans).toBeGreaterThan(0);
  });

  it('passes the same check through eval/gold-check', async () => {
    const result = await checkGoldSpans(set, CORPUS_DIR);
    expect(result.problems).toEqual([]);
    expect(result.skipped).toEqual([]);
  });

  it('is half French, half English, with unanswerable questions in both', () => {
    const fr = set.filter((q) => q.lang === 'fr');
    const en = set.filter((q) => q.lang === 'en');
    expect(fr.length).toBe(en.length);
    expect(fr.filter((q) => !q.answerable).length).toBeGreaterThanOrEqual(name === 'questions.jsonl' ? 12 : 3);
    expect(en.filter((q) => !q.answerable).length).toBeGreaterThanOrEqual(name === 'questions.jsonl' ? 12 : 3);
  });

  it('covers every document in both languages', () => {
    for (const lang of ['fr', 'en'] as const) {
      const covered = new Set(set.filter((q) => q.lang === lang).flatMap((q) => q.gold.map((g) => g.source)));
      expect([...covered].sort(), `${lang} coverage`).toEqual(documents);
    }
  });

  it('keeps stable ids that say language and answerability', () => {
    for (const q of set) {
      const prefix = name === 'questions.jsonl' ? '' : 'ho-';
      const re = new RegExp(`^${prefix}${q.lang}-(${q.answerable ? '\\d{3}' : 'u\\d{2}'})$`);
      expect(q.id, q.id).toMatch(re);
    }
  });

  it('every gold span is found in a paragraph of the corpus by the relevance judge', () => {
    const passages = corpusPassages();
    for (const q of set) {
      q.gold.forEach((g, i) => {
        const found = passages.some((p) => matchedGold(p, [g]).length > 0);
        expect(found, `${q.id} gold[${i}]`).toBe(true);
      });
    }
  });
});

describe('the main set', () => {
  it('has at least 90 questions and the question types the brief asks for', () => {
    expect(main.length).toBeGreaterThanOrEqual(90);
    const multi = main.filter((q) => q.gold.length > 1);
    expect(multi.length).toBeGreaterThanOrEqual(6);
    expect(multi.some((q) => new Set(q.gold.map((g) => g.source)).size > 1)).toBe(true);
    const all = main.map((q) => q.gold.map((g) => g.text).join(' ')).join(' ');
    for (const needle of ['43\u00a0000', '4,5 milliards', '1949', '1997', '2004', '192 pays', '600 notices', '39 entités', '80 résolutions', '8 et 9 décembre', '23 mai 2016', 'Guterres', 'Fedotov', '(OAPM)', '(BLT)', '(CCT)', '(DECT)', '(ICAT)', '(ODD)']) {
      expect(all, needle).toContain(needle);
    }
  });

  it('shares no id and no question text with the held-out set', () => {
    const ids = new Set(main.map((q) => q.id));
    const texts = new Set(main.map((q) => q.question.toLowerCase()));
    for (const q of heldout) {
      expect(ids.has(q.id)).toBe(false);
      expect(texts.has(q.question.toLowerCase())).toBe(false);
    }
    expect(heldout.length).toBeGreaterThanOrEqual(25);
  });
});
