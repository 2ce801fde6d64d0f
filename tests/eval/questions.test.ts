import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { loadQuestions, parseQuestions } from '../../eval/questions.js';

const ok = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id, lang: 'fr', question: 'Depuis quand ?', answerable: true, gold: [{ source: 'a.txt', text: 'depuis 1949' }], ...extra });

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected an error');
}

describe('parseQuestions', () => {
  it('parses valid lines, skips blank ones, ignores unknown fields and keeps tags', () => {
    const text = [ok('q1', { note: 'ignored', tags: ['date'] }), '', '   ', ok('q2'), JSON.stringify({ id: 'u1', lang: 'en', question: 'Budget?', answerable: false, gold: [] })].join('\n');
    const qs = parseQuestions(text);
    expect(qs.map((q) => q.id)).toEqual(['q1', 'q2', 'u1']);
    expect(qs[0]).toEqual({ id: 'q1', lang: 'fr', question: 'Depuis quand ?', answerable: true, gold: [{ source: 'a.txt', text: 'depuis 1949' }], tags: ['date'] });
    expect(qs[0]).not.toHaveProperty('note');
    expect(qs[2]?.gold).toEqual([]);
  });

  it('accepts CRLF line ends and a BOM', () => {
    expect(parseQuestions('\uFEFF' + ok('q1') + '\r\n' + ok('q2') + '\r\n').map((q) => q.id)).toEqual(['q1', 'q2']);
  });

  it('names the 1-based line and the field of a bad value', () => {
    const lines = Array.from({ length: 6 }, (_, i) => ok(`q${i + 1}`));
    lines.push(ok('q7', { lang: 'de' }));
    const err = errorOf(() => parseQuestions(lines.join('\n'), { sourceName: 'set.jsonl' }));
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain('line 7: field "lang" must be "fr" or "en"');
    expect(err.message).toContain('set.jsonl');
  });

  it.each([
    [{ id: '' }, 'field "id"'],
    [{ id: 'has space' }, 'field "id"'],
    [{ question: '  ' }, 'field "question"'],
    [{ answerable: 'yes' }, 'field "answerable"'],
    [{ gold: 'x' }, 'field "gold" must be an array'],
    [{ gold: [{ source: 'a.txt' }] }, 'field "gold[0].text"'],
    [{ gold: [{ source: 'a.txt', text: 'ok' }, { source: 3, text: 'ok' }] }, 'field "gold[1].source"'],
    [{ gold: [] }, 'field "gold" must hold at least one span'],
    [{ answerable: false }, 'field "gold" must be [] when "answerable" is false'],
    [{ tags: [1] }, 'field "tags"'],
  ])('reports %j as %s', (patch, expected) => {
    const err = errorOf(() => parseQuestions(ok('a') + '\n' + ok('b', patch)));
    expect(err.message).toContain(`line 2: ${expected}`);
  });

  it('reports invalid JSON and non-objects with their line', () => {
    expect(errorOf(() => parseQuestions(`${ok('a')}\n{"id": "b",`)).message).toMatch(/line 2: invalid JSON/);
    expect(errorOf(() => parseQuestions(`[1,2]`)).message).toContain('line 1: expected a JSON object');
  });

  it('rejects duplicate ids, naming both lines', () => {
    const err = errorOf(() => parseQuestions([ok('q1'), ok('q2'), ok('q1')].join('\n')));
    expect(err.message).toContain('line 3: field "id" is a duplicate: "q1" is already used on line 1');
  });

  it('lists every problem in details, the first in the message', () => {
    const err = errorOf(() => parseQuestions([ok('a', { lang: 'es' }), ok('b'), ok('c', { question: '' })].join('\n')));
    expect(err.message).toMatch(/line 1: field "lang".*\(and 1 more problem\)/);
    expect(err.details?.errors).toEqual(['line 1: field "lang" must be "fr" or "en"', 'line 3: field "question" must be a non-empty string']);
  });

  it('rejects an empty file', () => {
    expect(errorOf(() => parseQuestions('\n\n')).message).toContain('no questions found');
  });

  it('loadQuestions reads a file and reports a missing one clearly', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'eval-q-'));
    const file = path.join(dir, 'q.jsonl');
    await writeFile(file, ok('x') + '\n');
    expect((await loadQuestions(file)).map((q) => q.id)).toEqual(['x']);
    await expect(loadQuestions(path.join(dir, 'nope.jsonl'))).rejects.toMatchObject({ code: 'INVALID_PARAMETER', message: expect.stringContaining('nope.jsonl') });
  });
});
