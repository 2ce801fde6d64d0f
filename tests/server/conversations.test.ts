/**
 * Saved conversations, feedback and document preview through the real app (app.request) over a
 * real index of corpus/, with conversations in files (a temp data folder) — and in Postgres
 * (PGlite over the wire protocol) for the store itself.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgConversationStore, pgConversationNames } from '../../answer/conversation-pg.js';
import { MemoryFeedbackStore } from '../../answer/feedback.js';
import { SessionStore } from '../../answer/sessions.js';
import type { Answer } from '../../answer/types.js';
import { DEFAULT_CONFIG, type AppConfig } from '../../core/config.js';
import { silentLogger } from '../../core/logger.js';
import { createApp } from '../../server/app.js';
import { openConversationStores } from '../../server/conversation-stores.js';
import { conversationMarkdown } from '../../server/routes/conversation-markdown.js';
import { stitchPassages } from '../../server/routes/preview.js';
import { startPglite, type PgliteServer } from '../helpers/pglite.js';
import { buildTestIndex, corpusTexts, type TestIndex } from '../helpers/test-index.js';

const ALICE = 'alice-0123456789abcdef';
const BOB = 'bob-0123456789abcdef00';
const FR_Q = 'Depuis quand INTERPOL collabore-t-il avec l’ONU ?';

let index: TestIndex;
let dataDir = '';
let config: AppConfig;
let feedback: MemoryFeedbackStore;

/** A fresh app over the same data folder: what a server restart sees. */
function startApp() {
  const stores = openConversationStores(config, index.store, silentLogger);
  return createApp({ config, logger: silentLogger, service: index.service, startedAt: Date.now(), sessions: stores.sessions, feedback });
}
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  index = await buildTestIndex();
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'conversations-api-'));
  config = { ...DEFAULT_CONFIG, dataDir, rateLimit: { windowMs: 60_000, max: 0 }, conversations: { dir: path.join(dataDir, 'conversations'), max: 1000, perClient: 50 } };
  feedback = new MemoryFeedbackStore();
  app = startApp();
});
afterAll(async () => {
  await index?.close();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

const as = (client: string | null, extra: Record<string, string> = {}) => ({ ...(client ? { 'X-Client-Id': client } : {}), ...extra });
const chat = async (body: Record<string, unknown>, client: string | null = ALICE, target = app) => {
  const res = await target.request('/api/chat', { method: 'POST', headers: as(client, { 'Content-Type': 'application/json' }), body: JSON.stringify(body) });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Answer;
};
const getJson = async <T>(url: string, client: string | null = ALICE, target = app): Promise<{ status: number; body: T }> => {
  const res = await target.request(url, { headers: as(client) });
  return { status: res.status, body: (await res.json()) as T };
};
interface Summary {
  id: string;
  title: string;
  turns: number;
}
interface Full {
  id: string;
  title: string;
  turns: { id: string; question: string; answer: string; answered: boolean; citations: { n: number; source: string }[]; feedback?: { rating: string; comment?: string } }[];
}

describe('saved conversations', () => {
  it('a client’s answers are saved, listed for it only, and reopened after a restart — follow-ups included', async () => {
    const first = await chat({ message: FR_Q });
    expect(first.turnId).toMatch(/^[0-9a-f-]{36}$/);
    const list = await getJson<{ conversations: Summary[] }>('/api/conversations');
    expect(list.body.conversations).toEqual([expect.objectContaining({ id: first.sessionId, title: FR_Q, turns: 1 })]);
    expect((await getJson<{ conversations: Summary[] }>('/api/conversations', BOB)).body.conversations).toEqual([]);
    expect((await getJson(`/api/conversations/${first.sessionId}`, BOB)).status).toBe(404);

    app = startApp(); // restart: a new store over the same folder
    const reopened = await getJson<Full>(`/api/conversations/${first.sessionId}`);
    expect(reopened.status).toBe(200);
    expect(reopened.body.turns).toMatchObject([{ id: first.turnId, question: FR_Q, answer: first.answer, answered: true }]);
    expect(reopened.body.turns[0]!.citations.length).toBeGreaterThan(0);
    expect(reopened.body).not.toHaveProperty('owner');

    const follow = await chat({ message: 'Et à New York ?', sessionId: first.sessionId });
    expect(follow.sessionId).toBe(first.sessionId);
    expect(follow.standalone).not.toBe('Et à New York ?'); // rewritten from the saved turn
    expect((await getJson<Full>(`/api/conversations/${first.sessionId}`)).body.turns).toHaveLength(2);
  });

  it('rename, export as Markdown with the citations, delete; other clients get 404s', async () => {
    const a = await chat({ message: 'Qui a rencontré Jürgen Stock à l’ONU ?' });
    const url = `/api/conversations/${a.sessionId}`;
    const patch = (client: string, body: unknown) => app.request(url, { method: 'PATCH', headers: as(client, { 'Content-Type': 'application/json' }), body: JSON.stringify(body) });
    expect((await patch(BOB, { title: 'x' })).status).toBe(404);
    expect((await patch(ALICE, { title: '' })).status).toBe(422);
    const renamed = await patch(ALICE, { title: '  Rencontres  de Jürgen Stock ' });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ id: a.sessionId, title: 'Rencontres de Jürgen Stock', turns: 1 });

    const md = await app.request(`${url}/export?lang=fr`, { headers: as(ALICE) });
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(md.headers.get('content-disposition')).toMatch(/^attachment; filename="Rencontres-de-Jurgen-Stock\.md"/);
    const text = await md.text();
    expect(text).toMatch(/^# Rencontres de Jürgen Stock\n/);
    expect(text).toContain('> Qui a rencontré Jürgen Stock à l’ONU ?');
    expect(text).toContain('**Sources**');
    const c = a.citations[0]!;
    expect(text).toContain(`1. *${c.title}*`);
    expect(text).toContain(`\`${c.source}\``);
    expect(text).toContain(`   > ${c.text.split('\n')[0]!.trim()}`);

    expect((await app.request(url, { method: 'DELETE', headers: as(BOB) })).status).toBe(404);
    expect((await app.request(url, { method: 'DELETE', headers: as(ALICE) })).status).toBe(204);
    expect((await getJson(url)).status).toBe(404);
  });

  it('conversation routes need a well-formed X-Client-Id', async () => {
    const none = await getJson<{ error: { code: string } }>('/api/conversations', null);
    expect(none.status).toBe(400);
    expect(none.body.error.code).toBe('CLIENT_ID_REQUIRED');
    expect((await getJson('/api/conversations', 'short')).status).toBe(400);
    expect((await getJson('/api/conversations/not-a-uuid')).status).toBe(404);
  });

  it('regenerate answers the last question again in place of its last turn', async () => {
    const a = await chat({ message: FR_Q });
    const again = await chat({ message: FR_Q, sessionId: a.sessionId, regenerate: true });
    expect(again.sessionId).toBe(a.sessionId);
    expect(again.turnId).not.toBe(a.turnId);
    const full = (await getJson<Full>(`/api/conversations/${a.sessionId}`)).body;
    expect(full.turns.map((t) => t.id)).toEqual([again.turnId]);
  });

  it('anonymous callers keep follow-ups in memory only; 1,000 new sessionIds from one address evict nobody else’s', async () => {
    // Each caller comes from its own socket address (the bindings @hono/node-server gives a request).
    const stores = openConversationStores(config, index.store, silentLogger, { maxSessionsPerClient: 20, maxSessions: 100 });
    const app2 = createApp({ config, logger: silentLogger, service: index.service, startedAt: Date.now(), sessions: stores.sessions, feedback });
    const from = (ip: string) => ({ 'X-Test-Address': ip });
    const socketOf = (ip: string) => ({ incoming: { socket: { remoteAddress: ip, remotePort: 40000, remoteFamily: 'IPv4' } } });
    const ask = async (body: Record<string, unknown>, headers: Record<string, string>) => {
      const { 'X-Test-Address': ip = '127.0.0.1', ...rest } = headers;
      const res = await app2.request('/api/chat', { method: 'POST', headers: { 'Content-Type': 'application/json', ...rest }, body: JSON.stringify(body) }, socketOf(ip));
      expect(res.status).toBe(200);
      return (await res.json()) as Answer;
    };
    const saved = await ask({ message: FR_Q }, { ...from('10.0.0.3'), 'X-Client-Id': ALICE });
    const anon = await ask({ message: 'When was the UNODC–INTERPOL agreement signed?' }, from('10.0.0.2'));
    const listed = (await (await app2.request('/api/conversations', { headers: { 'X-Client-Id': ALICE } }, socketOf('10.0.0.3'))).json()) as { conversations: Summary[] };
    expect(listed.conversations.some((c) => c.id === anon.sessionId)).toBe(false);
    expect(stores.sessions.peek(anon.sessionId!)).toBeDefined();
    for (let i = 0; i < 1000; i++) {
      // The session is opened before the answer is composed: a question too long to answer quickly is not needed.
      await stores.sessions.open(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, { id: null, address: '10.0.0.1' });
    }
    await ask({ message: 'INTERPOL ?', sessionId: '00000000-0000-4000-8000-000000099999' }, from('10.0.0.1'));
    expect(stores.sessions.size).toBeLessThanOrEqual(21);
    const follow = await ask({ message: 'Who signed it?', sessionId: anon.sessionId }, from('10.0.0.2'));
    expect(follow.sessionId).toBe(anon.sessionId);
    expect(follow.standalone).toBe('Who signed it (UNODC INTERPOL agreement)?');
    const full = (await (await app2.request(`/api/conversations/${saved.sessionId}`, { headers: { 'X-Client-Id': ALICE } }, socketOf('10.0.0.3'))).json()) as Full;
    expect(full.turns).toHaveLength(1);
  }, 60_000);
});

describe('feedback', () => {
  it('is stored on the turn and in the feedback store with the question, the answer and the cited passages', async () => {
    const a = await chat({ message: FR_Q });
    const url = `/api/conversations/${a.sessionId}/turns/${a.turnId}/feedback`;
    const put = (body: unknown, client = ALICE) => app.request(url, { method: 'PUT', headers: as(client, { 'Content-Type': 'application/json' }), body: JSON.stringify(body) });
    expect((await put({ rating: 'sideways' })).status).toBe(422);
    expect((await put({ rating: 'up' }, BOB)).status).toBe(404);
    const res = await put({ rating: 'down', comment: '  la date manque  ' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ turnId: a.turnId, feedback: { rating: 'down', comment: 'la date manque' } });
    const turn = (await getJson<Full>(`/api/conversations/${a.sessionId}`)).body.turns[0]!;
    expect(turn.feedback).toMatchObject({ rating: 'down', comment: 'la date manque' });
    const record = (await feedback.all()).at(-1)!;
    expect(record).toMatchObject({ conversationId: a.sessionId, turnId: a.turnId, rating: 'down', question: FR_Q, answer: a.answer, answered: true, lang: 'fr' });
    expect(record.citations.map((c) => c.id)).toEqual(a.citations.map((c) => c.id));
    expect(record.citations[0]!.text.length).toBeGreaterThan(20);
  });
});

describe('document preview', () => {
  it('GET /api/documents/:source gives the cleaned text with every passage at its place', async () => {
    const source = index.service.documents()[0]!.source;
    const res = await app.request(`/api/documents/${encodeURIComponent(source)}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { title: string; text: string; passages: { id: string; start: number; end: number }[] };
    const passages = index.service.passagesOf(source);
    expect(body.passages.map((p) => p.id)).toEqual(passages.map((p) => p.id));
    for (const [i, p] of body.passages.entries()) expect(body.text.slice(p.start, p.end)).toBe(passages[i]!.text);
    // Every word of the raw file's body is in the preview (the cleaner only drops boilerplate).
    const raw = corpusTexts().get(source)!;
    const last = passages.at(-1)!.text.slice(-40);
    expect(raw).toContain(last);
    expect(body.text.endsWith(last)).toBe(true);
    expect((await app.request('/api/documents/nope.txt')).status).toBe(404);
  });

  it('stitches overlapping and separated passages, with page starts', () => {
    const doc = 'Un. Deux. Trois.\n\nQuatre.';
    const mk = (start: number, end: number, ordinal: number, page?: number) => ({ id: `p${ordinal}`, source: 's', title: 't', date: null, text: doc.slice(start, end), start, end, ordinal, ...(page ? { page } : {}) });
    const s = stitchPassages([mk(0, 9, 0, 1), mk(4, 16, 1, 1), mk(18, 25, 2, 2)]);
    expect(s.text).toBe(doc);
    expect(s.passages.map((p) => s.text.slice(p.start, p.end))).toEqual(['Un. Deux.', 'Deux. Trois.', 'Quatre.']);
    expect(s.pageStarts).toEqual([{ page: 1, offset: 0 }, { page: 2, offset: 18 }]);
  });
});

describe('markdown export', () => {
  it('quotes people’s and documents’ text so it cannot become headings or HTML', () => {
    const md = conversationMarkdown(
      {
        id: 'x',
        owner: 'o',
        title: '# <b>titre</b>',
        createdAt: '',
        updatedAt: '',
        turns: [{ id: 't', at: '', question: '# pas un titre\n- ni une liste', answer: '', answered: false, seeAlso: [{ n: 1, id: 'i', source: 'a.pdf', title: 'A', date: '2021-03-05', text: 'Texte.', page: 2, pages: [1, 2] }] }],
      },
      'en',
      new Date('2024-05-01T00:00:00Z'),
    );
    expect(md).toContain('# \\# \\<b\\>titre\\</b\\>');
    expect(md).toContain('> # pas un titre\n> - ni une liste');
    expect(md).toContain('The documents do not hold the answer.');
    expect(md).toContain('**See also**');
    expect(md).toContain('1. *A* — `a.pdf` — 5 March 2021 — page 2 — pages 1, 2');
  });
});

describe('conversations in Postgres (PGlite)', () => {
  let server: PgliteServer;
  let pool: pg.Pool;
  beforeAll(async () => {
    server = await startPglite();
    pool = new pg.Pool({ connectionString: server.url, max: 1 });
  }, 60_000);
  afterAll(async () => {
    await pool?.end();
    await server?.stop();
  });

  it('saves, lists per owner, survives a new store over the same database, and keeps feedback', async () => {
    const names = pgConversationNames('public', 'assistant_');
    const first = new SessionStore({}, new PgConversationStore(pool, names));
    const alice = { id: ALICE, address: '127.0.0.1' };
    const s = await first.open(undefined, alice);
    const t = await first.record(s, { question: FR_Q, answer: 'Depuis 1949 [1].', answered: true, citations: [{ n: 1, id: '0123456789abcdef', source: 'a.txt', title: 'A', date: null, text: 'Depuis 1949.' }] });
    await first.setFeedback(s.id, t.id, alice, { rating: 'up', at: '2024-01-01T00:00:00.000Z' });
    const store2 = new PgConversationStore(pool, names);
    const second = new SessionStore({}, store2);
    expect(await second.list(alice)).toMatchObject([{ id: s.id, title: FR_Q, turns: 1 }]);
    expect((await second.get(s.id, alice))?.turns[0]).toMatchObject({ question: FR_Q, feedback: { rating: 'up' }, citations: [{ source: 'a.txt' }] });
    expect(await second.get(s.id, { id: BOB, address: '127.0.0.1' })).toBeNull();
    await store2.add({ at: 'x', conversationId: s.id, turnId: t.id, rating: 'up', question: FR_Q, answer: 'a', answered: true, citations: [] });
    expect((await store2.all()).map((r) => r.turnId)).toEqual([t.id]);
    expect(await second.remove(s.id, alice)).toBe(true);
    expect(await store2.count()).toBe(0);
  }, 60_000);
});
