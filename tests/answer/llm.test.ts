/**
 * The LLM composer and condenser through the real LangChain ChatOpenAI client, over real HTTP, to
 * a small OpenAI-compatible server started here (tests/helpers/fake-openai-server.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusViewOf } from '../../answer/corpus.js';
import { LEAD_IN, LLM_UNAVAILABLE } from '../../answer/messages.js';
import { createAnswerer } from '../../answer/pipeline.js';
import type { AnswerEvent } from '../../answer/types.js';
import { memoryLogger } from '../../core/logger.js';
import { buildTestIndex, corpusTexts, type TestIndex } from '../helpers/test-index.js';
import { startFakeOpenAi, type FakeMode, type FakeOpenAiServer } from '../helpers/fake-openai-server.js';
import type { Retriever } from '../../index/retrieve/types.js';
import { expectCitationsVerbatim, expectNumbering, expectVerbatimAnswer, markersOf } from './verbatim.js';

const corpus = corpusTexts();
let index: TestIndex;
let llm: FakeOpenAiServer;

beforeAll(async () => {
  index = await buildTestIndex();
  llm = await startFakeOpenAi();
});
afterAll(async () => {
  await llm.close();
  await index.close();
});

function answererFor(mode: FakeMode, timeoutMs = 10_000, retriever: Retriever = index.retriever) {
  const logger = memoryLogger('debug');
  const answerer = createAnswerer({
    retriever,
    logger,
    corpus: corpusViewOf(index.service),
    llm: { baseUrl: llm.baseUrl(mode), model: 'test-model', apiKey: 'k', timeoutMs },
  });
  return { answerer, logger };
}

const QUESTION = 'Qui a signé l’accord entre l’ONUDC et INTERPOL ?';

describe('LLM composer', () => {
  it('keeps the valid citation, strips the bogus [9] (logged), renumbers the list', async () => {
    const before = llm.requests.length;
    const { answerer, logger } = answererFor('cite');
    const a = await answerer.answer({ message: QUESTION });
    expect(a.answered).toBe(true);
    expect(a.notice).toBeUndefined();
    expect(a.answer).toBe('INTERPOL et l’ONUDC ont signé un accord de coopération en 2016 [1]. Ils luttent aussi contre la piraterie.');
    expect(markersOf(a.answer)).toEqual([1]);
    expect(a.citations).toHaveLength(1);
    expectNumbering(a);
    expectCitationsVerbatim(a.citations, corpus);
    expect(logger.lines.some((l) => l.level === 'warn' && /not given/.test(l.msg) && JSON.stringify(l.fields['invalid']) === '[9]')).toBe(true);

    // What the model was sent: our model name, the French prompts, numbered passages, the question.
    const req = llm.requests.slice(before).find((r) => r.mode === 'cite');
    expect(req?.body.model).toBe('test-model');
    expect(req?.body.stream).toBe(true);
    const [system, user] = (req?.body.messages ?? []).map((m) => String(m.content));
    expect(system).toContain('Citez le passage');
    expect(system).toContain('Les documents ne précisent pas qui a signé');
    expect(user).toContain(`Question : ${QUESTION}`);
    // [1] in the prompt is the passage cited as [1] in the answer.
    expect(user).toContain(`[1] ${a.citations[0]?.title}`);
    expect(user).toContain(a.citations[0]?.text);
  });

  it('streams the model tokens without ever showing the bogus marker', async () => {
    const { answerer } = answererFor('cite');
    const events: AnswerEvent[] = [];
    for await (const ev of answerer.stream({ message: QUESTION })) events.push(ev);
    const tokens = events.filter((e): e is Extract<AnswerEvent, { type: 'token' }> => e.type === 'token').map((e) => e.text);
    expect(tokens.length).toBeGreaterThan(1);
    expect(tokens.some((t) => t.includes('9'))).toBe(false);
    const done = events.at(-1) as Extract<AnswerEvent, { type: 'done' }>;
    expect(tokens.join('').trim()).toBe(done.answer.answer);
    expect(events.at(-2)).toEqual({ type: 'citations', citations: done.answer.citations });
  });

  it('falls back to the extractive answer with a notice when the model times out', async () => {
    const { answerer, logger } = answererFor('hang', 300);
    const a = await answerer.answer({ message: 'Depuis quand INTERPOL collabore-t-il avec l’ONU ?' });
    expect(a.notice).toBe(LLM_UNAVAILABLE.fr);
    expectVerbatimAnswer(a, corpus);
    expect(a.answer).toContain('1949');
    expect(logger.lines.some((l) => l.level === 'warn' && l.fields['reason'] === 'timeout')).toBe(true);
  });

  it('falls back with a notice in the question’s language when the model fails (HTTP 500)', async () => {
    const { answerer, logger } = answererFor('fail');
    const a = await answerer.answer({ message: 'How many member countries does INTERPOL have?' });
    expect(a.notice).toBe(LLM_UNAVAILABLE.en);
    expect(a.answer).toContain(LEAD_IN.en);
    expectVerbatimAnswer(a, corpus);
    expect(logger.lines.some((l) => l.level === 'warn' && /LLM unavailable/.test(l.msg) && l.fields['reason'] === 'error')).toBe(true);
  });

  it('reports an uncited model answer as not answered, with see-also passages', async () => {
    const { answerer } = answererFor('nocite');
    const a = await answerer.answer({ message: QUESTION });
    expect(a.answered).toBe(false);
    expect(a.citations).toEqual([]);
    expect(a.seeAlso?.length ?? 0).toBeGreaterThan(0);
  });

  it('does not ask the model when retrieval says the documents do not hold the answer', async () => {
    const notAnswerable: Retriever = { search: async (q, o) => ({ ...(await index.retriever.search(q, o)), answerable: false }) };
    const { answerer } = answererFor('cite', 10_000, notAnswerable);
    const before = llm.requests.length;
    const a = await answerer.answer({ message: QUESTION });
    expect(llm.requests.length).toBe(before);
    expect(a.answered).toBe(false);
    expect(a.answer).toBe('Les documents ne précisent pas qui a signé l’accord entre l’ONUDC et INTERPOL.');
    expect(a.seeAlso?.length ?? 0).toBeGreaterThan(0);
  });

  it('follows a stream that breaks mid-answer with the extractive answer, which `done` carries', async () => {
    const { answerer } = answererFor('break');
    const events: AnswerEvent[] = [];
    for await (const ev of answerer.stream({ message: QUESTION })) events.push(ev);
    const tokens = events.filter((e): e is Extract<AnswerEvent, { type: 'token' }> => e.type === 'token').map((e) => e.text);
    const done = events.at(-1) as Extract<AnswerEvent, { type: 'done' }>;
    expect(tokens[0]).toBe('INTERPOL et l’ONUDC ont signé un accord');
    expect(tokens.join('')).toContain('\n\n' + done.answer.answer.slice(0, 20));
    expect(done.answer.notice).toBe(LLM_UNAVAILABLE.fr);
    expectVerbatimAnswer(done.answer, corpus);
  });
});

describe('LLM condenser', () => {
  it('rewrites a follow-up with the condense prompt', async () => {
    const { answerer } = answererFor('cite');
    const first = await answerer.answer({ message: QUESTION });
    const before = llm.requests.length;
    const follow = await answerer.answer({ message: 'Et quand ?', sessionId: first.sessionId as string });
    expect(follow.standalone).toBe('Qui a signé l’accord de coopération entre l’ONUDC et INTERPOL en 2016 ?');
    const condense = llm.requests.slice(before).find((r) => JSON.stringify(r.body.messages).includes('Question autonome'));
    expect(JSON.stringify(condense?.body.messages)).toContain(QUESTION.replace(/’/g, '’'));
  });

  it('falls back on the heuristic rewrite when the model fails', async () => {
    const { answerer, logger } = answererFor('fail');
    const first = await answerer.answer({ message: QUESTION });
    const follow = await answerer.answer({ message: 'Quand ?', sessionId: first.sessionId as string });
    expect(follow.standalone).toBe('Quand (signé accord ONUDC INTERPOL Yury Fedotov Juergen Stock) ?');
    expect(logger.lines.some((l) => l.level === 'warn' && /condense failed/.test(l.msg))).toBe(true);
  });
});
