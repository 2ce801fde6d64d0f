/**
 * Conversations kept in memory: a bounded history per session (only the last turns matter for
 * follow-ups), sessions forgotten after a period of inactivity, and at most `maxSessions` of them
 * (the least recently used goes first), so memory stays bounded whatever clients do.
 */
import { randomUUID } from 'node:crypto';
import type { ConversationTurn } from './types.js';

export interface SessionOptions {
  /** Turns kept per session (older ones are dropped). */
  maxTurns: number;
  /** A session unused for this long is forgotten. */
  ttlMs: number;
  /** Beyond this many sessions, the least recently used is evicted. */
  maxSessions: number;
  /** Clock (tests pass their own; no timed assertions). */
  now: () => number;
  newId: () => string;
}

export const DEFAULT_SESSIONS: SessionOptions = {
  maxTurns: 6,
  ttlMs: 30 * 60_000,
  maxSessions: 1000,
  now: () => Date.now(),
  newId: () => randomUUID(),
};

export interface Session {
  id: string;
  turns: ConversationTurn[];
  lastUsed: number;
}

export class SessionStore {
  readonly options: SessionOptions;
  // Map iteration order is insertion order: re-inserting on use keeps the LRU session first.
  private readonly sessions = new Map<string, Session>();

  constructor(options: Partial<SessionOptions> = {}) {
    this.options = { ...DEFAULT_SESSIONS, ...options };
  }

  get size(): number {
    return this.sessions.size;
  }

  /** The live session with this id, or undefined (unknown or expired). Does not count as a use. */
  peek(id: string): Session | undefined {
    const s = this.sessions.get(id);
    if (!s) return undefined;
    if (this.expired(s)) {
      this.sessions.delete(id);
      return undefined;
    }
    return s;
  }

  /** The session to continue: the live one with this id, else a new empty one (under `id` when given). */
  open(id?: string): Session {
    this.sweep();
    const existing = id === undefined ? undefined : this.peek(id);
    if (existing) {
      this.touch(existing);
      return existing;
    }
    const session: Session = { id: id ?? this.options.newId(), turns: [], lastUsed: this.options.now() };
    this.sessions.set(session.id, session);
    this.evict();
    return session;
  }

  /** Append a finished turn (the session is recreated if it expired meanwhile). */
  record(id: string, turn: ConversationTurn): void {
    const session = this.peek(id) ?? this.open(id);
    session.turns.push(turn);
    if (session.turns.length > this.options.maxTurns) session.turns.splice(0, session.turns.length - this.options.maxTurns);
    this.touch(session);
  }

  delete(id: string): boolean {
    return this.sessions.delete(id);
  }

  private touch(session: Session): void {
    session.lastUsed = this.options.now();
    this.sessions.delete(session.id);
    this.sessions.set(session.id, session);
  }

  private expired(s: Session): boolean {
    return this.options.now() - s.lastUsed > this.options.ttlMs;
  }

  /** Drop expired sessions; the oldest come first, so stop at the first live one. */
  private sweep(): void {
    for (const s of this.sessions.values()) {
      if (!this.expired(s)) break;
      this.sessions.delete(s.id);
    }
  }

  private evict(): void {
    while (this.sessions.size > this.options.maxSessions) {
      const oldest = this.sessions.keys().next();
      if (oldest.done) break;
      this.sessions.delete(oldest.value);
    }
  }
}
