import { describe, expect, it } from 'vitest';
import { SessionStore } from '../../answer/sessions.js';

function clock(start = 0) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('SessionStore', () => {
  it('creates sessions with server-generated UUIDs and keeps their turns', () => {
    const store = new SessionStore();
    const s = store.open();
    expect(s.id).toMatch(/^[0-9a-f-]{36}$/);
    store.record(s.id, { question: 'q1', lang: 'fr' });
    expect(store.open(s.id).turns).toEqual([{ question: 'q1', lang: 'fr' }]);
  });

  it('caps the history to the last maxTurns turns', () => {
    const store = new SessionStore({ maxTurns: 3 });
    const s = store.open();
    for (let i = 1; i <= 5; i++) store.record(s.id, { question: `q${i}` });
    expect(store.open(s.id).turns.map((t) => t.question)).toEqual(['q3', 'q4', 'q5']);
  });

  it('forgets a session after ttlMs of inactivity, and restarts it empty under the same id', () => {
    const c = clock();
    const store = new SessionStore({ ttlMs: 1000, now: c.now });
    const s = store.open('aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa');
    store.record(s.id, { question: 'q1' });
    c.advance(999);
    expect(store.open(s.id).turns).toHaveLength(1); // used: the TTL restarts
    c.advance(1001);
    expect(store.peek(s.id)).toBeUndefined();
    const again = store.open(s.id);
    expect(again.id).toBe(s.id);
    expect(again.turns).toEqual([]);
  });

  it('evicts the least recently used session beyond maxSessions', () => {
    const c = clock();
    const store = new SessionStore({ maxSessions: 2, now: c.now });
    const a = store.open('a');
    c.advance(1);
    const b = store.open('b');
    c.advance(1);
    store.open(a.id); // a is now the most recent
    c.advance(1);
    store.open('c');
    expect(store.size).toBe(2);
    expect(store.peek(b.id)).toBeUndefined();
    expect(store.peek(a.id)).toBeDefined();
    expect(store.peek('c')).toBeDefined();
  });

  it('sweeps expired sessions when new ones open', () => {
    const c = clock();
    const store = new SessionStore({ ttlMs: 10, now: c.now });
    store.open('a');
    store.open('b');
    c.advance(11);
    store.open('c');
    expect(store.size).toBe(1);
  });
});
