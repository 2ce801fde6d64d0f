import type { AppConfig } from '../core/config.js';
import type { Logger } from '../core/logger.js';
import type { IndexService } from '../index/service.js';

/** What routes need, injected once when the app is built (tests pass their own). */
export interface AppDeps {
  config: AppConfig;
  logger: Logger;
  service: IndexService;
  startedAt: number;
}

export interface AppEnv {
  Variables: { deps: AppDeps };
}
