/**
 * Where saved conversations and feedback live, chosen once at start-up: in Postgres beside the
 * passages when the index is there (through the passage store's pool, whose lifecycle that store
 * owns), else in files under the data folder (conversations/<id>.json, feedback.jsonl).
 */
import path from 'node:path';
import { FileConversationStore, FileFeedbackStore, PgConversationStore, pgConversationNames, SessionStore } from '../answer/index.js';
import type { FeedbackStore, Queryable, SessionOptions } from '../answer/index.js';
import type { AppConfig } from '../core/config.js';
import type { Logger } from '../core/logger.js';
import type { PassageStore } from '../index/index.js';

export interface ConversationStores {
  sessions: SessionStore;
  feedback: FeedbackStore;
  kind: 'files' | 'postgres';
}

type Config = Pick<AppConfig, 'conversations' | 'dataDir' | 'pgSchema' | 'pgTablePrefix'>;

/** The pool a Postgres passage store shares, when it exposes one. */
function queryableOf(store: PassageStore): Queryable | null {
  const pool = (store as { pool?: unknown }).pool;
  return pool && typeof (pool as Queryable).query === 'function' ? (pool as Queryable) : null;
}

export function openConversationStores(config: Config, store: PassageStore | null, logger: Logger, options: Partial<SessionOptions> = {}): ConversationStores {
  const limits: Partial<SessionOptions> = { maxConversations: config.conversations.max, maxConversationsPerClient: config.conversations.perClient, ...options };
  const db = store && store.kind === 'postgres' ? queryableOf(store) : null;
  if (db) {
    const pg = new PgConversationStore(db, pgConversationNames(config.pgSchema, config.pgTablePrefix));
    logger.info('conversations saved in Postgres', { schema: config.pgSchema, prefix: config.pgTablePrefix });
    return { sessions: new SessionStore(limits, pg), feedback: pg, kind: 'postgres' };
  }
  if (store?.kind === 'postgres') logger.warn('conversations saved in files: the Postgres store shares no connection pool', { dir: config.conversations.dir });
  return {
    sessions: new SessionStore(limits, new FileConversationStore({ dir: config.conversations.dir, logger })),
    feedback: new FileFeedbackStore(path.join(config.dataDir, 'feedback.jsonl')),
    kind: 'files',
  };
}
