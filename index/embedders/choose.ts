/**
 * The `auto` decision alone, without building anything: kept apart from auto.ts so it can be
 * asked cheaply (health output, CLI dry runs) and tested without constructing an embedder.
 */
import { resolveModelFiles } from './model-files.js';
import type { EmbedderChoice, EmbedderName } from './types.js';

export interface ChooseEmbedderOptions {
  /** MODEL_DIR / --model-dir; null = none configured. */
  modelDir: string | null;
  /** EMBEDDING_MODEL: model id inside modelDir. */
  model: string;
  /** Weights variant required (see TransformersEmbeddingsOptions.quantized). */
  quantized?: boolean;
}

export interface EmbedderDecision {
  name: EmbedderName;
  reason: string;
}

/**
 * 'auto' → transformers when the model's files are all present locally, else lexical.
 * Explicit choices are returned as is (auto.ts then fails loudly if transformers files are missing).
 */
export function chooseEmbedder(choice: EmbedderChoice, options: ChooseEmbedderOptions): EmbedderDecision {
  if (choice === 'lexical') return { name: 'lexical', reason: 'requested (EMBEDDER=lexical)' };
  if (choice === 'transformers') return { name: 'transformers', reason: 'requested (EMBEDDER=transformers)' };
  if (!options.modelDir) return { name: 'lexical', reason: 'no MODEL_DIR configured' };
  const files = resolveModelFiles(options.modelDir, options.model, options.quantized);
  if (files.missing.length > 0) {
    return { name: 'lexical', reason: `${files.missing.join(', ')} missing in ${files.folder}` };
  }
  return { name: 'transformers', reason: `${options.model} found in ${files.folder} (${files.weights})` };
}
