import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { main, type CliDeps } from '../../eval/cli.js';
import type { RetrieverConfig, RetrieverFactory } from '../../eval/retrievers.js';
import { CORPUS_DIR, EVAL_DIR, WordOverlapRetriever, corpusPassages } from './helpers.js';
import { startSearchServer, type TestServer } from './server.js';

const QUESTIONS = path.join(EVAL_DIR, 'questions.jsonl');

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], deps: Partial<CliDeps> = {}): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    env: { LOG_LEVEL: 'silent' },
    now: () => new Date('2024-01-02T03:04:05.006Z'),
    ...deps,
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
  });
  return { code, stdout, stderr };
}

const tmp = () => mkdtemp(path.join(os.tmpdir(), 'eval-cli-'));

describe('eval CLI: input errors', () => {
  it('prints usage with --help', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: npm run eval -- --questions FILE');
  });

  it.each([
    [[], '--questions FILE is required'],
    [['--questions', QUESTIONS, '--bogus'], "Unknown option '--bogus'"],
    [['--questions', QUESTIONS, '--mode', 'dense,fuzzy'], '--mode must be a comma-separated list of dense, bm25, hybrid'],
    [['--questions', QUESTIONS, '--rerank', 'maybe'], '--rerank must be both, on or off'],
    [['--questions', QUESTIONS, '--k', 'ten'], '--k must be an integer'],
    [['--questions', QUESTIONS, '--embedder', 'word2vec'], '--embedder must be'],
    [['--questions', '/nonexistent/q.jsonl'], 'cannot read question file'],
    [['--questions', QUESTIONS, '--corpus', '/nonexistent/corpus'], 'corpus folder "/nonexistent/corpus" does not exist'],
  ])('%j exits 2 with a clear message', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('hint:');
    expect(r.stdout).toBe('');
  });

  it('lists every problem of a malformed question file with line and field', async () => {
    const file = path.join(await tmp(), 'bad.jsonl');
    await writeFile(file, ['{"id":"a","lang":"fr","question":"q","answerable":true,"gold":[{"source":"x.txt","text":"t"}]}', '{"id":"b","lang":"it","question":"q","answerable":false,"gold":[]}', 'not json'].join('\n'));
    const r = await run(['--questions', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('line 2: field "lang" must be "fr" or "en"');
    expect(r.stderr).toContain('  - line 3: invalid JSON');
  });

  it('refuses gold spans that are not verbatim in the corpus', async () => {
    const file = path.join(await tmp(), 'drift.jsonl');
    // Retyped with a straight apostrophe: the file has ’ (U+2019).
    await writeFile(file, JSON.stringify({ id: 'x', lang: 'fr', question: 'q', answerable: true, gold: [{ source: '001_9e0b992cc2ec1990.txt', text: "INTERPOL collabore avec l'ONU depuis 1949" }] }) + '\n');
    const r = await run(['--questions', file, '--corpus', CORPUS_DIR]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('x gold[0]: text is not verbatim in 001_9e0b992cc2ec1990.txt');
  });

  it('runs the real local retrieval stack (lexical embedder, HNSW index) end to end', async () => {
    const dir = await tmp();
    const out = path.join(dir, 'report');
    const r = await run(['--questions', QUESTIONS, '--corpus', CORPUS_DIR, '--embedder', 'lexical', '--mode', 'dense', '--rerank', 'off', '--index', path.join(dir, 'index'), '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('lexical/dense');
    const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as { runs: unknown[] };
    expect(report.runs.length).toBe(1);
  });
});

describe('eval CLI: uploads', () => {
  /** The documents the eval index was built from (its manifest, in the generation CURRENT names). */
  const indexedSources = (indexDir: string): string[] => {
    const dir = path.join(indexDir, 'eval-lexical');
    const gen = readFileSync(path.join(dir, 'CURRENT'), 'utf8').trim();
    return Object.keys((JSON.parse(readFileSync(path.join(dir, gen, 'manifest.json'), 'utf8')) as { documents: Record<string, unknown> }).documents).sort();
  };

  it('leaves corpus/uploads/ out of the index unless --include-uploads is given', async () => {
    const dir = await tmp();
    const corpus = path.join(dir, 'corpus');
    await cp(CORPUS_DIR, corpus, { recursive: true });
    await mkdir(path.join(corpus, 'uploads'));
    await writeFile(path.join(corpus, 'uploads', 'added.txt'), 'Un document ajouté depuis la page, sur INTERPOL et le climat.\n');
    const index = path.join(dir, 'index');
    const argv = ['--questions', QUESTIONS, '--corpus', corpus, '--embedder', 'lexical', '--mode', 'bm25', '--rerank', 'off', '--no-baseline', '--index', index, '--out', path.join(dir, 'r1')];
    const without = await run(argv);
    expect(without.code, without.stderr).toBe(0);
    expect(indexedSources(index)).not.toContain('uploads/added.txt');
    expect(indexedSources(index)).toHaveLength(5);

    const withUploads = await run([...argv, '--include-uploads']);
    expect(withUploads.code, withUploads.stderr).toBe(0);
    expect(indexedSources(index)).toContain('uploads/added.txt');
  }, 120_000);
});

describe('eval CLI: local runs through a factory', () => {
  const passages = corpusPassages();

  it('evaluates every embedder × mode × rerank side by side and writes the reports', async () => {
    const out = path.join(await tmp(), 'report');
    const seen: RetrieverConfig[] = [];
    const made: WordOverlapRetriever[] = [];
    const factory: RetrieverFactory = async (cfg) => {
      seen.push(cfg);
      const r = new WordOverlapRetriever(passages);
      made.push(r);
      return r;
    };
    const r = await run(['--questions', QUESTIONS, '--corpus', CORPUS_DIR, '--index', '/idx', '--embedder', 'lexical', '--mode', 'bm25,hybrid', '--rerank', 'both', '--out', out], { factory });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // The plain-BM25 reference run comes first whenever bm25 is among the modes.
    expect(seen.map((c) => `${c.baseline ?? c.embedder}/${c.mode}/${c.rerank}`)).toEqual([
      'bm25-plain/bm25/false',
      'lexical/bm25/false',
      'lexical/bm25/true',
      'lexical/hybrid/false',
      'lexical/hybrid/true',
    ]);
    expect(seen[0]).toMatchObject({ corpusDir: CORPUS_DIR, indexDir: '/idx', baseline: 'bm25-plain' });
    expect(made.every((m) => m.closed)).toBe(true);
    expect(made[0]!.calls[0]?.options).toEqual({ k: 10, mode: 'bm25', rerank: false });

    expect(r.stdout).toContain('| lexical/hybrid/rerank | fr |');
    expect(r.stdout).toContain(`Reports written to ${out}`);
    const json = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'));
    expect(json.runs.map((x: { label: string }) => x.label)).toEqual([
      'baseline/bm25-plain',
      'lexical/bm25/no-rerank',
      'lexical/bm25/rerank',
      'lexical/hybrid/no-rerank',
      'lexical/hybrid/rerank',
    ]);
    expect(json.meta).toMatchObject({ questionCount: readFileSync(QUESTIONS, 'utf8').trim().split('\n').length, qrelsPool: 'index', generatedAt: '2024-01-02T03:04:05.006Z' });
    for (const f of ['report.md', 'chart.svg', 'qrels.txt', 'lexical-bm25-rerank/run.trec']) expect(existsSync(path.join(out, f)), f).toBe(true);
  });

  it('writes under <DATA_DIR>/eval/<timestamp>/ by default', async () => {
    const data = await tmp();
    const factory: RetrieverFactory = async () => new WordOverlapRetriever(passages);
    const r = await run(['--questions', QUESTIONS, '--corpus', CORPUS_DIR, '--mode', 'dense', '--rerank', 'off', '--embedder', 'lexical'], { factory, env: { LOG_LEVEL: 'silent', DATA_DIR: data } });
    expect(r.code).toBe(0);
    const dir = path.join(data, 'eval', '2024-01-02T03-04-05-006Z');
    expect(existsSync(path.join(dir, 'report.json'))).toBe(true);
    expect(r.stdout).toContain(dir);
  });

  it('skips an embedder whose model is missing when embedders are auto, fails when one was asked for', async () => {
    const factory: RetrieverFactory = async () => {
      throw new AppError('MODEL_MISSING', 'model files missing in /models');
    };
    const auto = await run(['--questions', QUESTIONS, '--corpus', CORPUS_DIR, '--mode', 'dense', '--rerank', 'off'], { factory, env: { LOG_LEVEL: 'silent', EMBEDDER: 'auto' } });
    expect(auto.code).toBe(2);
    expect(auto.stderr).toContain('no configuration could be evaluated (lexical/dense/no-rerank: model files missing in /models)');
    const explicit = await run(['--questions', QUESTIONS, '--corpus', CORPUS_DIR, '--embedder', 'transformers'], { factory });
    expect(explicit.code).toBe(6);
    expect(explicit.stderr).toContain('model files missing');
  });
});

describe('eval CLI: --url', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startSearchServer(corpusPassages());
  });
  afterAll(async () => {
    await server.close();
  });

  it('evaluates the running server with its own settings', async () => {
    const out = await tmp();
    const r = await run(['--questions', path.join(EVAL_DIR, 'questions-heldout.jsonl'), '--url', `${server.url}/ok`, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'));
    expect(json.runs.map((x: { label: string }) => x.label)).toEqual(['server']);
    expect(json.meta).toMatchObject({ url: `${server.url}/ok`, qrelsPool: 'retrieved', corpusDir: null });
    expect(readFileSync(path.join(out, 'server', 'run.trec'), 'utf8')).toMatch(/^ho-fr-001 Q0 [0-9a-f]{16} 1 /);
  });

  it('asks the server for explicit modes', async () => {
    const out = await tmp();
    const before = server.requests.length;
    const r = await run(['--questions', path.join(EVAL_DIR, 'questions-heldout.jsonl'), '--url', `${server.url}/ok`, '--mode', 'hybrid', '--rerank', 'on', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('| server/hybrid/rerank | all |');
    const sent = server.requests.slice(before);
    expect(sent.every((u) => u.searchParams.get('mode') === 'hybrid' && u.searchParams.get('rerank') === 'true')).toBe(true);
  });
});
