/**
 * Feedback → draft question set, end to end: answers rated through the real app (feedback in
 * <DATA_DIR>/feedback.jsonl), `npm run eval -- --feedback-draft FILE` (the CLI's main), then the
 * draft scored by `npm run eval -- --questions FILE` on the real local stack — its gold spans pass
 * the verbatim check against the corpus.
 */
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../answer/index.js';
import { DEFAULT_CONFIG, type AppConfig } from '../../core/config.js';
import { silentLogger } from '../../core/logger.js';
import { main } from '../../eval/cli.js';
import { feedbackDraft } from '../../eval/feedback-draft.js';
import { parseQuestions } from '../../eval/questions.js';
import { createApp } from '../../server/app.js';
import { openConversationStores } from '../../server/conversation-stores.js';
import { buildTestIndex, corpusTexts, TEST_CORPUS_DIR, type TestIndex } from '../helpers/test-index.js';

const CLIENT = 'feedback-0123456789abcdef';
let index: TestIndex;
let dataDir = '';
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  index = await buildTestIndex();
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'feedback-draft-'));
  const config: AppConfig = { ...DEFAULT_CONFIG, dataDir, rateLimit: { windowMs: 60_000, max: 0 }, conversations: { dir: path.join(dataDir, 'conversations'), max: 100, perClient: 100 } };
  const stores = openConversationStores(config, index.store, silentLogger);
  app = createApp({ config, logger: silentLogger, service: index.service, startedAt: Date.now(), sessions: stores.sessions, feedback: stores.feedback });
});
afterAll(async () => {
  await index?.close();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

const headers = { 'Content-Type': 'application/json', 'X-Client-Id': CLIENT };
async function ask(message: string, sessionId?: string): Promise<Answer> {
  const res = await app.request('/api/chat', { method: 'POST', headers, body: JSON.stringify({ message, ...(sessionId ? { sessionId } : {}) }) });
  expect(res.status).toBe(200);
  return (await res.json()) as Answer;
}
async function rate(a: Answer, rating: 'up' | 'down', comment?: string): Promise<void> {
  const res = await app.request(`/api/conversations/${a.sessionId}/turns/${a.turnId}/feedback`, { method: 'PUT', headers, body: JSON.stringify({ rating, ...(comment ? { comment } : {}) }) });
  expect(res.status).toBe(200);
}

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { env: { LOG_LEVEL: 'silent', DATA_DIR: dataDir }, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

describe('npm run eval -- --feedback-draft', () => {
  it('turns approved answers into gold questions, approved declines into answerable:false, 👎 into a review list', async () => {
    const approved = await ask('Depuis quand INTERPOL collabore-t-il avec l’ONU ?');
    expect(approved.answered).toBe(true);
    await rate(approved, 'down'); // changed opinion: the latest wins
    await rate(approved, 'up');
    const declined = await ask('Quelle est la recette de la tarte Tatin ?');
    expect(declined.answered).toBe(false);
    await rate(declined, 'up');
    const wrong = await ask('Who did Jürgen Stock meet at the United Nations?');
    await rate(wrong, 'down', 'il manque le nom du secrétaire général');

    const draftFile = path.join(dataDir, 'eval', 'feedback-draft.jsonl');
    const r = await run(['--feedback-draft', draftFile]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('3 rated answer(s) → 2 draft question(s) (1 answerable, 1 answerable: false)');
    expect(r.stdout).toContain('1 to review by hand');

    const questions = parseQuestions(readFileSync(draftFile, 'utf8'));
    expect(questions).toHaveLength(2);
    const good = questions.find((q) => q.answerable)!;
    expect(good).toMatchObject({ lang: 'fr', question: 'Depuis quand INTERPOL collabore-t-il avec l’ONU ?', tags: ['feedback', 'approved'] });
    const texts = corpusTexts();
    for (const g of good.gold) expect(texts.get(g.source), `${g.source}: ${g.text}`).toContain(g.text);
    expect(good.gold.map((g) => g.text)).toEqual(expect.arrayContaining([approved.quotes![0]!.text.trim()]));
    expect(questions.find((q) => !q.answerable)).toMatchObject({ question: 'Quelle est la recette de la tarte Tatin ?', gold: [] });

    const review = readFileSync(draftFile.replace(/\.jsonl$/, '.review.md'), 'utf8');
    expect(review).toContain('> Who did Jürgen Stock meet at the United Nations?');
    expect(review).toContain('Comment: il manque le nom du secrétaire général');

    // The draft is a valid question set for the eval itself (gold spans verified against the corpus).
    const out = path.join(dataDir, 'report');
    const scored = await run(['--questions', draftFile, '--corpus', TEST_CORPUS_DIR, '--embedder', 'lexical', '--mode', 'hybrid', '--rerank', 'on', '--no-baseline', '--index', path.join(dataDir, 'index'), '--out', out]);
    expect(scored.stderr).toBe('');
    expect(scored.code).toBe(0);
    expect(existsSync(path.join(out, 'report.json'))).toBe(true);
  }, 180_000);

  it('keeps one question per question text and reviews approved answers without citations', () => {
    const base = { conversationId: 'c', lang: 'fr' as const, answer: 'a', answered: true, at: 'x' };
    const d = feedbackDraft([
      { ...base, turnId: '1', rating: 'up', question: 'Q ?', citations: [{ n: 1, id: 'i', source: 's.txt', title: 't', date: null, text: 'Une phrase. Une autre.' }], quotes: [{ n: 1, text: 'Une autre.' }] },
      { ...base, turnId: '2', rating: 'up', question: 'q', citations: [{ n: 1, id: 'i', source: 's.txt', title: 't', date: null, text: 'Une phrase.' }] },
      { ...base, turnId: '3', rating: 'up', question: 'Sans source', citations: [] },
    ]);
    expect(d.questions).toHaveLength(1);
    expect(d.questions[0]!.gold).toEqual([{ source: 's.txt', text: 'Une phrase.' }]);
    expect(d.review.map((x) => x.reason)).toEqual(['approved answer without citations: add the gold span by hand']);
  });
});
