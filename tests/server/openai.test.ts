/**
 * The OpenAI-compatible endpoints through the real app over a real index of corpus/; the LLM case
 * goes through the real LangChain client to a small OpenAI-compatible server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusViewOf } from '../../answer/corpus.js';
import { createAnswerer } from '../../answer/pipeline.js';
import type { Citation } from '../../answer/types.js';
import { DEFAULT_CONFIG } from '../../core/config.js';
import { silentLogger } from '../../core/logger.js';
import { createApp } from '../../server/app.js';
import { startFakeOpenAi, type FakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { buildTestIndex, corpusTexts, type TestIndex } from '../helpers/test-index.js';
import { expectCitationsVerbatim } from '../answer/verbatim.js';
import { parseSse } from './chat-sse.js';

const corpus = corpusTexts();
const config = { ...DEFAULT_CONFIG, rateLimit: { windowMs: 60_000, max: 0 } };
let index: TestIndex;
let llm: FakeOpenAiServer;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  index = await buildTestIndex();
  llm = await startFakeOpenAi();
  app = createApp({ config, logger: silentLogger, service: index.service, startedAt: Date.now() });
});
afterAll(async () => {
  await llm.close();
  await index.close();
});

interface Completion {
  id: string;
  object: string;
  created: number;
  model: string;
  choices: { index: number; message: { role: string; content: string }; finish_reason: string }[];
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
  citations: Citation[];
}

const complete = (body: unknown, target = app, headers: Record<string, string> = {}) =>
  target.request('/v1/chat/completions', { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('GET /v1/models', () => {
  it('lists the one model', async () => {
    const res = await app.request('/v1/models');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { object: string; data: { id: string; object: string }[] };
    expect(body.object).toBe('list');
    expect(body.data.map((m) => m.id)).toEqual(['doc-assistant']);
    expect(body.data[0]?.object).toBe('model');
  });
});

describe('POST /v1/chat/completions', () => {
  it('answers the last user message in OpenAI’s shape, with [n] markers, a Sources list and citations', async () => {
    const res = await complete({ model: 'my-client-model', messages: [{ role: 'system', content: 'Be nice.' }, { role: 'user', content: 'How many member countries does INTERPOL have?' }] });
    expect(res.status).toBe(200);
    const c = (await res.json()) as Completion;
    expect(c.object).toBe('chat.completion');
    expect(c.id).toMatch(/^chatcmpl-/);
    expect(c.model).toBe('my-client-model');
    expect(Number.isInteger(c.created)).toBe(true);
    expect(c.choices).toHaveLength(1);
    expect(c.choices[0]).toMatchObject({ index: 0, finish_reason: 'stop', message: { role: 'assistant' } });
    const content = c.choices[0]?.message.content ?? '';
    expect(content).toContain('192 pays membres');
    expect(content).toMatch(/” \[1\]/);
    expect(content).toMatch(/\n\nSources:\n\[1\] .+\(001_9e0b992cc2ec1990\.txt, 2018-02-05\)/);
    expect(c.citations.map((x) => x.n)).toEqual([1]);
    expectCitationsVerbatim(c.citations, corpus);
    expect(c.usage.total_tokens).toBe(c.usage.prompt_tokens + c.usage.completion_tokens);
    expect(c.usage.completion_tokens).toBeGreaterThan(0);
  });

  it('uses earlier messages as the history of a follow-up (stateless)', async () => {
    const res = await complete({
      messages: [
        { role: 'user', content: 'Combien de recherches ont été effectuées dans les bases de données d’INTERPOL en 2017 ?' },
        { role: 'assistant', content: 'D’après les documents : … 4,5 milliards de recherches … [1]' },
        { role: 'user', content: [{ type: 'text', text: 'Et en 2021 ?' }] },
      ],
    });
    const c = (await res.json()) as Completion & { answered: boolean };
    expect(c.model).toBe('doc-assistant');
    expect(c.answered).toBe(false);
    expect(c.citations).toEqual([]);
    expect(c.choices[0]?.message.content).toMatch(/^Les documents ne précisent pas combien de recherches .* en 2021\.\n\nPassages les plus proches :\n- /);
  });

  it('streams chat.completion.chunk lines ending with data: [DONE]', async () => {
    const res = await complete({ stream: true, messages: [{ role: 'user', content: 'Depuis quand INTERPOL collabore-t-il avec l’ONU ?' }] });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const events = parseSse(await res.text());
    expect(events.every((e) => e.event === 'message')).toBe(true);
    expect(events.at(-1)?.data).toBe('[DONE]');
    const chunks = events.slice(0, -1).map(
      (e) => JSON.parse(e.data) as { id: string; object: string; model: string; choices: { delta: { role?: string; content?: string }; finish_reason: string | null }[]; citations?: Citation[] },
    );
    expect(new Set(chunks.map((k) => k.id)).size).toBe(1);
    expect(chunks.every((k) => k.object === 'chat.completion.chunk' && k.model === 'doc-assistant')).toBe(true);
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    const last = chunks.at(-1);
    expect(last?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.slice(0, -1).every((k) => k.choices[0]?.finish_reason === null)).toBe(true);
    const content = chunks.map((k) => k.choices[0]?.delta.content ?? '').join('');
    expect(content).toMatch(/^Depuis 1949 \[1\]\. « INTERPOL collabore avec l’ONU depuis 1949\. » \[1\]\n\nSources :\n\[1\] /);
    expect(last?.citations?.map((x) => x.n)).toEqual([1]);
    // The short answer and the quoted sentences ride along like the citations.
    const extras = last as unknown as { short_answer?: { text: string; n: number }; confidence?: string; quotes?: { n: number; text: string }[] };
    expect(extras.short_answer).toMatchObject({ text: 'Depuis 1949', n: 1 });
    expect(extras.confidence).toBe('high');
    expect(extras.quotes).toEqual([{ n: 1, text: 'INTERPOL collabore avec l’ONU depuis 1949.' }]);
    expectCitationsVerbatim(last?.citations ?? [], corpus);
  });

  it('goes through the configured LLM, stripping citations of passages it was not given', async () => {
    const answerer = createAnswerer({
      retriever: index.retriever,
      logger: silentLogger,
      corpus: corpusViewOf(index.service),
      llm: { baseUrl: llm.baseUrl('cite'), model: 'test-model', apiKey: 'k', timeoutMs: 10_000 },
    });
    const withLlm = createApp({ config, logger: silentLogger, service: index.service, startedAt: Date.now(), answerer });
    const res = await complete({ messages: [{ role: 'user', content: 'Qui a signé l’accord entre l’ONUDC et INTERPOL ?' }] }, withLlm);
    const c = (await res.json()) as Completion;
    const content = c.choices[0]?.message.content ?? '';
    expect(content.startsWith('INTERPOL et l’ONUDC ont signé un accord de coopération en 2016 [1]. Ils luttent aussi contre la piraterie.\n\nSources :\n[1] ')).toBe(true);
    expect(content).not.toContain('[9]');
    expect(c.citations).toHaveLength(1);

    const streamed = await complete({ stream: true, messages: [{ role: 'user', content: 'Qui a signé l’accord entre l’ONUDC et INTERPOL ?' }] }, withLlm);
    const text = parseSse(await streamed.text())
      .filter((e) => e.data !== '[DONE]')
      .map((e) => (JSON.parse(e.data) as { choices: { delta: { content?: string } }[] }).choices[0]?.delta.content ?? '')
      .join('');
    expect(text).toContain('[1]');
    expect(text).not.toContain('9]');
  });

  it('reports errors in OpenAI’s shape with our code inside', async () => {
    const cases: [unknown, number, string][] = [
      [{ messages: [] }, 422, 'VALIDATION_FAILED'],
      [{ messages: [{ role: 'assistant', content: 'hi' }] }, 422, 'VALIDATION_FAILED'],
      [{ messages: [{ role: 'user', content: '   ' }] }, 422, 'VALIDATION_FAILED'],
      [{ messages: [{ role: 'user', content: 'x'.repeat(4001) }] }, 422, 'VALIDATION_FAILED'],
      [{ messages: [{ role: 'wizard', content: 'hi' }] }, 422, 'VALIDATION_FAILED'],
      [{ stream: 'yes', messages: [{ role: 'user', content: 'hi' }] }, 422, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of cases) {
      const res = await complete(body);
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(status);
      const err = ((await res.json()) as { error: { message: string; type: string; code: string } }).error;
      expect(err.code).toBe(code);
      expect(err.type).toBe('invalid_request_error');
      expect(err.message).toBeTruthy();
    }
    const bad = await app.request('/v1/chat/completions', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"messages": [' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string; type: string } }).error).toMatchObject({ code: 'INVALID_JSON', type: 'invalid_request_error' });
    const form = await app.request('/v1/chat/completions', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'a=b' });
    expect(form.status).toBe(415);
  });
});
