/**
 * Feedback on answers (thumbs up / down, optional comment), kept with everything needed to turn
 * it into a test later: the question, the answer, whether it was declined, and the cited passages
 * with the sentences quoted from them. Append-only: a changed opinion is a newer record for the
 * same turn (the latest wins, see latestFeedback). `npm run eval -- --feedback-draft` reads it
 * (eval/feedback-draft.ts).
 *
 * Stores: a JSON-lines file in the data folder (`data/feedback.jsonl`), memory (tests), or
 * Postgres (answer/conversation-pg.ts) when DATABASE_URL is set.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AppError } from '../core/errors.js';
import type { Lang } from '../core/types.js';
import type { Citation, Quote } from './types.js';

export interface FeedbackRecord {
  at: string;
  conversationId: string;
  turnId: string;
  rating: 'up' | 'down';
  comment?: string;
  lang?: Lang;
  question: string;
  /** The standalone question searched (a follow-up rewritten). */
  standalone?: string;
  answer: string;
  answered: boolean;
  citations: Citation[];
  quotes?: Quote[];
}

export interface FeedbackStore {
  add(record: FeedbackRecord): Promise<void>;
  /** Every record, oldest first. */
  all(): Promise<FeedbackRecord[]>;
}

/** The latest record per turn, in the order the turns were first rated. */
export function latestFeedback(records: readonly FeedbackRecord[]): FeedbackRecord[] {
  const byTurn = new Map<string, FeedbackRecord>();
  for (const r of records) byTurn.set(`${r.conversationId}/${r.turnId}`, r);
  return [...byTurn.values()];
}

export class MemoryFeedbackStore implements FeedbackStore {
  readonly records: FeedbackRecord[] = [];
  async add(record: FeedbackRecord): Promise<void> {
    this.records.push(structuredClone(record));
  }
  async all(): Promise<FeedbackRecord[]> {
    return structuredClone(this.records);
  }
}

/**
 * One JSON object per line, appended (O_APPEND writes of one line do not interleave). A torn last
 * line (a crash mid-write) is skipped when reading.
 */
export class FileFeedbackStore implements FeedbackStore {
  constructor(readonly file: string) {}

  async add(record: FeedbackRecord): Promise<void> {
    try {
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      await fs.appendFile(this.file, `${JSON.stringify(record)}\n`, { mode: 0o600 });
    } catch (cause) {
      throw new AppError('CONVERSATIONS_UNAVAILABLE', `Feedback cannot be written (${(cause as NodeJS.ErrnoException).code ?? 'error'}).`, { cause });
    }
  }

  async all(): Promise<FeedbackRecord[]> {
    let raw: string;
    try {
      raw = await fs.readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new AppError('CONVERSATIONS_UNAVAILABLE', `Feedback cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}).`, { cause: err });
    }
    const out: FeedbackRecord[] = [];
    for (const line of raw.split('\n')) {
      if (!line.trim()) continue;
      try {
        out.push(JSON.parse(line) as FeedbackRecord);
      } catch {
        // a torn line from an interrupted write
      }
    }
    return out;
  }
}
