/**
 * Conversations: what a follow-up remembers, and what the chat page lists, reopens, renames,
 * deletes and exports.
 *
 * Two kinds, told apart by who asks (`ClientRef`):
 * - **saved** — the caller names itself with a client id (the chat page sends a random id kept in
 *   the browser, header `X-Client-Id`): the conversation is written to a `ConversationStore`
 *   (files under the data folder, or Postgres) and survives reloads and restarts. Each client
 *   holds at most `maxConversationsPerClient` (its own oldest goes first); past
 *   `maxConversations` in all, new ones are refused (CONVERSATIONS_FULL) — nobody's conversation
 *   is ever dropped because of someone else.
 * - **ephemeral** — anonymous API callers (curl, scripts, load tests): kept in memory for
 *   follow-ups only, forgotten after `ttlMs`, at most `maxSessionsPerClient` per network address
 *   (its own least recently used goes first) and `maxSessions` overall.
 *
 * The stored turn (`StoredTurn`) is the follow-up logic's `ConversationTurn` (answer/types.ts,
 * extended freely there) plus what the page shows again; stores keep whole JSON objects, so new
 * fields persist without a change here.
 */
import { createHash, randomUUID } from 'node:crypto';
import { AppError } from '../core/errors.js';
import type { Citation, ConversationTurn, Quote } from './types.js';

export interface ClientRef {
  /** The caller's own id (X-Client-Id): its conversations are saved. null: anonymous. */
  id: string | null;
  /** Network address (after trusted proxies): anonymous sessions are bounded per address. */
  address: string;
}

export const ANONYMOUS: ClientRef = { id: null, address: 'unknown' };

export interface TurnFeedback {
  rating: 'up' | 'down';
  comment?: string;
  at: string;
}

export interface StoredTurn extends ConversationTurn {
  id: string;
  /** ISO time the answer was given. */
  at: string;
  answered?: boolean;
  citations?: Citation[];
  quotes?: Quote[];
  seeAlso?: Citation[];
  notice?: string;
  feedback?: TurnFeedback;
}

/** A finished turn as the pipeline hands it over (id and time are given here). */
export type NewTurn = Omit<StoredTurn, 'id' | 'at'> & Partial<Pick<StoredTurn, 'id' | 'at'>>;

export interface Conversation {
  id: string;
  /** Whose it is: `ownerOf(client)`. */
  owner: string;
  title: string;
  createdAt: string;
  updatedAt: string;
  turns: StoredTurn[];
}

/** A conversation as the page's list shows it. */
export interface ConversationSummary {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
  turns: number;
}

/** Where saved conversations live (answer/conversation-store.ts: memory, files; conversation-pg.ts: Postgres). */
export interface ConversationStore {
  readonly kind: string;
  get(id: string): Promise<Conversation | null>;
  /** Write the whole conversation atomically (a reader sees the old or the new one, never a mix). */
  put(conversation: Conversation): Promise<void>;
  delete(id: string): Promise<boolean>;
  /** The owner's conversations, most recently updated first. */
  list(owner: string): Promise<ConversationSummary[]>;
  /** Conversations of every owner. */
  count(): Promise<number>;
  close(): Promise<void>;
}

/** A session as the answer pipeline uses it: the conversation, saved or not. */
export interface Session extends Conversation {
  /** Saved in the ConversationStore (else memory only). */
  saved: boolean;
}

export interface SessionOptions {
  /** Earlier turns a follow-up sees (the latest ones). */
  maxTurns: number;
  /** Turns kept per conversation (older ones are dropped). */
  maxStoredTurns: number;
  /** An anonymous session unused for this long is forgotten. */
  ttlMs: number;
  /** Anonymous sessions in memory, all addresses together (least recently used evicted). */
  maxSessions: number;
  /** Anonymous sessions per network address (that address's least recently used evicted). */
  maxSessionsPerClient: number;
  /** Saved conversations per client id (that client's least recently updated deleted). */
  maxConversationsPerClient: number;
  /** Saved conversations in all; new ones beyond are refused (CONVERSATIONS_FULL). */
  maxConversations: number;
  /** Longest title kept (characters). */
  maxTitleChars: number;
  /** Clock (tests pass their own; no timed assertions). */
  now: () => number;
  newId: () => string;
}

export const DEFAULT_SESSIONS: SessionOptions = {
  maxTurns: 6,
  maxStoredTurns: 200,
  ttlMs: 30 * 60_000,
  maxSessions: 1000,
  maxSessionsPerClient: 50,
  maxConversationsPerClient: 200,
  maxConversations: 10_000,
  maxTitleChars: 120,
  now: () => Date.now(),
  newId: () => randomUUID(),
};

/** A client id as the page generates it: 16–64 URL-safe characters (random, so not guessable). */
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** The owner key of a client: a hash of its id (stores never hold the id itself), or its address. */
export function ownerOf(client: ClientRef): string {
  if (client.id) return `c:${createHash('sha256').update(client.id).digest('base64url').slice(0, 32)}`;
  return `a:${client.address}`;
}

interface Ephemeral {
  session: Session;
  lastUsed: number;
}

export class SessionStore {
  readonly options: SessionOptions;
  readonly saved: ConversationStore | null;
  // Insertion order = least recently used first (re-inserted on use).
  private readonly memory = new Map<string, Ephemeral>();
  private readonly perOwner = new Map<string, Set<string>>();
  // One write at a time per conversation (read-modify-write of a whole document).
  private readonly chains = new Map<string, Promise<unknown>>();

  constructor(options: Partial<SessionOptions> = {}, saved: ConversationStore | null = null) {
    this.options = { ...DEFAULT_SESSIONS, ...options };
    this.saved = saved;
  }

  /** Anonymous sessions held in memory. */
  get size(): number {
    return this.memory.size;
  }

  /**
   * The conversation to continue: the client's own with this id, else a new empty one (under
   * `id` when given and free). Nothing is written until a turn is recorded.
   */
  async open(id?: string, client: ClientRef = ANONYMOUS): Promise<Session> {
    const owner = ownerOf(client);
    if (client.id && this.saved) {
      if (id !== undefined) {
        const found = await this.saved.get(id);
        if (found && found.owner === owner) return { ...found, saved: true };
        if (found) return this.fresh(undefined, owner, true); // someone else's: never continued
      }
      return this.fresh(id, owner, true);
    }
    this.sweep();
    if (id !== undefined) {
      const e = this.memory.get(id);
      if (e && e.session.owner === owner) {
        this.touch(e);
        return e.session;
      }
      if (e) return this.remember(this.fresh(undefined, owner, false));
    }
    return this.remember(this.fresh(id, owner, false));
  }

  /** An anonymous session held in memory (tests, diagnostics); does not count as a use. */
  peek(id: string): Session | undefined {
    const e = this.memory.get(id);
    if (!e || this.options.now() - e.lastUsed > this.options.ttlMs) return undefined;
    return e.session;
  }

  /** The earlier turns a follow-up sees. */
  history(session: Pick<Session, 'turns'>): ConversationTurn[] {
    return session.turns.slice(-this.options.maxTurns);
  }

  /**
   * Append a finished turn (saving the conversation when it is a saved one); returns it with its
   * id. With `replace`, the turn takes the place of that last turn (regenerate) instead.
   */
  async record(session: Session, turn: NewTurn, replace?: string): Promise<StoredTurn> {
    const stored: StoredTurn = { ...turn, id: turn.id ?? this.options.newId(), at: turn.at ?? new Date(this.options.now()).toISOString() };
    if (!session.saved) {
      if (replace !== undefined && session.turns[session.turns.length - 1]?.id === replace) session.turns.pop();
      this.push(session, stored);
      const e = this.memory.get(session.id);
      if (e) this.touch(e);
      else this.remember(session);
      return stored;
    }
    return this.serial(session.id, async () => {
      const store = this.saved!;
      const current = (await store.get(session.id)) ?? null;
      if (current && current.owner !== session.owner) throw new AppError('NOT_FOUND', 'No such conversation.');
      const base: Conversation = current ?? { ...session, turns: [] };
      if (!current) await this.makeRoom(session.owner);
      const next: Conversation = { ...base, turns: [...base.turns] };
      if (replace !== undefined && next.turns[next.turns.length - 1]?.id === replace) next.turns.pop();
      if (!next.title) next.title = titleOf(stored.question, this.options.maxTitleChars);
      this.push(next, stored);
      await store.put(next);
      session.turns = next.turns;
      session.title = next.title;
      session.updatedAt = next.updatedAt;
      return stored;
    });
  }

  // --- the conversation list (saved conversations of an identified client) ---

  async list(client: ClientRef): Promise<ConversationSummary[]> {
    return this.saved && client.id ? this.saved.list(ownerOf(client)) : [];
  }

  async get(id: string, client: ClientRef): Promise<Conversation | null> {
    if (!this.saved || !client.id) return null;
    const c = await this.saved.get(id);
    return c && c.owner === ownerOf(client) ? c : null;
  }

  async rename(id: string, client: ClientRef, title: string): Promise<Conversation> {
    return this.update(id, client, (c) => ({ ...c, title: titleOf(title, this.options.maxTitleChars) }), false);
  }

  async remove(id: string, client: ClientRef): Promise<boolean> {
    if (!(await this.get(id, client))) return false;
    return this.serial(id, () => this.saved!.delete(id));
  }

  /** Set (or replace) the feedback on one turn; returns the turn. */
  async setFeedback(id: string, turnId: string, client: ClientRef, feedback: TurnFeedback): Promise<{ conversation: Conversation; turn: StoredTurn }> {
    let turn: StoredTurn | undefined;
    const conversation = await this.update(
      id,
      client,
      (c) => {
        const i = c.turns.findIndex((t) => t.id === turnId);
        if (i < 0) throw new AppError('NOT_FOUND', `No turn ${turnId} in this conversation.`);
        turn = { ...c.turns[i]!, feedback };
        const turns = [...c.turns];
        turns[i] = turn;
        return { ...c, turns };
      },
      false,
    );
    return { conversation, turn: turn! };
  }

  private async update(id: string, client: ClientRef, change: (c: Conversation) => Conversation, touch: boolean): Promise<Conversation> {
    if (!this.saved || !client.id) throw new AppError('NOT_FOUND', 'No such conversation.');
    const owner = ownerOf(client);
    return this.serial(id, async () => {
      const c = await this.saved!.get(id);
      if (!c || c.owner !== owner) throw new AppError('NOT_FOUND', 'No such conversation.');
      const next = change(c);
      if (touch) next.updatedAt = new Date(this.options.now()).toISOString();
      await this.saved!.put(next);
      return next;
    });
  }

  private fresh(id: string | undefined, owner: string, saved: boolean): Session {
    const at = new Date(this.options.now()).toISOString();
    return { id: id ?? this.options.newId(), owner, title: '', createdAt: at, updatedAt: at, turns: [], saved };
  }

  private push(c: Conversation, turn: StoredTurn): void {
    c.turns.push(turn);
    if (c.turns.length > this.options.maxStoredTurns) c.turns.splice(0, c.turns.length - this.options.maxStoredTurns);
    c.updatedAt = turn.at;
  }

  /** Before a client's new saved conversation: drop its own oldest beyond its quota; refuse past the global cap. */
  private async makeRoom(owner: string): Promise<void> {
    const store = this.saved!;
    const mine = await store.list(owner);
    for (const old of mine.slice(Math.max(0, this.options.maxConversationsPerClient - 1))) await store.delete(old.id);
    if ((await store.count()) >= this.options.maxConversations) {
      throw new AppError('CONVERSATIONS_FULL', `The server already keeps ${this.options.maxConversations} conversations; this one cannot be saved.`);
    }
  }

  private serial<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.chains.get(id) ?? Promise.resolve();
    const run = prev.then(fn, fn);
    const tail = run.catch(() => undefined);
    this.chains.set(id, tail);
    void tail.then(() => {
      if (this.chains.get(id) === tail) this.chains.delete(id);
    });
    return run;
  }

  // --- anonymous sessions in memory ---

  private remember(session: Session): Session {
    const e: Ephemeral = { session, lastUsed: this.options.now() };
    this.memory.set(session.id, e);
    let mine = this.perOwner.get(session.owner);
    if (!mine) this.perOwner.set(session.owner, (mine = new Set()));
    mine.add(session.id);
    // The client's own least recently used goes first…
    while (mine.size > this.options.maxSessionsPerClient) this.forget(mine.values().next().value as string);
    // …and the memory bound holds for everyone together.
    while (this.memory.size > this.options.maxSessions) this.forget(this.memory.keys().next().value as string);
    return session;
  }

  private touch(e: Ephemeral): void {
    e.lastUsed = this.options.now();
    this.memory.delete(e.session.id);
    this.memory.set(e.session.id, e);
    const mine = this.perOwner.get(e.session.owner);
    mine?.delete(e.session.id);
    mine?.add(e.session.id);
  }

  private forget(id: string): void {
    const e = this.memory.get(id);
    if (!e) return;
    this.memory.delete(id);
    const mine = this.perOwner.get(e.session.owner);
    mine?.delete(id);
    if (mine?.size === 0) this.perOwner.delete(e.session.owner);
  }

  /** Drop expired sessions; the least recently used come first, so stop at the first live one. */
  private sweep(): void {
    const now = this.options.now();
    for (const e of this.memory.values()) {
      if (now - e.lastUsed <= this.options.ttlMs) break;
      this.forget(e.session.id);
    }
  }
}

/** A conversation's default title: its first question on one line, shortened at a word. */
export function titleOf(text: string, max: number): string {
  const line = text.replace(/\s+/gu, ' ').trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
