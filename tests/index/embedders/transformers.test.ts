/**
 * Real ONNX inference (onnxruntime-node through @huggingface/transformers) on a tiny generated
 * BERT-like model: no mocks, no hub.
 */
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { env } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { AppError } from '../../../core/errors.js';
import { memoryLogger } from '../../../core/logger.js';
import { checkModelFiles, resolveModelFiles } from '../../../index/embedders/model-files.js';
import { TransformersEmbeddings, type TransformersEmbeddingsOptions } from '../../../index/embedders/transformers.js';
import { tempTinyModel, type TinyModel } from '../../helpers/tiny-model.js';

let tiny: TinyModel & { cleanup: () => Promise<void> };
let fetchSpy: MockInstance<typeof fetch>;

const TEXTS = [
  'Le secrétaire général dirige Interpol.',
  'police',
  'The cat and the dog in the rain, with the sun on the sea and music for the team.',
  'Qui dirige la police ?',
  'football',
];

function embedder(extra: Partial<TransformersEmbeddingsOptions> = {}): TransformersEmbeddings {
  return new TransformersEmbeddings({ modelDir: tiny.root, model: tiny.model, quantized: false, ...extra });
}

const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i]!, 0);
const norm = (a: number[]) => Math.sqrt(dot(a, a));

function expectClose(a: number[][], b: number[][], eps = 1e-5) {
  expect(a.length).toBe(b.length);
  a.forEach((row, i) => row.forEach((v, k) => expect(Math.abs(v - b[i]![k]!)).toBeLessThan(eps)));
}

async function expectModelMissing(make: () => unknown, ...mentions: string[]): Promise<AppError> {
  let caught: unknown;
  try {
    await make();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(AppError);
  const err = caught as AppError;
  expect(err.code).toBe('MODEL_MISSING');
  for (const m of mentions) expect(err.message).toContain(m);
  return err;
}

beforeAll(async () => {
  fetchSpy = vi.spyOn(globalThis, 'fetch');
  tiny = await tempTinyModel({ weights: { fp32: true, quantized: true } });
});

afterAll(async () => {
  // Nothing in this file may reach the network, the hub included.
  expect(fetchSpy).not.toHaveBeenCalled();
  expect(env.allowRemoteModels).toBe(false);
  fetchSpy.mockRestore();
  await tiny.cleanup();
});

describe('TransformersEmbeddings on a tiny real ONNX model', () => {
  it('describes itself with the dimension read from config.json', () => {
    const e = embedder();
    expect(e.info.name).toBe('transformers');
    expect(e.info.model).toBe('test-org/tiny-e5');
    expect(e.info.dimension).toBe(32);
    expect(e.info.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(e.files.layout).toBe('nested');
    expect(e.files.weights).toBe('onnx/model.onnx');
  });

  it('returns unit vectors of the configured dimension, loading offline only', async () => {
    const e = embedder();
    const docs = await e.embedDocuments(TEXTS);
    const query = await e.embedQuery('Qui dirige Interpol ?');
    expect(env.allowRemoteModels).toBe(false);
    expect(docs).toHaveLength(TEXTS.length);
    for (const v of [...docs, query]) {
      expect(v).toHaveLength(32);
      expect(v.every(Number.isFinite)).toBe(true);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
  });

  it('gives the same vectors batched (padded) as one by one', async () => {
    const batched = await embedder({ batchSize: 16 }).embedDocuments(TEXTS);
    const pairs = await embedder({ batchSize: 2 }).embedDocuments(TEXTS);
    const single = embedder({ batchSize: 1 });
    const oneByOne: number[][] = [];
    for (const t of TEXTS) oneByOne.push(...(await single.embedDocuments([t])));
    expectClose(batched, oneByOne);
    expectClose(pairs, oneByOne);
  });

  it('identical texts give identical vectors, within a batch and across calls', async () => {
    const e = embedder();
    const [a, b] = await e.embedDocuments(['Interpol et la police', 'Interpol et la police']);
    const [c] = await e.embedDocuments(['Interpol et la police']);
    expect(a).toEqual(b);
    expectClose([a!], [c!]);
    expect(await e.embedQuery('x y')).toEqual(await e.embedQuery('x y'));
  });

  it('applies the query / passage prefixes (and they are configurable)', async () => {
    const text = 'Qui dirige Interpol ?';
    const e5 = embedder();
    const q = await e5.embedQuery(text);
    const [p] = await e5.embedDocuments([text]);
    expect(dot(q, p!)).toBeLessThan(0.9999);

    const plain = embedder({ queryPrefix: '', passagePrefix: '' });
    const [pp] = await plain.embedDocuments([text]);
    expectClose([await plain.embedQuery(text)], [pp!]);
    // The E5 query vector is the plain embedding of "query: <text>".
    const [viaPassage] = await plain.embedDocuments([`query: ${text}`]);
    expectClose([q], [viaPassage!]);
  });

  it('puts texts that share words closer than unrelated ones', async () => {
    const e = embedder();
    const [a, b, c] = await e.embedDocuments([
      'Interpol police enquête crime',
      'La police et Interpol : une enquête sur le crime',
      'Musique, cinéma, soleil et pluie sur la mer',
    ]);
    expect(dot(a!, b!)).toBeGreaterThan(dot(a!, c!) + 0.2);

    const q = await e.embedQuery('Qui dirige Interpol ?');
    const passages = await e.embedDocuments(['Le secrétaire général dirige Interpol.', 'Le chat et le chien sous la pluie.']);
    expect(dot(q, passages[0]!)).toBeGreaterThan(dot(q, passages[1]!));
  });

  it('truncates long inputs to model_max_length, or to maxLength when set', async () => {
    const long = Array.from({ length: 400 }, (_, i) => ['police', 'crime', 'mer', 'chat'][i % 4]).join(' ');
    const [v] = await embedder().embedDocuments([long]);
    expect(norm(v!)).toBeCloseTo(1, 5);

    const head = 'police interpol crime enquete';
    const texts = [`${head} chat chien`, `${head} musique cinema`];
    const [x, y] = await embedder({ passagePrefix: '', maxLength: 5 }).embedDocuments(texts);
    expectClose([x!], [y!]); // both cut to [CLS] + the 4 shared words
    const [x2, y2] = await embedder({ passagePrefix: '' }).embedDocuments(texts);
    expect(dot(x2!, y2!)).toBeLessThan(0.999);
  });

  it('uses the quantized weights when present, the fp32 ones on request', async () => {
    const auto = new TransformersEmbeddings({ modelDir: tiny.root, model: tiny.model });
    const q8 = new TransformersEmbeddings({ modelDir: tiny.root, model: tiny.model, quantized: true });
    const fp32 = embedder();
    expect(auto.files.weights).toBe('onnx/model_quantized.onnx');
    expect(q8.files.weights).toBe('onnx/model_quantized.onnx');
    expect(auto.info.fingerprint).toBe(q8.info.fingerprint);
    expect(fp32.info.fingerprint).not.toBe(q8.info.fingerprint);

    const [a] = await q8.embedDocuments([TEXTS[0]!]);
    const [b] = await fp32.embedDocuments([TEXTS[0]!]);
    expect(a).not.toEqual(b);
    expect(dot(a!, b!)).toBeGreaterThan(0.99);
  });

  it('accepts modelDir pointing directly at the model folder', async () => {
    const direct = new TransformersEmbeddings({ modelDir: tiny.folder, model: tiny.model, quantized: false });
    expect(direct.files.layout).toBe('direct');
    expect(direct.files.folder).toBe(path.resolve(tiny.folder));
    expect(direct.info).toEqual(embedder().info);
    expectClose(await direct.embedDocuments(TEXTS), await embedder().embedDocuments(TEXTS));
  });

  it('keeps the fingerprint for batchSize changes and changes it for prefix changes', () => {
    const base = embedder().info.fingerprint;
    expect(embedder({ batchSize: 3 }).info.fingerprint).toBe(base);
    expect(embedder({ queryPrefix: 'q: ' }).info.fingerprint).not.toBe(base);
    expect(embedder({ maxLength: 64 }).info.fingerprint).not.toBe(base);
  });

  it('loads once, logs the load, and can be disposed and reloaded', async () => {
    const logger = memoryLogger('info');
    const e = embedder({ logger });
    await Promise.all([e.load(), e.embedQuery('a'), e.embedDocuments(['b', 'c'])]);
    expect(logger.lines.filter((l) => l.msg === 'transformers model loaded')).toHaveLength(1);
    await e.dispose();
    expect(await e.embedQuery('a')).toHaveLength(32);
    expect(logger.lines.filter((l) => l.msg === 'transformers model loaded')).toHaveLength(2);
    expect(await e.embedDocuments([])).toEqual([]);
  });

  it('rejects invalid options', () => {
    for (const bad of [{ batchSize: 0 }, { batchSize: 1.5 }, { maxLength: 1 }, { modelDir: '' }]) {
      expect(() => embedder(bad)).toThrowError(expect.objectContaining({ code: 'INVALID_PARAMETER' }) as Error);
    }
  });
});

describe('offline model file checks', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  /** A copy of the tiny model without some files. */
  async function partialCopy(without: string[]): Promise<string> {
    const root = `${tiny.root}-partial-${dirs.length}`;
    dirs.push(root);
    for (const rel of tiny.files.filter((f) => !without.includes(f))) {
      const to = path.join(root, tiny.model, rel);
      await mkdir(path.dirname(to), { recursive: true });
      await copyFile(path.join(tiny.folder, rel), to);
    }
    return root;
  }

  it('reports nothing missing for a complete model', () => {
    expect(checkModelFiles(tiny.root, tiny.model)).toEqual([]);
    expect(checkModelFiles(tiny.folder, tiny.model)).toEqual([]);
  });

  it('missing weights → MODEL_MISSING naming the file, the folder and where to get it', async () => {
    const root = await partialCopy(['onnx/model.onnx', 'onnx/model_quantized.onnx']);
    const folder = path.join(root, tiny.model);
    expect(checkModelFiles(root, tiny.model)).toEqual(['onnx/model_quantized.onnx or onnx/model.onnx']);
    const err = await expectModelMissing(
      () => new TransformersEmbeddings({ modelDir: root, model: tiny.model }),
      'onnx/model_quantized.onnx or onnx/model.onnx',
      folder,
      'https://huggingface.co/test-org/tiny-e5',
    );
    expect(err.details).toMatchObject({ folder, missing: ['onnx/model_quantized.onnx or onnx/model.onnx'] });
  });

  it('an explicit fp32 request needs onnx/model.onnx even when the quantized file exists', async () => {
    const root = await partialCopy(['onnx/model.onnx']);
    expect(checkModelFiles(root, tiny.model)).toEqual([]);
    expect(checkModelFiles(root, tiny.model, false)).toEqual(['onnx/model.onnx']);
    await expectModelMissing(() => new TransformersEmbeddings({ modelDir: root, model: tiny.model, quantized: false }), 'onnx/model.onnx');
  });

  it('missing tokenizer.json → MODEL_MISSING naming exactly that file', async () => {
    const root = await partialCopy(['tokenizer.json']);
    expect(checkModelFiles(root, tiny.model)).toEqual(['tokenizer.json']);
    const err = await expectModelMissing(
      () => new TransformersEmbeddings({ modelDir: root, model: tiny.model }),
      `missing in ${path.join(root, tiny.model)}: tokenizer.json.`,
      'huggingface-cli download test-org/tiny-e5 tokenizer.json --local-dir',
    );
    expect(err.details).toMatchObject({ missing: ['tokenizer.json'], download: ['tokenizer.json'] });
  });

  it('an empty model dir names every required file in the expected nested folder', async () => {
    const root = await partialCopy(tiny.files);
    const r = resolveModelFiles(root, 'Xenova/multilingual-e5-small');
    expect(r.folder).toBe(path.join(root, 'Xenova', 'multilingual-e5-small'));
    expect(r.missing).toEqual(['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx or onnx/model.onnx']);
    await expectModelMissing(
      () => new TransformersEmbeddings({ modelDir: root }),
      'https://huggingface.co/Xenova/multilingual-e5-small',
      'huggingface-cli download Xenova/multilingual-e5-small',
    );
  });

  it('a Git LFS pointer instead of the weights is reported as such', async () => {
    const root = await partialCopy(['onnx/model_quantized.onnx']);
    await writeFile(
      path.join(root, tiny.model, 'onnx/model.onnx'),
      'version https://git-lfs.github.com/spec/v1\noid sha256:0000\nsize 470000000\n',
    );
    const [problem] = checkModelFiles(root, tiny.model);
    expect(problem).toContain('onnx/model.onnx');
    expect(problem).toContain('Git LFS pointer');
  });

  it('files removed after construction → MODEL_MISSING at load, not an ONNX error', async () => {
    const root = await partialCopy([]);
    const e = new TransformersEmbeddings({ modelDir: root, model: tiny.model, quantized: false });
    await rm(path.join(root, tiny.model, 'onnx/model.onnx'));
    await expectModelMissing(() => e.embedQuery('x'), 'onnx/model.onnx');
  });
});
