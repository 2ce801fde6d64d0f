import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../eval/evaluate.js';
import { HttpRetriever, parseSearchResponse } from '../../eval/http-retriever.js';
import type { Question } from '../../eval/questions.js';
import { corpusPassages } from './helpers.js';
import { startSearchServer, type TestServer } from './server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startSearchServer(corpusPassages());
});
afterAll(async () => {
  await server.close();
});

const question: Question = {
  id: 'fr-001',
  lang: 'fr',
  question: 'Combien de profils de terroristes étrangers dans les bases de données ?',
  answerable: true,
  gold: [{ source: '001_9e0b992cc2ec1990.txt', text: 'figurent plus de 43\u00a0000\u00a0profils de terroristes étrangers' }],
  tags: [],
};

describe('HttpRetriever against a real HTTP server', () => {
  it('maps /api/search results to hits, keeping a path prefix and sending q and k only', async () => {
    const r = new HttpRetriever({ baseUrl: `${server.url}/ok` });
    const result = await r.search(question.question, { k: 3 });
    expect(result.hits.length).toBeGreaterThan(0);
    expect(result.hits.length).toBeLessThanOrEqual(3);
    expect(result.hits[0]?.passage).toMatchObject({ source: '001_9e0b992cc2ec1990.txt', start: -1, ordinal: -1 });
    expect(result.langReported).toBe(true);
    expect(result.diagnostics).toHaveProperty('topScore');
    const sent = server.requests.at(-1)!;
    expect(sent.pathname).toBe('/ok/api/search');
    expect([...sent.searchParams.keys()].sort()).toEqual(['k', 'q']);
  });

  it('forwards mode and rerank when the caller sets them', async () => {
    await new HttpRetriever({ baseUrl: `${server.url}/ok/` }).search('x', { k: 2, mode: 'bm25', rerank: false });
    const sent = server.requests.at(-1)!;
    expect(sent.searchParams.get('mode')).toBe('bm25');
    expect(sent.searchParams.get('rerank')).toBe('false');
  });

  it('drives evaluate() end to end; a missing language is not scored', async () => {
    const r = await evaluate([question], new HttpRetriever({ baseUrl: `${server.url}/plain` }), { k: 5, label: 'server' });
    expect(r.questions[0]?.metrics?.firstRelevantRank).toBe(1);
    expect(r.questions[0]?.detectedLang).toBeUndefined();
    expect(r.summary.all.langAgreement).toBeNull();
    expect(r.pool.length).toBeGreaterThan(0);
  });

  it('keeps the server error code and message', async () => {
    await expect(new HttpRetriever({ baseUrl: `${server.url}/err` }).search('x', { k: 1 })).rejects.toMatchObject({
      code: 'INDEX_NOT_READY',
      message: expect.stringContaining('503: index loading'),
    });
    await expect(new HttpRetriever({ baseUrl: `${server.url}/auth` }).search('x', { k: 1 })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(new HttpRetriever({ baseUrl: `${server.url}/nothing/here` }).search('x', { k: 1 })).rejects.toMatchObject({ code: 'ROUTE_NOT_FOUND' });
  });

  it('sends the API key as a bearer token', async () => {
    const result = await new HttpRetriever({ baseUrl: `${server.url}/auth`, apiKey: 's3cret' }).search('INTERPOL', { k: 1 });
    expect(result.hits).toHaveLength(1);
  });

  it('waits for Retry-After on 429 and retries', async () => {
    const waits: number[] = [];
    const r = new HttpRetriever({ baseUrl: `${server.url}/limited`, sleep: async (ms) => void waits.push(ms) });
    const result = await r.search('INTERPOL', { k: 1 });
    expect(waits).toEqual([0]);
    expect(result.hits).toHaveLength(1);
  });

  it('rejects bodies that break the contract, naming the field', async () => {
    await expect(new HttpRetriever({ baseUrl: `${server.url}/broken` }).search('INTERPOL', { k: 2 })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('"results[0].text"'),
    });
    await expect(new HttpRetriever({ baseUrl: `${server.url}/html` }).search('x', { k: 1 })).rejects.toMatchObject({ code: 'INVALID_JSON' });
  });

  it('explains an unreachable server and a bad URL', async () => {
    const closed = await startSearchServer([]);
    await closed.close();
    await expect(new HttpRetriever({ baseUrl: closed.url }).search('x', { k: 1 })).rejects.toMatchObject({ message: expect.stringContaining('is the server running') });
    expect(() => new HttpRetriever({ baseUrl: 'localhost:3000' })).toThrow(/http/);
    expect(() => new HttpRetriever({ baseUrl: 'not a url' })).toThrow(/--url must be/);
  });
});

describe('parseSearchResponse', () => {
  it('accepts the contract and optional fields', () => {
    const r = parseSearchResponse({ answerable: false, results: [{ id: 'a', source: 's.txt', title: null, date: null, text: 't', score: 0.3 }], lang: 'en' });
    expect(r).toMatchObject({ answerable: false, lang: 'en', langReported: true });
    expect(r.hits[0]).toMatchObject({ score: 0.3, passage: { id: 'a', title: '', date: null } });
  });

  it.each([
    [[], '(body)'],
    [{ results: [] }, 'answerable'],
    [{ answerable: true }, 'results'],
    [{ answerable: true, results: [{ id: 'a', source: 's', text: 't', score: 'high' }] }, 'results[0].score'],
    [{ answerable: true, results: [{ id: '', source: 's', text: 't', score: 1 }] }, 'results[0].id'],
  ])('rejects %j (field %s)', (body, field) => {
    expect(() => parseSearchResponse(body)).toThrow(`"${field}"`);
  });
});
