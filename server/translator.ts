/**
 * The French → English translator behind English answers (answer/english.ts), opened once at
 * start-up: warmed in the background so the first English answer does not pay the engine's
 * start-up. Without Apertium the server still answers English questions (French quotations) and
 * says once, at start, how to turn English renderings on.
 */
import type { Logger } from '../core/logger.js';
import { APERTIUM_INSTALL_HINT, apertiumAvailability, openTranslator, type Translator } from '../text/index.js';

export interface Translators {
  /** French → English: English renderings of quotes, French questions carried into English follow-ups. */
  toEnglish: Translator | null;
  /** English → French: English questions carried into French follow-ups. */
  toFrench: Translator | null;
  close(): Promise<void>;
}

export function openTranslators(logger: Logger): Translators {
  const availability = apertiumAvailability('fr-en');
  if (!availability.available) {
    logger.warn(`English answers will quote the French sentences untranslated (${availability.reason}); to render them in English, install Apertium: ${APERTIUM_INSTALL_HINT}`);
    return { toEnglish: null, toFrench: null, close: async () => {} };
  }
  const toEnglish = openTranslator('fr-en', { logger });
  const toFrench = apertiumAvailability('en-fr').available ? openTranslator('en-fr', { logger }) : null;
  toEnglish?.warm().then(
    () => logger.info('English renderings on', { engine: toEnglish.engine }),
    (err: unknown) => logger.warn('translator warm-up failed; it will retry on the first English answer', { error: err instanceof Error ? err : String(err) }),
  );
  return {
    toEnglish,
    toFrench,
    close: async () => {
      await Promise.all([toEnglish?.close(), toFrench?.close()]);
    },
  };
}
