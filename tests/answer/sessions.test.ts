import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileConversationStore, MemoryConversationStore } from '../../answer/conversation-store.js';
import { ownerOf, SessionStore, titleOf, type ClientRef } from '../../answer/sessions.js';

function clock(start = 0) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

const alice: ClientRef = { id: 'alice-0123456789abcdef', address: '127.0.0.1' };
const bob: ClientRef = { id: 'bob-0123456789abcdef00', address: '127.0.0.1' };
const anonA: ClientRef = { id: null, address: '10.0.0.1' };
const anonB: ClientRef = { id: null, address: '10.0.0.2' };
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const temps: string[] = [];
afterAll(async () => {
  for (const d of temps) await rm(d, { recursive: true, force: true });
});

describe('anonymous sessions (memory, follow-ups only)', () => {
  it('creates sessions with server-generated UUIDs and keeps their turns', async () => {
    const store = new SessionStore();
    const s = await store.open(undefined, anonA);
    expect(s.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(s.saved).toBe(false);
    const turn = await store.record(s, { question: 'q1', lang: 'fr' });
    expect(turn.id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await store.open(s.id, anonA)).turns).toMatchObject([{ question: 'q1', lang: 'fr' }]);
  });

  it('shows follow-ups only the last maxTurns turns', async () => {
    const store = new SessionStore({ maxTurns: 3 });
    const s = await store.open(undefined, anonA);
    for (let i = 1; i <= 5; i++) await store.record(s, { question: `q${i}` });
    expect(store.history(await store.open(s.id, anonA)).map((t) => t.question)).toEqual(['q3', 'q4', 'q5']);
  });

  it('forgets a session after ttlMs of inactivity, and restarts it empty under the same id', async () => {
    const c = clock();
    const store = new SessionStore({ ttlMs: 1000, now: c.now });
    const s = await store.open(uuid(1), anonA);
    await store.record(s, { question: 'q1' });
    c.advance(999);
    expect((await store.open(s.id, anonA)).turns).toHaveLength(1); // used: the TTL restarts
    c.advance(1001);
    expect(store.peek(s.id)).toBeUndefined();
    const again = await store.open(s.id, anonA);
    expect(again.id).toBe(s.id);
    expect(again.turns).toEqual([]);
  });

  it('1,000 new sessionIds from one address evict only that address’s own sessions', async () => {
    const store = new SessionStore({ maxSessionsPerClient: 50, maxSessions: 1000 });
    const victim = await store.open(undefined, anonB);
    await store.record(victim, { question: 'Qui dirige INTERPOL ?' });
    for (let i = 0; i < 1000; i++) await store.open(uuid(i), anonA);
    expect(store.peek(victim.id)?.turns).toHaveLength(1);
    expect(store.size).toBe(51);
    // The attacker keeps only its 50 most recent.
    expect(store.peek(uuid(949))).toBeUndefined();
    expect(store.peek(uuid(950))).toBeDefined();
  });

  it('never continues another address’s session: a new one is started instead', async () => {
    const store = new SessionStore();
    const s = await store.open(undefined, anonA);
    await store.record(s, { question: 'secret question' });
    const other = await store.open(s.id, anonB);
    expect(other.id).not.toBe(s.id);
    expect(other.turns).toEqual([]);
  });

  it('regenerate: a turn recorded with replace takes the place of the last one', async () => {
    const store = new SessionStore();
    const s = await store.open(undefined, anonA);
    await store.record(s, { question: 'q1', answer: 'a1' });
    const last = await store.record(s, { question: 'q2', answer: 'a2' });
    await store.record(s, { question: 'q2', answer: 'a2 again' }, last.id);
    expect(s.turns.map((t) => t.answer)).toEqual(['a1', 'a2 again']);
  });
});

describe('saved conversations (identified clients)', () => {
  it('are saved on the first turn, titled by the first question, and listed for their owner only', async () => {
    const saved = new MemoryConversationStore();
    const store = new SessionStore({}, saved);
    const s = await store.open(undefined, alice);
    expect(s.saved).toBe(true);
    expect(await saved.count()).toBe(0); // nothing written before an answer exists
    await store.record(s, { question: 'Qui a rencontré Jürgen Stock à l’ONU ?', answer: 'Il a rencontré…', answered: true, citations: [] });
    expect(await store.list(alice)).toMatchObject([{ id: s.id, title: 'Qui a rencontré Jürgen Stock à l’ONU ?', turns: 1 }]);
    expect(await store.list(bob)).toEqual([]);
    expect(await store.get(s.id, bob)).toBeNull();
    expect(await store.list({ id: null, address: '127.0.0.1' })).toEqual([]);
    // Bob sending Alice's id starts his own conversation; Alice's is untouched.
    const hijack = await store.open(s.id, bob);
    expect(hijack.id).not.toBe(s.id);
    await store.record(hijack, { question: 'mine' });
    expect((await store.get(s.id, alice))?.turns).toHaveLength(1);
  });

  it('rename, feedback and delete act on the owner’s conversation only', async () => {
    const store = new SessionStore({}, new MemoryConversationStore());
    const s = await store.open(undefined, alice);
    const turn = await store.record(s, { question: 'q', answer: 'a' });
    await expect(store.rename(s.id, bob, 'x')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await store.rename(s.id, alice, '  Mon   titre  ')).title).toBe('Mon titre');
    const { turn: rated } = await store.setFeedback(s.id, turn.id, alice, { rating: 'down', comment: 'wrong year', at: '2024-01-01T00:00:00.000Z' });
    expect(rated.feedback).toEqual({ rating: 'down', comment: 'wrong year', at: '2024-01-01T00:00:00.000Z' });
    await expect(store.setFeedback(s.id, 'nope', alice, { rating: 'up', at: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await store.remove(s.id, bob)).toBe(false);
    expect(await store.remove(s.id, alice)).toBe(true);
    expect(await store.get(s.id, alice)).toBeNull();
  });

  it('a client beyond its quota loses its own oldest conversation, never another client’s', async () => {
    const c = clock(Date.parse('2024-01-01'));
    const store = new SessionStore({ maxConversationsPerClient: 3, now: c.now }, new MemoryConversationStore());
    const bobs = await store.open(undefined, bob);
    await store.record(bobs, { question: 'bob' });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      c.advance(1000);
      const s = await store.open(undefined, alice);
      await store.record(s, { question: `alice ${i}` });
      ids.push(s.id);
    }
    expect((await store.list(alice)).map((x) => x.id)).toEqual([ids[4], ids[3], ids[2]]);
    expect(await store.list(bob)).toHaveLength(1);
  });

  it('past the global cap, new conversations are refused (CONVERSATIONS_FULL) and none is dropped', async () => {
    const store = new SessionStore({ maxConversations: 2 }, new MemoryConversationStore());
    for (const who of [alice, bob]) await store.record(await store.open(undefined, who), { question: 'q' });
    const third = await store.open(undefined, { id: 'carol-0123456789abcdef', address: '127.0.0.1' });
    await expect(store.record(third, { question: 'q' })).rejects.toMatchObject({ code: 'CONVERSATIONS_FULL', status: 503 });
    expect(await store.list(alice)).toHaveLength(1);
    expect(await store.list(bob)).toHaveLength(1);
  });

  it('survive a restart in files: a new store over the same folder reopens them, with feedback', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'conversations-'));
    temps.push(dir);
    const first = new SessionStore({}, new FileConversationStore({ dir }));
    const s = await first.open(undefined, alice);
    const t = await first.record(s, { question: 'Depuis quand INTERPOL collabore-t-il avec l’ONU ?', answer: 'Depuis 1949 [1].', answered: true, citations: [{ n: 1, id: '0123456789abcdef', source: 'a.txt', title: 'A', date: null, text: 'Depuis 1949.' }] });
    await first.setFeedback(s.id, t.id, alice, { rating: 'up', at: '2024-01-01T00:00:00.000Z' });

    const second = new SessionStore({}, new FileConversationStore({ dir }));
    expect(await second.list(alice)).toMatchObject([{ id: s.id, turns: 1 }]);
    const again = await second.open(s.id, alice);
    expect(again.turns[0]).toMatchObject({ question: 'Depuis quand INTERPOL collabore-t-il avec l’ONU ?', feedback: { rating: 'up' }, citations: [{ n: 1, source: 'a.txt' }] });
    // Follow-ups after the restart see the earlier turn.
    expect(second.history(again).map((x) => x.question)).toEqual(['Depuis quand INTERPOL collabore-t-il avec l’ONU ?']);
    // The stored file holds the owner's hash, not the client id itself.
    const raw = await readFile(path.join(dir, `${s.id}.json`), 'utf8');
    expect(raw).toContain(ownerOf(alice));
    expect(raw).not.toContain(alice.id!);
  });

  it('files: leftovers of an interrupted write are removed, damaged files ignored, ids that are not UUIDs never touch the disk', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'conversations-'));
    temps.push(dir);
    await writeFile(path.join(dir, `${uuid(7)}.json.abc.tmp`), '{"half');
    await writeFile(path.join(dir, `${uuid(8)}.json`), 'not json');
    const files = new FileConversationStore({ dir });
    expect(await files.count()).toBe(0);
    expect(await readdir(dir)).toEqual([`${uuid(8)}.json`]);
    expect(await files.get('../../etc/passwd')).toBeNull();
    await expect(files.put({ id: '../x', owner: 'o', title: '', createdAt: '', updatedAt: '', turns: [] })).rejects.toMatchObject({ code: 'INVALID_PARAMETER' });
  });
});

describe('titleOf', () => {
  it('keeps short questions whole and cuts long ones at a word', () => {
    expect(titleOf('  Qui   dirige\nINTERPOL ? ', 80)).toBe('Qui dirige INTERPOL ?');
    expect(titleOf('un deux trois quatre cinq six', 15)).toBe('un deux trois…');
  });
});
