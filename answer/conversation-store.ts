/**
 * Saved conversations on local storage: in memory (tests, no data folder), or one JSON file per
 * conversation under a folder of the data directory (`data/conversations/<id>.json`, format
 * version inside), written atomically (temporary file + rename), the folder private to the
 * server's user. A summary of every conversation is read once, on first use, then kept up to date
 * by this process (one server process per folder; several servers share conversations through
 * Postgres, see conversation-pg.ts).
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AppError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { silentLogger } from '../core/logger.js';
import type { Conversation, ConversationStore, ConversationSummary } from './sessions.js';

export const CONVERSATION_FORMAT_VERSION = 1;

/** Conversation ids as the server makes them (UUIDs): nothing else ever becomes a file name. */
const ID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

export function summaryOf(c: Conversation): ConversationSummary {
  return { id: c.id, title: c.title, createdAt: c.createdAt, updatedAt: c.updatedAt, turns: c.turns.length };
}

const newestFirst = (a: ConversationSummary, b: ConversationSummary) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0);

export class MemoryConversationStore implements ConversationStore {
  readonly kind = 'memory';
  private readonly items = new Map<string, Conversation>();

  async get(id: string): Promise<Conversation | null> {
    const c = this.items.get(id);
    return c ? structuredClone(c) : null;
  }
  async put(c: Conversation): Promise<void> {
    this.items.set(c.id, structuredClone(c));
  }
  async delete(id: string): Promise<boolean> {
    return this.items.delete(id);
  }
  async list(owner: string): Promise<ConversationSummary[]> {
    return [...this.items.values()].filter((c) => c.owner === owner).map(summaryOf).sort(newestFirst);
  }
  async count(): Promise<number> {
    return this.items.size;
  }
  async close(): Promise<void> {}
}

export interface FileConversationStoreOptions {
  dir: string;
  logger: Logger;
}

export class FileConversationStore implements ConversationStore {
  readonly kind = 'files';
  readonly dir: string;
  private readonly logger: Logger;
  private summaries: Promise<Map<string, ConversationSummary & { owner: string }>> | null = null;

  constructor(options: Partial<FileConversationStoreOptions> & { dir: string }) {
    this.dir = options.dir;
    this.logger = options.logger ?? silentLogger;
  }

  private file(id: string): string | null {
    return ID.test(id) ? path.join(this.dir, `${id.toLowerCase()}.json`) : null;
  }

  async get(id: string): Promise<Conversation | null> {
    const file = this.file(id);
    if (!file) return null;
    let raw: string;
    try {
      raw = await fs.readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw unavailable(err);
    }
    return parse(raw, file, this.logger);
  }

  async put(c: Conversation): Promise<void> {
    const file = this.file(c.id);
    if (!file) throw new AppError('INVALID_PARAMETER', `Not a conversation id: ${c.id}`);
    const index = await this.index();
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 }).catch((err: unknown) => {
      throw unavailable(err);
    });
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      const handle = await fs.open(tmp, 'w', 0o600);
      try {
        await handle.writeFile(JSON.stringify({ version: CONVERSATION_FORMAT_VERSION, ...c }));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(tmp, file);
    } catch (err) {
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      throw unavailable(err);
    }
    index.set(c.id, { ...summaryOf(c), owner: c.owner });
  }

  async delete(id: string): Promise<boolean> {
    const file = this.file(id);
    if (!file) return false;
    const index = await this.index();
    try {
      await fs.rm(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return index.delete(id);
      throw unavailable(err);
    }
    index.delete(id);
    return true;
  }

  async list(owner: string): Promise<ConversationSummary[]> {
    const out: ConversationSummary[] = [];
    for (const s of (await this.index()).values()) if (s.owner === owner) out.push({ id: s.id, title: s.title, createdAt: s.createdAt, updatedAt: s.updatedAt, turns: s.turns });
    return out.sort(newestFirst);
  }

  async count(): Promise<number> {
    return (await this.index()).size;
  }

  async close(): Promise<void> {}

  /** Every conversation's summary, read from the folder once. */
  private index(): Promise<Map<string, ConversationSummary & { owner: string }>> {
    this.summaries ??= (async () => {
      const map = new Map<string, ConversationSummary & { owner: string }>();
      let names: string[];
      try {
        names = await fs.readdir(this.dir);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return map;
        throw unavailable(err);
      }
      for (const name of names) {
        const full = path.join(this.dir, name);
        if (name.endsWith('.tmp')) {
          // A write interrupted by a crash: the conversation file itself is intact.
          await fs.rm(full, { force: true }).catch(() => undefined);
          continue;
        }
        if (!name.endsWith('.json')) continue;
        const c = parse(await fs.readFile(full, 'utf8').catch(() => ''), full, this.logger);
        if (c) map.set(c.id, { ...summaryOf(c), owner: c.owner });
      }
      return map;
    })();
    this.summaries.catch(() => {
      this.summaries = null;
    });
    return this.summaries;
  }
}

function parse(raw: string, file: string, logger: Logger): Conversation | null {
  try {
    const v = JSON.parse(raw) as Partial<Conversation> & { version?: number };
    if (v.version !== CONVERSATION_FORMAT_VERSION || typeof v.id !== 'string' || typeof v.owner !== 'string' || !Array.isArray(v.turns)) {
      logger.warn('conversation file ignored (unknown format)', { file });
      return null;
    }
    const { version: _version, ...c } = v;
    return c as Conversation;
  } catch {
    logger.warn('conversation file ignored (not JSON)', { file });
    return null;
  }
}

function unavailable(cause: unknown): AppError {
  const code = (cause as NodeJS.ErrnoException).code ?? 'error';
  return new AppError('CONVERSATIONS_UNAVAILABLE', `Conversations cannot be read or written (${code}).`, { cause });
}
