import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { env } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { AppError } from '../../../core/errors.js';
import { memoryLogger } from '../../../core/logger.js';
import { createEmbedder } from '../../../index/embedders/auto.js';
import { chooseEmbedder } from '../../../index/embedders/choose.js';
import { LexicalEmbeddings } from '../../../index/embedders/lexical.js';
import { TransformersEmbeddings } from '../../../index/embedders/transformers.js';
import { tempTinyModel, type TinyModel } from '../../helpers/tiny-model.js';

let tiny: TinyModel & { cleanup: () => Promise<void> };
let empty: string;
let fetchSpy: MockInstance<typeof fetch>;

beforeAll(async () => {
  fetchSpy = vi.spyOn(globalThis, 'fetch');
  tiny = await tempTinyModel();
  empty = await mkdtemp(path.join(os.tmpdir(), 'no-model-'));
});

afterAll(async () => {
  expect(fetchSpy).not.toHaveBeenCalled();
  fetchSpy.mockRestore();
  await tiny.cleanup();
  await rm(empty, { recursive: true, force: true });
});

describe('chooseEmbedder (auto decision)', () => {
  it('auto without MODEL_DIR → lexical', () => {
    expect(chooseEmbedder('auto', { modelDir: null, model: 'Xenova/multilingual-e5-small' })).toEqual({
      name: 'lexical',
      reason: 'no MODEL_DIR configured',
    });
  });

  it('auto with the model files present → transformers', () => {
    const d = chooseEmbedder('auto', { modelDir: tiny.root, model: tiny.model });
    expect(d.name).toBe('transformers');
    expect(d.reason).toContain(tiny.folder);
    expect(d.reason).toContain('onnx/model.onnx');
  });

  it('auto with MODEL_DIR but no weights → lexical, saying which file is missing where', () => {
    const d = chooseEmbedder('auto', { modelDir: empty, model: 'Xenova/multilingual-e5-small' });
    expect(d.name).toBe('lexical');
    expect(d.reason).toContain('onnx/model_quantized.onnx or onnx/model.onnx');
    expect(d.reason).toContain(`missing in ${path.join(empty, 'Xenova', 'multilingual-e5-small')}`);
  });

  it('auto honours the requested weights variant', () => {
    expect(chooseEmbedder('auto', { modelDir: tiny.root, model: tiny.model, quantized: true }).name).toBe('lexical');
  });

  it('explicit choices are kept', () => {
    expect(chooseEmbedder('lexical', { modelDir: tiny.root, model: tiny.model }).name).toBe('lexical');
    expect(chooseEmbedder('transformers', { modelDir: null, model: tiny.model }).name).toBe('transformers');
  });
});

describe('createEmbedder', () => {
  it('auto picks transformers with the tiny model dir, logs why, and embeds for real', async () => {
    const logger = memoryLogger();
    const e = createEmbedder('auto', { modelDir: tiny.root, model: tiny.model }, logger);
    expect(e).toBeInstanceOf(TransformersEmbeddings);
    expect(e.info).toMatchObject({ name: 'transformers', model: tiny.model, dimension: 32 });
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ level: 'info', msg: 'embedder chosen', fields: expect.objectContaining({ embedder: 'transformers' }) }),
    );
    expect(await e.embedQuery('Qui dirige Interpol ?')).toHaveLength(32);
    expect(env.allowRemoteModels).toBe(false);
  });

  it('auto without MODEL_DIR picks lexical and logs the reason', async () => {
    const logger = memoryLogger();
    const e = createEmbedder('auto', { modelDir: null }, logger);
    expect(e).toBeInstanceOf(LexicalEmbeddings);
    expect(e.info.name).toBe('lexical');
    expect(logger.lines).toContainEqual({
      level: 'info',
      msg: 'embedder chosen',
      fields: { embedder: 'lexical', reason: 'no MODEL_DIR configured' },
    });
  });

  it('auto with MODEL_DIR but missing files picks lexical with a warning naming the file', async () => {
    const logger = memoryLogger();
    const e = createEmbedder('auto', { modelDir: empty }, logger);
    expect(e.info.name).toBe('lexical');
    const line = logger.lines.find((l) => l.msg === 'embedder chosen');
    expect(line?.level).toBe('warn');
    expect(String(line?.fields.reason)).toContain('onnx/model_quantized.onnx or onnx/model.onnx missing in');
  });

  it('lexical on request, even when the model is present', async () => {
    expect(createEmbedder('lexical', { modelDir: tiny.root, model: tiny.model }, memoryLogger()).info.name).toBe('lexical');
  });

  it('transformers on request with missing files or no MODEL_DIR → MODEL_MISSING, no fallback', async () => {
    for (const modelDir of [empty, null]) {
      let caught: unknown;
      try {
        createEmbedder('transformers', { modelDir }, memoryLogger());
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(AppError);
      expect((caught as AppError).code).toBe('MODEL_MISSING');
      expect((caught as AppError).message).toContain(modelDir === null ? 'MODEL_DIR' : 'onnx/model_quantized.onnx or onnx/model.onnx');
    }
  });
});
