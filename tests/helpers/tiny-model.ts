/**
 * Writes a tiny but real BERT-like model that `@huggingface/transformers` loads offline, so the
 * neural embedder's tests run true ONNX inference (onnxruntime-node) in well under a second,
 * without any model hub. Generated at test time (≈40 KB); nothing binary is committed.
 *
 * Graph (opset 14), same interface as an Optimum BERT export:
 *   inputs  input_ids, attention_mask, token_type_ids  int64 [batch, seq]
 *   output  last_hidden_state                          float [batch, seq, hidden]
 *   X = word[input_ids] + position[0..seq) + type[token_type_ids]
 *   last_hidden_state = X + softmax(XWq·(XWk)ᵀ/√h + (1-mask)·-1e4) · XWv
 * One masked self-attention layer keeps the test meaningful: if padding were not masked, batched
 * vectors would differ from one-by-one vectors. Word vectors are seeded Gaussian draws (nearly
 * orthogonal), so after mean pooling texts that share words are measurably closer than unrelated
 * texts, while the residual keeps each token's identity dominant.
 *
 * The `_quantized` variant stores the word table as int8 + scale and dequantizes it in-graph
 * (DequantizeLinear), like a dynamically quantized export: close to, but not equal to, fp32.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import onnxProto from 'onnx-proto';
import { seeded } from '../../core/random.js';

const { onnx } = onnxProto;

export interface TinyModelOptions {
  /** Root folder (what MODEL_DIR / `modelDir` points at). */
  root: string;
  /** Model id, i.e. the sub-folder `<root>/<model>`. */
  model: string;
  hidden: number;
  /** Also sizes the tokenizer's model_max_length. */
  maxPositions: number;
  seed: number;
  /** Which weight files to write: fp32 `onnx/model.onnx`, int8 `onnx/model_quantized.onnx`. */
  weights: { fp32: boolean; quantized: boolean };
}

export const DEFAULT_TINY_MODEL: Omit<TinyModelOptions, 'root'> = {
  model: 'test-org/tiny-e5',
  hidden: 32,
  maxPositions: 128,
  seed: 1234,
  weights: { fp32: true, quantized: false },
};

export interface TinyModel {
  root: string;
  model: string;
  /** `<root>/<model>`: the folder holding config.json. */
  folder: string;
  hidden: number;
  vocab: string[];
  files: string[];
}

const SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;
const PUNCT = [...':.,;\'"-?!()%/'];
const DIGITS = [...'0123456789'];
const LETTERS = [...'abcdefghijklmnopqrstuvwxyz'];
/** Whole words (accents stripped by the normalizer, as BERT uncased does). */
const WORDS = [
  'query', 'passage',
  'le', 'la', 'les', 'de', 'des', 'du', 'un', 'une', 'et', 'est', 'en', 'a', 'au', 'pour', 'que', 'qui',
  'dans', 'sur', 'par', 'avec', 'il', 'elle', 'ont', 'son', 'sa', 'ses',
  'the', 'of', 'and', 'is', 'in', 'to', 'for', 'who', 'what', 'with', 'on', 'by',
  'police', 'interpol', 'secretaire', 'general', 'secretary', 'president', 'chef', 'head', 'leads', 'dirige',
  'enquete', 'investigation', 'crime', 'criminalite', 'organisation', 'organization', 'pays', 'country',
  'election', 'vote', 'gouvernement', 'government', 'ministre', 'minister', 'economie', 'economy',
  'chat', 'cat', 'chien', 'dog', 'pluie', 'rain', 'soleil', 'sun', 'mer', 'sea', 'pain', 'bread',
  'football', 'match', 'equipe', 'team', 'musique', 'music', 'film', 'cinema',
];

export function tinyVocab(): string[] {
  const sub = [...LETTERS, ...DIGITS].map((c) => `##${c}`);
  return [...SPECIALS, ...PUNCT, ...DIGITS, ...LETTERS, ...sub, ...WORDS];
}

/** Write config.json, tokenizer.json, tokenizer_config.json and the ONNX weights; returns what it wrote. */
export async function writeTinyModel(options: Partial<TinyModelOptions> & { root: string }): Promise<TinyModel> {
  const opts: TinyModelOptions = { ...DEFAULT_TINY_MODEL, ...options };
  const folder = path.join(opts.root, opts.model);
  await mkdir(path.join(folder, 'onnx'), { recursive: true });
  const vocab = tinyVocab();
  const files: string[] = [];
  const put = async (rel: string, data: string | Uint8Array) => {
    await writeFile(path.join(folder, rel), data);
    files.push(rel);
  };

  await put('config.json', JSON.stringify(modelConfig(opts, vocab.length), null, 2));
  await put('tokenizer.json', JSON.stringify(tokenizerJson(vocab)));
  await put('tokenizer_config.json', JSON.stringify(tokenizerConfig(opts.maxPositions), null, 2));
  await put('special_tokens_map.json', JSON.stringify(specialTokensMap(), null, 2));
  const weights = makeWeights(opts, vocab);
  if (opts.weights.fp32) await put('onnx/model.onnx', buildModel(opts, weights, false));
  if (opts.weights.quantized) await put('onnx/model_quantized.onnx', buildModel(opts, weights, true));
  return { root: opts.root, model: opts.model, folder, hidden: opts.hidden, vocab, files };
}

/** writeTinyModel into a fresh temp folder; `cleanup()` removes it. */
export async function tempTinyModel(
  options: Partial<Omit<TinyModelOptions, 'root'>> = {},
): Promise<TinyModel & { cleanup: () => Promise<void> }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'tiny-model-'));
  const model = await writeTinyModel({ ...options, root });
  return { ...model, cleanup: () => rm(root, { recursive: true, force: true }) };
}

function modelConfig(opts: TinyModelOptions, vocabSize: number): Record<string, unknown> {
  return {
    _name_or_path: opts.model,
    architectures: ['BertModel'],
    model_type: 'bert',
    hidden_size: opts.hidden,
    num_hidden_layers: 1,
    num_attention_heads: 1,
    intermediate_size: opts.hidden,
    max_position_embeddings: opts.maxPositions,
    type_vocab_size: 2,
    vocab_size: vocabSize,
    pad_token_id: 0,
  };
}

function tokenizerConfig(maxPositions: number): Record<string, unknown> {
  return {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    model_max_length: maxPositions,
    clean_up_tokenization_spaces: true,
    ...specialTokensMap(),
  };
}

function specialTokensMap(): Record<string, string> {
  return { cls_token: '[CLS]', sep_token: '[SEP]', pad_token: '[PAD]', unk_token: '[UNK]', mask_token: '[MASK]' };
}

function tokenizerJson(vocab: string[]): Record<string, unknown> {
  const ids = Object.fromEntries(vocab.map((t, i) => [t, i]));
  const special = (content: string) => ({
    id: ids[content], content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true,
  });
  const tok = (id: string, typeId = 0) => ({ SpecialToken: { id, type_id: typeId } });
  const seq = (id: 'A' | 'B', typeId: number) => ({ Sequence: { id, type_id: typeId } });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIALS.map(special),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: true, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [tok('[CLS]'), seq('A', 0), tok('[SEP]')],
      pair: [tok('[CLS]'), seq('A', 0), tok('[SEP]'), seq('B', 1), tok('[SEP]', 1)],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [ids['[CLS]']], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [ids['[SEP]']], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: ids },
  };
}

interface Weights {
  word: Float32Array; // [vocab, hidden]
  position: Float32Array; // [maxPositions, hidden]
  type: Float32Array; // [2, hidden]
  wq: Float32Array;
  wk: Float32Array;
  wv: Float32Array; // each [hidden, hidden]
  vocabSize: number;
}

function makeWeights(opts: TinyModelOptions, vocab: string[]): Weights {
  const h = opts.hidden;
  const gauss = gaussian(opts.seed);
  const fill = (n: number, scale: number) => Float32Array.from({ length: n }, () => gauss() * scale);
  const word = fill(vocab.length * h, 1 / Math.sqrt(h));
  // Special tokens occur in every text: keep them small so they do not dominate mean pooling.
  for (let t = 0; t < SPECIALS.length; t++) for (let k = 0; k < h; k++) word[t * h + k]! *= 0.1;
  return {
    word,
    position: fill(opts.maxPositions * h, 0.05 / Math.sqrt(h)),
    type: fill(2 * h, 0.05 / Math.sqrt(h)),
    wq: fill(h * h, 1 / Math.sqrt(h)),
    wk: fill(h * h, 1 / Math.sqrt(h)),
    wv: fill(h * h, 0.5 / Math.sqrt(h)),
    vocabSize: vocab.length,
  };
}

const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;
const INT8 = onnx.TensorProto.DataType.INT8;

function buildModel(opts: TinyModelOptions, w: Weights, quantized: boolean): Uint8Array {
  const h = opts.hidden;
  const initializer: InstanceType<typeof onnx.TensorProto>[] = [
    floatTensor('position_embeddings', [opts.maxPositions, h], w.position),
    floatTensor('token_type_embeddings', [2, h], w.type),
    floatTensor('wq', [h, h], w.wq),
    floatTensor('wk', [h, h], w.wk),
    floatTensor('wv', [h, h], w.wv),
    floatTensor('inv_sqrt_h', [], Float32Array.of(1 / Math.sqrt(h))),
    floatTensor('one', [], Float32Array.of(1)),
    floatTensor('neg_big', [], Float32Array.of(-10000)),
    int64Tensor('zero_i', [], [0n]),
    int64Tensor('one_i', [], [1n]),
    int64Tensor('axis1', [1], [1n]),
  ];
  const node: InstanceType<typeof onnx.NodeProto>[] = [];
  if (quantized) {
    const scale = maxAbs(w.word) / 127;
    const q = Int8Array.from(w.word, (v) => Math.max(-127, Math.min(127, Math.round(v / scale))));
    initializer.push(
      rawTensor('word_embeddings_q', [w.vocabSize, h], INT8, new Uint8Array(q.buffer)),
      floatTensor('word_scale', [], Float32Array.of(scale)),
      rawTensor('word_zero', [], INT8, new Uint8Array(1)),
    );
    node.push(op('DequantizeLinear', ['word_embeddings_q', 'word_scale', 'word_zero'], ['word_embeddings']));
  } else {
    initializer.push(floatTensor('word_embeddings', [w.vocabSize, h], w.word));
  }
  node.push(
    op('Gather', ['word_embeddings', 'input_ids'], ['tok'], [intAttr('axis', 0)]),
    op('Gather', ['token_type_embeddings', 'token_type_ids'], ['typ'], [intAttr('axis', 0)]),
    op('Shape', ['input_ids'], ['shape']),
    op('Gather', ['shape', 'one_i'], ['seq_len'], [intAttr('axis', 0)]),
    op('Range', ['zero_i', 'seq_len', 'one_i'], ['pos_ids']),
    op('Gather', ['position_embeddings', 'pos_ids'], ['pos'], [intAttr('axis', 0)]),
    op('Add', ['tok', 'typ'], ['x0']),
    op('Add', ['x0', 'pos'], ['x']),
    op('MatMul', ['x', 'wq'], ['q']),
    op('MatMul', ['x', 'wk'], ['k']),
    op('MatMul', ['x', 'wv'], ['v']),
    op('Transpose', ['k'], ['kt'], [intsAttr('perm', [0, 2, 1])]),
    op('MatMul', ['q', 'kt'], ['scores_raw']),
    op('Mul', ['scores_raw', 'inv_sqrt_h'], ['scores_scaled']),
    op('Cast', ['attention_mask'], ['mask_f'], [intAttr('to', FLOAT)]),
    op('Unsqueeze', ['mask_f', 'axis1'], ['mask_3d']),
    op('Sub', ['one', 'mask_3d'], ['mask_inv']),
    op('Mul', ['mask_inv', 'neg_big'], ['mask_bias']),
    op('Add', ['scores_scaled', 'mask_bias'], ['scores']),
    op('Softmax', ['scores'], ['probs'], [intAttr('axis', -1)]),
    op('MatMul', ['probs', 'v'], ['attended']),
    op('Add', ['x', 'attended'], ['last_hidden_state']),
  );

  const graph = onnx.GraphProto.create({
    name: 'tiny_bert',
    node,
    initializer,
    input: [
      valueInfo('input_ids', INT64, ['batch_size', 'sequence_length']),
      valueInfo('attention_mask', INT64, ['batch_size', 'sequence_length']),
      valueInfo('token_type_ids', INT64, ['batch_size', 'sequence_length']),
    ],
    output: [valueInfo('last_hidden_state', FLOAT, ['batch_size', 'sequence_length', h])],
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'tiny-model.ts',
    opsetImport: [{ domain: '', version: 14 }],
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}

function op(
  opType: string,
  input: string[],
  output: string[],
  attribute: InstanceType<typeof onnx.AttributeProto>[] = [],
): InstanceType<typeof onnx.NodeProto> {
  return onnx.NodeProto.create({ opType, input, output, attribute, name: output[0] ?? opType });
}

function intAttr(name: string, i: number): InstanceType<typeof onnx.AttributeProto> {
  return onnx.AttributeProto.create({ name, i, type: onnx.AttributeProto.AttributeType.INT });
}

function intsAttr(name: string, ints: number[]): InstanceType<typeof onnx.AttributeProto> {
  return onnx.AttributeProto.create({ name, ints, type: onnx.AttributeProto.AttributeType.INTS });
}

function rawTensor(name: string, dims: number[], dataType: number, rawData: Uint8Array): InstanceType<typeof onnx.TensorProto> {
  return onnx.TensorProto.create({ name, dims, dataType, rawData });
}

// ONNX raw_data is little-endian; typed arrays are too on every platform Node ships for.
function floatTensor(name: string, dims: number[], data: Float32Array): InstanceType<typeof onnx.TensorProto> {
  return rawTensor(name, dims, FLOAT, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
}

function int64Tensor(name: string, dims: number[], data: bigint[]): InstanceType<typeof onnx.TensorProto> {
  const arr = BigInt64Array.from(data);
  return rawTensor(name, dims, INT64, new Uint8Array(arr.buffer));
}

function valueInfo(name: string, elemType: number, dims: (string | number)[]): InstanceType<typeof onnx.ValueInfoProto> {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
      },
    },
  });
}

function maxAbs(a: Float32Array): number {
  let m = 0;
  for (const v of a) m = Math.max(m, Math.abs(v));
  return m;
}

/** Seeded standard normal draws (mulberry32 + Box–Muller): same seed, same weights, everywhere. */
function gaussian(seed: number): () => number {
  const uniform = seeded(seed);
  return () => {
    const u = 1 - uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
}
