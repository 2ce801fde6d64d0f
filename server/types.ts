import type { Answerer, FeedbackStore, SessionStore } from '../answer/index.js';
import type { AppConfig } from '../core/config.js';
import type { Logger } from '../core/logger.js';
import type { IndexService } from '../index/index.js';
import type { LiveContext } from '../ingest/index.js';
import type { Translator } from '../text/index.js';

/** What routes need, injected once when the app is built (tests pass their own). */
export interface AppDeps {
  config: AppConfig;
  logger: Logger;
  service: IndexService;
  startedAt: number;
  /** The answer pipeline (answer/pipeline.ts); absent → an extractive one over `service` is built on first use. */
  answerer?: Answerer;
  /** French → English translator for the default answerer's English renderings (absent: French quotations). */
  translator?: Translator | null;
  /** Live document uploads/deletes (ingest/live.ts); absent → POST/DELETE /api/documents answer 405. */
  documents?: LiveContext;
  /** Conversations (answer/sessions.ts), shared with the answerer; absent → the answerer's own, in memory. */
  sessions?: SessionStore;
  /** Where answer feedback goes (answer/feedback.ts); absent → memory. */
  feedback?: FeedbackStore;
}

export interface AppEnv {
  Variables: { deps: AppDeps };
}
