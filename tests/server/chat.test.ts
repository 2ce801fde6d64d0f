/**
 * POST /api/chat through the real app (app.request, no socket) over a real index of corpus/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer, Citation } from '../../answer/types.js';
import { DEFAULT_CONFIG } from '../../core/config.js';
import { AppError } from '../../core/errors.js';
import { silentLogger } from '../../core/logger.js';
import { createApp } from '../../server/app.js';
import { MAX_MESSAGE_CHARS } from '../../server/validation.js';
import { buildTestIndex, corpusTexts, type TestIndex } from '../helpers/test-index.js';
import { expectCitationsVerbatim, expectVerbatimAnswer, UUID } from '../answer/verbatim.js';
import { parseSse } from './chat-sse.js';

const corpus = corpusTexts();
let index: TestIndex;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  index = await buildTestIndex();
  app = createApp({ config: { ...DEFAULT_CONFIG, rateLimit: { windowMs: 60_000, max: 0 } }, logger: silentLogger, service: index.service, startedAt: Date.now() });
});
afterAll(() => index.close());

const post = (body: unknown, headers: Record<string, string> = {}) =>
  app.request('/api/chat', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

async function errorOf(res: Response): Promise<{ code: string; message: string; hint: string }> {
  const body = (await res.json()) as { error: { code: string; message: string; hint: string } };
  return body.error;
}

describe('POST /api/chat (JSON)', () => {
  it('answers with the contract shape, a new session id and verbatim citations', async () => {
    const res = await post({ message: '  Depuis quand INTERPOL collabore-t-il avec l’ONU ?  ' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const a = (await res.json()) as Answer;
    expect(Object.keys(a).slice(0, 5)).toEqual(['answer', 'answered', 'lang', 'sessionId', 'citations']);
    expect(a.sessionId).toMatch(UUID);
    expect(a.lang).toBe('fr');
    expect(a.standalone).toBe('Depuis quand INTERPOL collabore-t-il avec l’ONU ?');
    for (const c of a.citations) expect(Object.keys(c)).toEqual(expect.arrayContaining(['n', 'id', 'source', 'title', 'text', 'date']));
    expectVerbatimAnswer(a, corpus);
  });

  it('continues a conversation through sessionId', async () => {
    const first = (await (await post({ message: 'When was the UNODC–INTERPOL agreement signed?' })).json()) as Answer;
    const res = await post({ message: 'Who signed it?', sessionId: first.sessionId });
    const a = (await res.json()) as Answer;
    expect(a.sessionId).toBe(first.sessionId);
    expect(a.lang).toBe('en');
    expect(a.standalone).toBe('Who signed it (UNODC INTERPOL agreement)?');
    expect(a.answer).toContain('Fedotov');
    expectVerbatimAnswer(a, corpus);
  });

  it('declines with seeAlso when the documents do not say', async () => {
    const a = (await (await post({ message: 'Quel est le budget annuel d’INTERPOL ?' })).json()) as Answer;
    expect(a.answered).toBe(false);
    expect(a.citations).toEqual([]);
    expect(a.answer).toBe('Les documents ne précisent pas quel est le budget annuel d’INTERPOL.');
    expectCitationsVerbatim(a.seeAlso ?? [], corpus);
    expect(a.seeAlso?.length).toBeGreaterThan(0);
  });
});

describe('POST /api/chat (SSE)', () => {
  it('streams token events, then citations, then done with the full response', async () => {
    const res = await post({ message: 'How many member countries does INTERPOL have?' }, { Accept: 'text/event-stream' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const events = parseSse(await res.text());
    const names = events.map((e) => e.event);
    const tokens = events.filter((e) => e.event === 'token').map((e) => (JSON.parse(e.data) as { text: string }).text);
    expect(tokens.length).toBeGreaterThan(2);
    expect(names.slice(tokens.length)).toEqual(['citations', 'done']);
    const done = JSON.parse(events.at(-1)?.data ?? '') as Answer;
    const citations = JSON.parse(events.at(-2)?.data ?? '') as Citation[];
    expect(tokens.join('')).toBe(done.answer);
    expect(citations).toEqual(done.citations);
    expect(done.sessionId).toMatch(UUID);
    expect(done.answer).toContain('192 pays membres');
    expectVerbatimAnswer(done, corpus);
  });

  it('streams when the client accepts both event streams and JSON (the chat page does)', async () => {
    const res = await post({ message: 'Quel est le budget annuel d’INTERPOL ?' }, { Accept: 'text/event-stream, application/json' });
    const events = parseSse(await res.text());
    const done = JSON.parse(events.at(-1)?.data ?? '') as Answer;
    expect(events.at(-1)?.event).toBe('done');
    expect(done.answered).toBe(false);
    expect(done.seeAlso?.length).toBeGreaterThan(0);
  });

  it('reports failures before the first event as a JSON error with its status, later ones as an error event', async () => {
    let calls = 0;
    const failing = createApp({
      config: DEFAULT_CONFIG,
      logger: silentLogger,
      service: index.service,
      startedAt: Date.now(),
      answerer: {
        answer: async () => {
          throw new Error('unused');
        },
        async *stream() {
          calls++;
          if (calls === 1) throw new AppError('INDEX_NOT_READY', 'Index loading.');
          yield { type: 'token', text: 'Début ' };
          throw new Error('boom');
        },
      },
    });
    const req = () =>
      failing.request('/api/chat', { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' }, body: JSON.stringify({ message: 'x' }) });
    const early = await req();
    expect(early.status).toBe(503);
    expect((await errorOf(early)).code).toBe('INDEX_NOT_READY');

    const late = await req();
    expect(late.status).toBe(200);
    const events = parseSse(await late.text());
    expect(events.map((e) => e.event)).toEqual(['token', 'error']);
    const err = JSON.parse(events[1]?.data ?? '') as { error: { code: string; message: string } };
    expect(err.error.code).toBe('INTERNAL');
    expect(err.error.message).toBe('Internal error.');
  });
});

describe('POST /api/chat validation', () => {
  it('415 for a body that is not JSON', async () => {
    const res = await app.request('/api/chat', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'message=hi' });
    expect(res.status).toBe(415);
    expect((await errorOf(res)).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const none = await app.request('/api/chat', { method: 'POST', body: '{"message":"hi"}' });
    expect(none.status).toBe(415);
  });

  it('400 INVALID_JSON for malformed JSON', async () => {
    const res = await post('{"message": "Qui');
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('INVALID_JSON');
  });

  it('422 for a missing, empty, blank, non-string or too long message', async () => {
    for (const body of [{}, { message: '' }, { message: '   \n ' }, { message: 42 }, { message: 'é'.repeat(MAX_MESSAGE_CHARS + 1) }, [], 'null']) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(422);
      const err = await errorOf(res);
      expect(err.code).toBe('VALIDATION_FAILED');
      expect(err.hint).toBeTruthy();
    }
    // 4000 characters after trimming is fine.
    const ok = await post({ message: `  ${'INTERPOL '.repeat(444).slice(0, MAX_MESSAGE_CHARS - 1)}?  ` });
    expect(ok.status).toBe(200);
  });

  it('422 for a sessionId that is not a UUID', async () => {
    for (const sessionId of ['abc', '../../etc/passwd', 12, '']) {
      const res = await post({ message: 'Qui dirige INTERPOL ?', sessionId });
      expect(res.status).toBe(422);
      expect((await errorOf(res)).message).toMatch(/sessionId/);
    }
  });

  it('405 for other methods, body or not (not a 415 about the missing JSON)', async () => {
    expect((await app.request('/api/chat')).status).toBe(405);
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const res = await app.request('/api/chat', { method });
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow')).toBe('POST');
    }
    const withBody = await app.request('/api/chat', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{"message":"x"}' });
    expect(withBody.status).toBe(405);
  });
});
