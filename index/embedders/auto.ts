/**
 * Builds the embedder: the neural model when its weights are on disk, the lexical embedder
 * otherwise, so `npm start` works air-gapped with no setup yet uses the better model once the
 * files are placed. The choice and its reason are always logged. An explicit `transformers`
 * request never falls back: missing files are an error (MODEL_MISSING), not a silent downgrade.
 */
import { AppError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { chooseEmbedder } from './choose.js';
import { LexicalEmbeddings, type LexicalEmbeddingsOptions } from './lexical.js';
import { DEFAULT_TRANSFORMERS_OPTIONS, TransformersEmbeddings, type TransformersEmbeddingsOptions } from './transformers.js';
import type { AssistantEmbeddings, EmbedderChoice } from './types.js';

export { chooseEmbedder, type EmbedderDecision } from './choose.js';

export interface CreateEmbedderOptions {
  /** MODEL_DIR / --model-dir; null = none configured. */
  modelDir: string | null;
  /** EMBEDDING_MODEL: model id inside modelDir. */
  model: string;
  /** Further transformers options (prefixes, batch size, quantized, maxLength). */
  transformers: Partial<Omit<TransformersEmbeddingsOptions, 'modelDir' | 'model' | 'logger'>>;
  lexical: Partial<LexicalEmbeddingsOptions>;
}

export const DEFAULT_CREATE_EMBEDDER: CreateEmbedderOptions = {
  modelDir: null,
  model: DEFAULT_TRANSFORMERS_OPTIONS.model,
  transformers: {},
  lexical: {},
};

/**
 * 'auto' → transformers when its files are present locally, else lexical (logged with the reason).
 * 'transformers' without MODEL_DIR or with missing files throws MODEL_MISSING naming the files.
 */
export function createEmbedder(
  choice: EmbedderChoice,
  options: Partial<CreateEmbedderOptions>,
  logger: Logger,
): AssistantEmbeddings {
  const opts: CreateEmbedderOptions = { ...DEFAULT_CREATE_EMBEDDER, ...options };
  const decision = chooseEmbedder(choice, { modelDir: opts.modelDir, model: opts.model, quantized: opts.transformers.quantized });
  const fields = { embedder: decision.name, reason: decision.reason };
  // A configured MODEL_DIR that auto had to ignore is probably a mistake: say so louder.
  if (choice === 'auto' && decision.name === 'lexical' && opts.modelDir !== null) logger.warn('embedder chosen', fields);
  else logger.info('embedder chosen', fields);

  if (decision.name === 'lexical') return new LexicalEmbeddings({ logger, ...opts.lexical });
  if (!opts.modelDir) {
    throw new AppError(
      'MODEL_MISSING',
      `EMBEDDER=transformers needs MODEL_DIR (or --model-dir) pointing at a local folder holding ${opts.model}; ` +
        'nothing is downloaded at run time. Or use EMBEDDER=auto / lexical.',
    );
  }
  return new TransformersEmbeddings({ ...opts.transformers, modelDir: opts.modelDir, model: opts.model, logger });
}
