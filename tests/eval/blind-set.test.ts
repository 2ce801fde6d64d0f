/**
 * The blind question set (eval/questions-blind.jsonl) was written without looking at the system or
 * the other sets, so it can estimate performance on untuned questions. These tests hold it to the
 * same contract as the shipped sets: it parses, it is balanced as specified, and every gold span is
 * quoted verbatim from its source file (’ vs ', no-break spaces), else its scores would be noise.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseQuestions, type Question } from '../../eval/questions.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SET_FILE = path.join(ROOT, 'eval', 'questions-blind.jsonl');
const CORPUS = path.join(ROOT, 'corpus');

const raw = readFileSync(SET_FILE, 'utf8');
const questions: Question[] = parseQuestions(raw, { sourceName: SET_FILE });
const documents = readdirSync(CORPUS).filter((f) => f.endsWith('.txt')).sort();
const corpusText = new Map(documents.map((f) => [f, readFileSync(path.join(CORPUS, f), 'utf8')]));

const LANGS = ['fr', 'en'] as const;
const ANSWERABLE_PER_LANG = 22;
const UNANSWERABLE_PER_LANG = 10;

describe('eval/questions-blind.jsonl', () => {
  it('parses line by line with the project parser', () => {
    const lines = raw.split('\n').filter((l) => l.trim() !== '');
    expect(lines).toHaveLength(64);
    lines.forEach((line, i) => {
      const parsed = parseQuestions(line, { sourceName: `${SET_FILE}:${i + 1}` });
      expect(parsed).toHaveLength(1);
      expect(parsed[0]).toEqual(questions[i]);
    });
  });

  it('has unique ids in the bl-<lang>-NNN / bl-<lang>-uNN scheme', () => {
    const ids = questions.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const q of questions) {
      const pattern = q.answerable ? new RegExp(`^bl-${q.lang}-\\d{3}$`) : new RegExp(`^bl-${q.lang}-u\\d{2}$`);
      expect(q.id, `${q.id} does not match its lang/answerable`).toMatch(pattern);
    }
  });

  it.each(LANGS)('has %s: 22 answerable + 10 unanswerable', (lang) => {
    const set = questions.filter((q) => q.lang === lang);
    expect(set.filter((q) => q.answerable)).toHaveLength(ANSWERABLE_PER_LANG);
    expect(set.filter((q) => !q.answerable)).toHaveLength(UNANSWERABLE_PER_LANG);
  });

  it('gives gold exactly to answerable questions', () => {
    for (const q of questions) {
      if (q.answerable) expect(q.gold.length, q.id).toBeGreaterThan(0);
      else expect(q.gold, q.id).toEqual([]);
    }
  });

  it('quotes every gold span verbatim from an existing corpus file', () => {
    let spans = 0;
    for (const q of questions) {
      for (const g of q.gold) {
        const text = corpusText.get(g.source);
        expect(text, `${q.id}: unknown source ${g.source}`).toBeDefined();
        expect(text?.includes(g.text), `${q.id}: "${g.text}" is not verbatim in ${g.source}`).toBe(true);
        spans++;
      }
    }
    expect(spans).toBeGreaterThanOrEqual(2 * ANSWERABLE_PER_LANG);
  });

  it('keeps the spans of one question distinct and non-nested (else nDCG cannot reach 1)', () => {
    for (const q of questions.filter((x) => x.gold.length > 1)) {
      for (const a of q.gold) {
        for (const b of q.gold) {
          if (a === b || a.source !== b.source) continue;
          expect(a.text.includes(b.text), `${q.id}: "${b.text}" is inside "${a.text}"`).toBe(false);
        }
      }
    }
  });

  it.each(LANGS)('covers all five documents and has 4-5 multi-gold questions in %s', (lang) => {
    const answerable = questions.filter((q) => q.lang === lang && q.answerable);
    const covered = new Set(answerable.flatMap((q) => q.gold.map((g) => g.source)));
    expect([...covered].sort()).toEqual(documents);
    const multi = answerable.filter((q) => q.gold.length >= 2).length;
    expect(multi).toBeGreaterThanOrEqual(4);
    expect(multi).toBeLessThanOrEqual(5);
  });

  it('writes no-break spaces as \\u00a0 escapes, so they stay visible in review', () => {
    expect(raw.includes('\u00a0')).toBe(false);
    expect(raw.includes('\\u00a0')).toBe(true);
  });
});
