/**
 * Offline check of a transformers.js model folder, done before anything is loaded so a missing
 * or half-copied model is reported as exactly which files to put where, never as a stack trace
 * from inside the ONNX runtime, and never as an attempted download.
 *
 * Two layouts are accepted for `modelDir`:
 *   nested  `<modelDir>/<org>/<name>/config.json` (transformers.js `localModelPath` layout; one
 *           MODEL_DIR can hold several models)
 *   direct  `<modelDir>/config.json` (modelDir is the model folder itself, e.g. a `--local-dir`
 *           download)
 * The nested layout wins when both exist; when neither does, messages name the nested folder.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../core/errors.js';

/** Files transformers.js reads for a feature-extraction model besides the weights. */
export const REQUIRED_MODEL_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'] as const;

export const WEIGHT_FILES = {
  quantized: 'onnx/model_quantized.onnx',
  fp32: 'onnx/model.onnx',
} as const;

export type ModelLayout = 'nested' | 'direct';

export interface ResolvedModelFiles {
  /** Absolute folder that holds (or should hold) config.json. */
  folder: string;
  layout: ModelLayout;
  /** Weights file chosen, relative to `folder`; null when none usable is present. */
  weights: string | null;
  /** Whether the chosen weights are the int8 `model_quantized.onnx`. */
  quantized: boolean;
  /** Missing or unusable files relative to `folder`, in a human-readable form; empty = complete. */
  missing: string[];
}

/**
 * Locate the model folder and list what is missing.
 * `quantized`: true → needs onnx/model_quantized.onnx; false → needs onnx/model.onnx;
 * undefined → the quantized file if present (4× smaller, what most people download), else fp32.
 */
export function resolveModelFiles(modelDir: string, model: string, quantized?: boolean): ResolvedModelFiles {
  const root = path.resolve(modelDir);
  const nested = path.join(root, model);
  const layout: ModelLayout =
    !isFile(path.join(nested, 'config.json')) && isFile(path.join(root, 'config.json')) ? 'direct' : 'nested';
  const folder = layout === 'direct' ? root : nested;

  const missing: string[] = [];
  for (const rel of REQUIRED_MODEL_FILES) {
    const problem = fileProblem(path.join(folder, rel));
    if (problem) missing.push(problem === 'absent' ? rel : `${rel} (${problem})`);
  }

  const candidates =
    quantized === true ? [WEIGHT_FILES.quantized] : quantized === false ? [WEIGHT_FILES.fp32] : [WEIGHT_FILES.quantized, WEIGHT_FILES.fp32];
  const problems = candidates.map((rel) => ({ rel, problem: fileProblem(path.join(folder, rel)) }));
  const usable = problems.find((c) => c.problem === null);
  if (!usable) {
    const present = problems.find((c) => c.problem !== 'absent');
    missing.push(
      present
        ? `${present.rel} (${present.problem})`
        : candidates.length === 1
          ? candidates[0]!
          : `${WEIGHT_FILES.quantized} or ${WEIGHT_FILES.fp32}`,
    );
  }
  return {
    folder,
    layout,
    weights: usable?.rel ?? null,
    quantized: usable?.rel === WEIGHT_FILES.quantized,
    missing,
  };
}

/** The missing files (relative to the model folder); empty when the model can be loaded offline. */
export function checkModelFiles(modelDir: string, model: string, quantized?: boolean): string[] {
  return resolveModelFiles(modelDir, model, quantized).missing;
}

/** Resolve the model files or throw MODEL_MISSING explaining what to download and where to copy it. */
export function assertModelFiles(modelDir: string, model: string, quantized?: boolean): ResolvedModelFiles {
  const resolved = resolveModelFiles(modelDir, model, quantized);
  if (resolved.missing.length > 0) throw modelMissingError(resolved, model);
  return resolved;
}

export function modelMissingError(resolved: Pick<ResolvedModelFiles, 'folder' | 'missing'>, model: string): AppError {
  // "onnx/model_quantized.onnx or onnx/model.onnx" → fetch the smaller file; "x (why)" → x.
  const toFetch = resolved.missing.map((m) => m.split(' ')[0]!);
  const complete = `${REQUIRED_MODEL_FILES.join(', ')} and ${WEIGHT_FILES.quantized} (or ${WEIGHT_FILES.fp32})`;
  const isRepoId = /^[\w.-]+\/[\w.-]+$/.test(model);
  const source = isRepoId
    ? `the Hugging Face repo ${model} (https://huggingface.co/${model}/tree/main), e.g. ` +
      `\`huggingface-cli download ${model} ${toFetch.join(' ')} --local-dir ${model}\``
    : `the model's Hugging Face repo`;
  return new AppError(
    'MODEL_MISSING',
    `Model "${model}" cannot be loaded offline: missing in ${resolved.folder}: ${resolved.missing.join(', ')}. ` +
      `Nothing is downloaded at run time: on a machine with internet access, download ${toFetch.join(', ')} from ${source}, ` +
      `then copy them into ${resolved.folder} keeping their relative paths. ` +
      `A complete model folder holds ${complete}. Or use EMBEDDER=lexical.`,
    { details: { folder: resolved.folder, missing: resolved.missing, download: toFetch } },
  );
}

/** null when usable; otherwise why not ('absent', empty, or a Git LFS pointer instead of the content). */
function fileProblem(file: string): string | null {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) return 'absent';
    size = st.size;
  } catch {
    return 'absent';
  }
  if (size === 0) return 'empty file';
  // A clone without git-lfs leaves ~130-byte pointer files; loading one fails deep inside ORT.
  if (size < 1024 && readHead(file, 64).startsWith('version https://git-lfs')) {
    return 'a Git LFS pointer, not the file: run `git lfs pull` or download it directly';
  }
  return null;
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function readHead(file: string, bytes: number): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
