/**
 * The embedders the bench measures, as plain serialisable specs (they cross into child processes
 * and into the server's environment). The tiny test model is generated locally; real
 * multilingual-e5-small is used only when MODEL_DIR already holds it (nothing is downloaded).
 */
import path from 'node:path';
import type { Logger } from '../core/logger.js';
import { chooseEmbedder, createEmbedder, DEFAULT_LEXICAL_OPTIONS } from '../index/index.js';
import type { AssistantEmbeddings } from '../index/index.js';
import { writeTinyModel } from '../tests/helpers/tiny-model.js';
import type { EmbedderKind } from './options.js';

export const TINY_LABEL = 'tiny test model — not representative of multilingual-e5-small';

export interface EmbedderSpec {
  kind: EmbedderKind;
  /** Shown in every table row. */
  label: string;
  modelDir: string | null;
  model: string | null;
}

export interface EmbedderSetupOptions {
  kinds: EmbedderKind[];
  /** Where the tiny model is written (data/bench/models). */
  modelsDir: string;
  /** MODEL_DIR for e5 (null: skipped). */
  e5ModelDir: string | null;
  e5Model: string;
}

export const DEFAULT_EMBEDDER_SETUP: EmbedderSetupOptions = {
  kinds: ['lexical', 'tiny', 'e5'],
  modelsDir: path.join('data', 'bench', 'models'),
  e5ModelDir: null,
  e5Model: 'Xenova/multilingual-e5-small',
};

export interface EmbedderSetup {
  available: EmbedderSpec[];
  skipped: { kind: EmbedderKind; reason: string }[];
}

export const LEXICAL: EmbedderSpec = { kind: 'lexical', label: `lexical (shipped offline embedder, ${DEFAULT_LEXICAL_OPTIONS.dimension}-d)`, modelDir: null, model: null };

export async function setupEmbedders(options: Partial<EmbedderSetupOptions> = {}): Promise<EmbedderSetup> {
  const o: EmbedderSetupOptions = { ...DEFAULT_EMBEDDER_SETUP, ...options };
  const setup: EmbedderSetup = { available: [], skipped: [] };
  for (const kind of o.kinds) {
    if (kind === 'lexical') setup.available.push(LEXICAL);
    else if (kind === 'tiny') {
      // Regenerated each run (≈40 KB, deterministic): never a stale copy.
      const tiny = await writeTinyModel({ root: path.resolve(o.modelsDir) });
      setup.available.push({ kind, label: `transformers, ${TINY_LABEL} (${tiny.hidden}-d)`, modelDir: tiny.root, model: tiny.model });
    } else {
      const decision = o.e5ModelDir ? chooseEmbedder('auto', { modelDir: o.e5ModelDir, model: o.e5Model }) : null;
      if (!decision || decision.name !== 'transformers') {
        setup.skipped.push({ kind, reason: `multilingual-e5-small skipped: ${decision ? decision.reason : 'MODEL_DIR is not set'} (place the model under MODEL_DIR to measure it; nothing is downloaded)` });
      } else {
        setup.available.push({ kind, label: `transformers, ${o.e5Model}`, modelDir: o.e5ModelDir, model: o.e5Model });
      }
    }
  }
  return setup;
}

export function buildEmbedder(spec: EmbedderSpec, logger: Logger): AssistantEmbeddings {
  if (spec.kind === 'lexical') return createEmbedder('lexical', {}, logger);
  return createEmbedder('transformers', { modelDir: spec.modelDir, model: spec.model ?? undefined }, logger);
}

/** The server's environment for this embedder (EMBEDDER, MODEL_DIR, EMBEDDING_MODEL). */
export function serverEnv(spec: EmbedderSpec): Record<string, string> {
  if (spec.kind === 'lexical') return { EMBEDDER: 'lexical' };
  return { EMBEDDER: 'transformers', MODEL_DIR: spec.modelDir ?? '', EMBEDDING_MODEL: spec.model ?? '' };
}
