/**
 * The HTTP contract of DEVELOPERS.md, on the real app over a real index of corpus/ (lexical
 * embedder, HNSW files), driven through app.request() without a socket.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../core/config.js';
import { silentLogger } from '../../core/logger.js';
import { createApp } from '../../server/app.js';
import { buildTestIndex, TEST_CORPUS_DIR, type TestIndex } from '../helpers/test-index.js';

let index: TestIndex;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  index = await buildTestIndex();
  app = createApp({ config: DEFAULT_CONFIG, logger: silentLogger, service: index.service, startedAt: Date.now() });
});
afterAll(() => index.close());

interface SearchBody {
  answerable: boolean;
  results: { id: string; source: string; title: string; date: string | null; text: string; score: number }[];
}

const search = async (q: string, k?: number) => {
  const res = await app.request(`/api/search?q=${encodeURIComponent(q)}${k === undefined ? '' : `&k=${k}`}`);
  return { status: res.status, body: (await res.json()) as SearchBody };
};

describe('GET /health', () => {
  it('answers 200 with JSON once the index is loaded', async () => {
    const res = await app.request('/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'ok', store: 'hnsw', embedder: 'lexical', documents: 5 });
    expect(body['passages']).toBeGreaterThan(20);
  });
});

describe('GET /api/search', () => {
  it('returns the contract shape, ranked best first, k defaulting to 5', async () => {
    const { status, body } = await search('Combien de profils de terroristes étrangers ?');
    expect(status).toBe(200);
    expect(typeof body.answerable).toBe('boolean');
    expect(body.results).toHaveLength(5);
    for (const r of body.results) {
      expect(Object.keys(r)).toEqual(expect.arrayContaining(['id', 'source', 'title', 'date', 'text', 'score']));
      expect(r.id).toMatch(/^[0-9a-f]{16}$/);
      // `source` is the file name and `text` the passage, verbatim from it.
      const file = readFileSync(path.join(TEST_CORPUS_DIR, r.source), 'utf8');
      expect(file).toContain(r.text.split('\n')[0]);
    }
    const scores = body.results.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it.each([
    ['Qui a rencontré Jürgen Stock à l’ONU ?'],
    ["Qui a rencontré Jürgen Stock à l'ONU ?"],
    ['Who did Jürgen Stock meet at the United Nations?'],
  ])('ranks the Guterres passage of 000 in the top 3 for %s', async (q) => {
    const { body } = await search(q, 5);
    const top3 = body.results.slice(0, 3);
    expect(top3.some((r) => r.source === '000_87e5c8281a3b5988.txt' && r.text.includes('António Guterres'))).toBe(true);
  });

  it('honours k up to 50', async () => {
    expect((await search('INTERPOL', 1)).body.results).toHaveLength(1);
    const all = await search('INTERPOL', 50);
    expect(all.status).toBe(200);
    expect(all.body.results.length).toBeLessThanOrEqual(50);
  });

  it.each([
    ['/api/search', 'MISSING_QUERY'],
    ['/api/search?q=', 'MISSING_QUERY'],
    ['/api/search?q=%20%20', 'MISSING_QUERY'],
    ['/api/search?q=x&k=0', 'INVALID_PARAMETER'],
    ['/api/search?q=x&k=51', 'INVALID_PARAMETER'],
    ['/api/search?q=x&k=abc', 'INVALID_PARAMETER'],
    ['/api/search?q=x&k=-3', 'INVALID_PARAMETER'],
    ['/api/search?q=x&k=2.5', 'INVALID_PARAMETER'],
  ])('%s is a 400 with a JSON error (%s)', async (url, code) => {
    const res = await app.request(url);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(0);
  });
});

describe('GET /api/sources/:id', () => {
  it('returns the passage, its neighbours and its document metadata', async () => {
    const passages = index.service.passagesOf('001_9e0b992cc2ec1990.txt');
    const middle = passages[2]!;
    const res = await app.request(`/api/sources/${middle.id}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, any>;
    expect(body).toMatchObject({ id: middle.id, source: middle.source, text: middle.text, start: middle.start, end: middle.end });
    expect(body['previous'].id).toBe(passages[1]!.id);
    expect(body['next'].id).toBe(passages[3]!.id);
    expect(body['document']).toMatchObject({ source: '001_9e0b992cc2ec1990.txt', date: '2018-02-05', format: 'txt', passages: passages.length });
    expect(body['title']).toContain('INTERPOL');
  });

  it('the first passage has no previous one', async () => {
    const first = index.service.passagesOf('004_9afdffdf36575cd6.txt')[0]!;
    const body = (await (await app.request(`/api/sources/${first.id}`)).json()) as Record<string, unknown>;
    expect(body['previous']).toBeNull();
  });

  it.each(['0123456789abcdef', 'not-an-id', '..%2F..%2Fetc%2Fpasswd', '%2e%2e%2fpackage.json'])('unknown id %s is a JSON 404', async (id) => {
    const res = await app.request(`/api/sources/${id}`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });
});

describe('unknown routes', () => {
  it('are JSON 404s', async () => {
    const res = await app.request('/api/nope');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('ROUTE_NOT_FOUND');
  });
});
