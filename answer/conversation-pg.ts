/**
 * Saved conversations and answer feedback in Postgres (when DATABASE_URL is set), beside the
 * passage store's tables and with the same schema and table prefix:
 *   <prefix>conversations  id text PK, owner, title, created_at, updated_at, turns jsonb
 *   <prefix>feedback       id bigserial PK, at, conversation_id, turn_id, record jsonb
 * Tables are created on first use (IF NOT EXISTS). The connection pool is the passage store's
 * (index/store/postgres.ts owns its lifecycle): this module only runs queries through it.
 */
import { AppError } from '../core/errors.js';
import type { FeedbackRecord, FeedbackStore } from './feedback.js';
import type { Conversation, ConversationStore, ConversationSummary } from './sessions.js';

/** The part of a pg Pool (or client) used here. */
export interface Queryable {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

export interface PgConversationNames {
  conversations: string;
  feedback: string;
  ownerIndex: string;
}

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

export function pgConversationNames(schema: string, prefix: string): PgConversationNames {
  if (!IDENT.test(schema) || (prefix !== '' && !IDENT.test(prefix))) {
    throw new AppError('INVALID_PARAMETER', `Postgres schema/prefix must be lowercase identifiers, got "${schema}" / "${prefix}".`);
  }
  const q = (name: string) => `"${schema}"."${prefix}${name}"`;
  return { conversations: q('conversations'), feedback: q('feedback'), ownerIndex: `"${prefix}conversations_owner_idx"` };
}

interface Row {
  id: string;
  owner: string;
  title: string;
  created_at: string;
  updated_at: string;
  turns: Conversation['turns'];
  n?: number;
}

export class PgConversationStore implements ConversationStore, FeedbackStore {
  readonly kind = 'postgres';
  private ready: Promise<void> | null = null;

  constructor(
    private readonly db: Queryable,
    private readonly names: PgConversationNames,
  ) {}

  /** Create the tables once (concurrent servers: IF NOT EXISTS on both sides is harmless). */
  private init(): Promise<void> {
    this.ready ??= (async () => {
      const n = this.names;
      await this.run(`CREATE TABLE IF NOT EXISTS ${n.conversations} (
        id text PRIMARY KEY,
        owner text NOT NULL,
        title text NOT NULL DEFAULT '',
        created_at text NOT NULL,
        updated_at text NOT NULL,
        turns jsonb NOT NULL DEFAULT '[]'::jsonb
      )`);
      await this.run(`CREATE INDEX IF NOT EXISTS ${n.ownerIndex} ON ${n.conversations} (owner, updated_at DESC)`);
      await this.run(`CREATE TABLE IF NOT EXISTS ${n.feedback} (
        id bigserial PRIMARY KEY,
        at text NOT NULL,
        conversation_id text NOT NULL,
        turn_id text NOT NULL,
        record jsonb NOT NULL
      )`);
    })();
    this.ready.catch(() => {
      this.ready = null;
    });
    return this.ready;
  }

  private async run<R>(text: string, params: unknown[] = []): Promise<R[]> {
    try {
      return (await this.db.query<R>(text, params)).rows;
    } catch (cause) {
      throw new AppError('CONVERSATIONS_UNAVAILABLE', `Conversations cannot be read or written in the database (${(cause as Error).message}).`, { cause });
    }
  }

  async get(id: string): Promise<Conversation | null> {
    await this.init();
    const [row] = await this.run<Row>(`SELECT id, owner, title, created_at, updated_at, turns FROM ${this.names.conversations} WHERE id = $1`, [id]);
    return row ? { id: row.id, owner: row.owner, title: row.title, createdAt: row.created_at, updatedAt: row.updated_at, turns: row.turns } : null;
  }

  async put(c: Conversation): Promise<void> {
    await this.init();
    await this.run(
      `INSERT INTO ${this.names.conversations} (id, owner, title, created_at, updated_at, turns) VALUES ($1, $2, $3, $4, $5, $6::jsonb)
       ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, updated_at = EXCLUDED.updated_at, turns = EXCLUDED.turns
       WHERE ${this.names.conversations}.owner = EXCLUDED.owner`,
      [c.id, c.owner, c.title, c.createdAt, c.updatedAt, JSON.stringify(c.turns)],
    );
  }

  async delete(id: string): Promise<boolean> {
    await this.init();
    return (await this.run(`DELETE FROM ${this.names.conversations} WHERE id = $1 RETURNING id`, [id])).length > 0;
  }

  async list(owner: string): Promise<ConversationSummary[]> {
    await this.init();
    const rows = await this.run<Row>(
      `SELECT id, owner, title, created_at, updated_at, jsonb_array_length(turns)::int AS n FROM ${this.names.conversations} WHERE owner = $1 ORDER BY updated_at DESC`,
      [owner],
    );
    return rows.map((r) => ({ id: r.id, title: r.title, createdAt: r.created_at, updatedAt: r.updated_at, turns: r.n ?? 0 }));
  }

  async count(): Promise<number> {
    await this.init();
    const [row] = await this.run<{ n: number }>(`SELECT count(*)::int AS n FROM ${this.names.conversations}`);
    return row?.n ?? 0;
  }

  // --- FeedbackStore ---

  async add(record: FeedbackRecord): Promise<void> {
    await this.init();
    await this.run(`INSERT INTO ${this.names.feedback} (at, conversation_id, turn_id, record) VALUES ($1, $2, $3, $4::jsonb)`, [
      record.at,
      record.conversationId,
      record.turnId,
      JSON.stringify(record),
    ]);
  }

  async all(): Promise<FeedbackRecord[]> {
    await this.init();
    return (await this.run<{ record: FeedbackRecord }>(`SELECT record FROM ${this.names.feedback} ORDER BY id`)).map((r) => r.record);
  }

  async close(): Promise<void> {}
}
