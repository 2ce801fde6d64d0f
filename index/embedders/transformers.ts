/**
 * Neural embedder: a local ONNX sentence-embedding model run by the feature-extraction pipeline of
 * `@huggingface/transformers` (onnxruntime-node, CPU). Default `Xenova/multilingual-e5-small`
 * (384 dims, French + English in one space), mean pooling + L2 normalisation as E5 prescribes.
 *
 * Strictly offline: files are validated up front (model-files.ts) and transformers.js is told never
 * to reach the hub. `modelDir` is either the root holding `<org>/<name>/…` or the model folder itself
 * (see model-files.ts). The pipeline loads lazily on first use (or `load()`), once per instance.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FeatureExtractionPipeline } from '@huggingface/transformers';
import { AppError, isAppError } from '../../core/errors.js';
import { silentLogger, type Logger } from '../../core/logger.js';
import { AssistantEmbeddings, type EmbedderInfo } from './types.js';
import { assertModelFiles, resolveModelFiles, modelMissingError, type ResolvedModelFiles } from './model-files.js';

export interface TransformersEmbeddingsOptions {
  /** Local models root (transformers.js `localModelPath`), or a folder that directly holds config.json. */
  modelDir: string;
  /** Model id: sub-folder of modelDir, and the name recorded in the index manifest. */
  model: string;
  /** Prepended to questions; E5 models are trained with "query: ". Use "" for models without prefixes. */
  queryPrefix: string;
  /** Prepended to indexed passages; E5 models are trained with "passage: ". */
  passagePrefix: string;
  /** Texts per ONNX run in embedDocuments: bounds memory (padding makes cost ∝ batch × longest text). */
  batchSize: number;
  /** true → onnx/model_quantized.onnx, false → onnx/model.onnx, undefined → quantized if present, else fp32. */
  quantized?: boolean;
  /** Truncate inputs to this many tokens (special tokens included); default: the tokenizer's model_max_length. */
  maxLength?: number;
  logger: Logger;
}

export const DEFAULT_TRANSFORMERS_OPTIONS: Omit<TransformersEmbeddingsOptions, 'modelDir'> = {
  model: 'Xenova/multilingual-e5-small',
  queryPrefix: 'query: ',
  passagePrefix: 'passage: ',
  batchSize: 16,
  quantized: undefined,
  maxLength: undefined,
  logger: silentLogger,
};

export class TransformersEmbeddings extends AssistantEmbeddings {
  readonly info: EmbedderInfo;
  readonly options: Readonly<TransformersEmbeddingsOptions>;
  /** Where the model was found and which weights file is used. */
  readonly files: ResolvedModelFiles & { weights: string };
  private readonly logger: Logger;
  private extractor: Promise<FeatureExtractionPipeline> | null = null;

  /** Throws MODEL_MISSING (files absent) or EMBEDDING_FAILED (unreadable config) without loading anything. */
  constructor(options: Partial<TransformersEmbeddingsOptions> & { modelDir: string }) {
    super({});
    const opts: TransformersEmbeddingsOptions = { ...DEFAULT_TRANSFORMERS_OPTIONS, ...options };
    validate(opts);
    this.options = Object.freeze(opts);
    this.logger = opts.logger.child({ component: 'embedder', embedder: 'transformers' });
    const files = assertModelFiles(opts.modelDir, opts.model, opts.quantized);
    // assertModelFiles guarantees weights; restated for the type.
    this.files = { ...files, weights: files.weights ?? '' };
    const dimension = readHiddenSize(path.join(files.folder, 'config.json'));
    this.info = {
      name: 'transformers',
      model: opts.model,
      dimension,
      fingerprint: fingerprint(opts, this.files, dimension),
    };
  }

  async embedQuery(text: string): Promise<number[]> {
    const [vector] = await this.run([this.options.queryPrefix + text]);
    return vector!;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    const out: number[][] = [];
    for (let i = 0; i < texts.length; i += this.options.batchSize) {
      const batch = texts.slice(i, i + this.options.batchSize).map((t) => this.options.passagePrefix + t);
      out.push(...(await this.run(batch)));
    }
    return out;
  }

  /** Load the tokenizer and ONNX session now (otherwise done on first embed); resolves when ready. */
  async load(): Promise<void> {
    await this.pipeline();
  }

  /** Release the ONNX session; a later embed call loads it again. */
  async dispose(): Promise<void> {
    const pending = this.extractor;
    this.extractor = null;
    if (pending) await (await pending.catch(() => null))?.dispose();
  }

  private async run(texts: string[]): Promise<number[][]> {
    if (texts.length === 0) return [];
    const extractor = await this.pipeline();
    let tensor;
    try {
      tensor = await extractor(texts, { pooling: 'mean', normalize: true });
    } catch (err) {
      throw new AppError('EMBEDDING_FAILED', `Embedding ${texts.length} text(s) with ${this.options.model} failed: ${message(err)}`, {
        cause: err,
      });
    }
    const vectors = tensor.tolist() as number[][];
    tensor.dispose();
    if (vectors[0]?.length !== this.info.dimension) {
      throw new AppError(
        'EMBEDDING_FAILED',
        `${this.options.model} produced ${vectors[0]?.length ?? 0}-dimensional vectors but its config.json says hidden_size ${this.info.dimension}.`,
      );
    }
    return vectors;
  }

  private pipeline(): Promise<FeatureExtractionPipeline> {
    if (!this.extractor) {
      this.extractor = this.loadPipeline();
      // A failed load is not cached: fixing the files lets the next call retry.
      this.extractor.catch(() => {
        this.extractor = null;
      });
    }
    return this.extractor;
  }

  private async loadPipeline(): Promise<FeatureExtractionPipeline> {
    const started = performance.now();
    const { folder, weights, quantized } = this.files;
    // Re-check: files may have moved since construction, and a clear MODEL_MISSING beats an ORT trace.
    const now = resolveModelFiles(this.options.modelDir, this.options.model, this.options.quantized);
    if (now.missing.length > 0 || now.folder !== folder || now.weights !== weights) {
      throw modelMissingError(now.missing.length > 0 ? now : { folder, missing: [weights] }, this.options.model);
    }
    // Imported here so that processes using the lexical embedder never load onnxruntime.
    const { pipeline, env } = await import('@huggingface/transformers');
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    // The FS cache would be consulted before the folder (a stale cached copy could shadow it).
    env.useFSCache = false;
    env.useBrowserCache = false;
    env.localModelPath = path.resolve(this.options.modelDir);
    try {
      // An absolute path is not a hub-shaped id, so transformers.js reads `<folder>/<file>` as is: this
      // serves both layouts and does not depend on the process-wide localModelPath.
      const extractor = await pipeline('feature-extraction', folder, {
        local_files_only: true,
        dtype: quantized ? 'q8' : 'fp32',
        device: 'cpu',
      });
      if (this.options.maxLength !== undefined) {
        // The pipeline truncates at the tokenizer's model_max_length; this pipeline is ours alone.
        const tokenizer = extractor.tokenizer;
        tokenizer.model_max_length = Math.min(this.options.maxLength, Number(tokenizer.model_max_length ?? Infinity));
      }
      this.logger.info('transformers model loaded', {
        model: this.options.model,
        folder,
        weights,
        dimension: this.info.dimension,
        loadMs: Math.round(performance.now() - started),
      });
      return extractor;
    } catch (err) {
      if (isAppError(err)) throw err;
      throw new AppError('EMBEDDING_FAILED', `Loading ${this.options.model} from ${folder} (${weights}) failed: ${message(err)}`, {
        cause: err,
      });
    }
  }
}

function validate(opts: TransformersEmbeddingsOptions): void {
  if (typeof opts.modelDir !== 'string' || opts.modelDir.trim() === '') {
    throw new AppError('INVALID_PARAMETER', 'TransformersEmbeddings needs modelDir (MODEL_DIR / --model-dir): the local folder holding the model.');
  }
  if (opts.model.trim() === '') throw new AppError('INVALID_PARAMETER', 'The embedding model id must not be empty.');
  if (!Number.isInteger(opts.batchSize) || opts.batchSize < 1) {
    throw new AppError('INVALID_PARAMETER', `batchSize must be a positive integer, got ${opts.batchSize}.`);
  }
  if (opts.maxLength !== undefined && (!Number.isInteger(opts.maxLength) || opts.maxLength < 2)) {
    throw new AppError('INVALID_PARAMETER', `maxLength must be an integer ≥ 2 (room for the special tokens), got ${opts.maxLength}.`);
  }
}

function readHiddenSize(configPath: string): number {
  let config: unknown;
  try {
    config = JSON.parse(readFileSync(configPath, 'utf8'));
  } catch (err) {
    throw new AppError('EMBEDDING_FAILED', `Cannot read ${configPath}: ${message(err)}`, { cause: err });
  }
  const hidden = (config as { hidden_size?: unknown } | null)?.hidden_size;
  if (typeof hidden !== 'number' || !Number.isInteger(hidden) || hidden < 1) {
    throw new AppError('EMBEDDING_FAILED', `${configPath} has no valid hidden_size (the embedding dimension).`);
  }
  return hidden;
}

/**
 * Everything that changes the vectors: model, weights variant (and size, a cheap proxy for "same
 * file"), prefixes, pooling, truncation. Not batchSize or the folder's location.
 */
function fingerprint(opts: TransformersEmbeddingsOptions, files: ResolvedModelFiles & { weights: string }, dimension: number): string {
  const weightsBytes = fileSize(path.join(files.folder, files.weights));
  const payload = JSON.stringify({
    v: 1,
    model: opts.model,
    weights: files.weights,
    weightsBytes,
    dimension,
    queryPrefix: opts.queryPrefix,
    passagePrefix: opts.passagePrefix,
    pooling: 'mean',
    normalize: true,
    maxLength: opts.maxLength ?? null,
  });
  return createHash('sha256').update(payload).digest('hex').slice(0, 16);
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return -1;
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
