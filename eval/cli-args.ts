/**
 * Command-line flags of `npm run eval`, validated into plain options. Environment defaults come
 * from core/config (read once by the caller); flags override them. Bad input is an AppError
 * (INVALID_PARAMETER, exit 2) naming the flag, never a silent fallback.
 */
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { AppConfig } from '../core/config.js';
import { AppError } from '../core/errors.js';
import type { EmbedderName, SearchMode } from '../index/index.js';

export const USAGE = `Usage: npm run eval -- --questions FILE [options]
       npm run eval -- --feedback-draft FILE [--feedback FILE]

Scores retrieval on a JSONL question set and writes reports (Markdown, JSON, SVG, TREC).

  --questions FILE     question set (JSONL), e.g. eval/questions.jsonl            (required)
  --k N                passages retrieved per question                        (default 10)
  --out DIR            report folder                    (default data/eval/<timestamp>/)
  --embedder LIST      lexical,transformers or auto (= every embedder available here)
                                                          (default EMBEDDER or auto)
  --mode LIST          any of dense,bm25,hybrid                  (default all three)
  --rerank WHICH       both | on | off                                 (default both)
  --url URL            evaluate a running server's /api/search instead of a local index
  --api-key KEY        bearer key for --url                       (default API_KEY)
  --corpus DIR         corpus folder (gold spans are checked against it)
                       (default: a corpus/ folder beside the questions file, else CORPUS_DIR)
  --index DIR          index folder (default data/index; for another corpus than CORPUS_DIR,
                       data/eval-index/<corpus name>-<hash>, so sets never rebuild each other)
  --concurrency N      questions in flight at once                      (default 1)
  --pass-lang          give the set's language to the retriever (default: detect)
  --include-uploads    also index documents uploaded through the page (corpus/uploads/, left out by default)
  --skip-gold-check    do not verify that gold spans are verbatim in the corpus
  --no-baseline        leave out the plain-BM25 reference run (French analysis only, nothing cross-lingual)
  --feedback-draft FILE  turn the answers people rated in the chat page into a draft question set
                       (JSONL, this format) at FILE, and FILE.review.md listing what needs a person
  --feedback FILE      feedback to read (default: Postgres when DATABASE_URL is set, else
                       <DATA_DIR>/feedback.jsonl)
  -h, --help           show this help

Conversation sets: npm run eval -- --conversations FILE [--url URL] [--stateless] [--verbose]
(scores every turn of multi-turn conversations; see eval/README.md "Conversations").

With --url, one run is made with the server's own settings; add --mode/--rerank to ask the
server for specific settings (sent as mode= and rerank= query parameters).
`;

export const SEARCH_MODES: readonly SearchMode[] = ['dense', 'bm25', 'hybrid'];
export const EMBEDDER_NAMES: readonly EmbedderName[] = ['lexical', 'transformers'];

export interface CliOptions {
  help: boolean;
  questions: string;
  k: number;
  out: string | null;
  /** 'auto' = every available embedder, unavailable ones skipped. */
  embedders: EmbedderName[] | 'auto';
  modes: SearchMode[];
  reranks: boolean[];
  /** Whether --mode / --rerank were given (with --url they are forwarded, else the server decides). */
  modeExplicit: boolean;
  rerankExplicit: boolean;
  url: string | null;
  apiKey: string | null;
  corpusDir: string;
  corpusExplicit: boolean;
  indexDir: string;
  concurrency: number;
  passLang: boolean;
  goldCheck: boolean;
  /** --feedback-draft: write a draft question set from stored feedback instead of evaluating. */
  feedbackDraft: string | null;
  /** --feedback: the feedback file to read (null: the configured store). */
  feedbackFile: string | null;
  /** Index corpus/uploads/ too (left out by default: the question sets are about the shipped corpus). */
  includeUploads: boolean;
  /** Add the plain-BM25 reference run (local runs that include bm25); --no-baseline drops it. */
  baseline: boolean;
}

export function parseCliArgs(argv: readonly string[], config: AppConfig): CliOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        questions: { type: 'string' },
        k: { type: 'string' },
        out: { type: 'string' },
        embedder: { type: 'string' },
        mode: { type: 'string' },
        rerank: { type: 'string' },
        url: { type: 'string' },
        'api-key': { type: 'string' },
        corpus: { type: 'string' },
        index: { type: 'string' },
        concurrency: { type: 'string' },
        'pass-lang': { type: 'boolean' },
        'skip-gold-check': { type: 'boolean' },
        'include-uploads': { type: 'boolean' },
        'feedback-draft': { type: 'string' },
        feedback: { type: 'string' },
        'no-baseline': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    throw new AppError('INVALID_PARAMETER', `${(err as Error).message} (see --help).`, { cause: err });
  }
  const str = (name: string): string | undefined => {
    const v = values[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v.trim() === '') throw new AppError('INVALID_PARAMETER', `--${name} needs a value (see --help).`);
    return v.trim();
  };

  const help = values.help === true;
  const questions = str('questions');
  const feedbackDraft = str('feedback-draft') ?? null;
  if (!questions && !help && !feedbackDraft) throw new AppError('INVALID_PARAMETER', '--questions FILE is required, e.g. --questions eval/questions.jsonl (see --help).');

  const embedderRaw = str('embedder') ?? config.embedder;
  const modesRaw = str('mode');
  const rerankRaw = str('rerank');
  const corpus = str('corpus');
  // A set that ships its own documents keeps them beside the questions (eval/sets/<name>/corpus/).
  const beside = questions ? path.join(path.dirname(questions), 'corpus') : null;
  const corpusDir = corpus ?? (beside && existsSync(beside) && statSync(beside).isDirectory() ? beside : config.corpusDir);
  const index = str('index');
  const indexDir = index ?? (path.resolve(corpusDir) === path.resolve(config.corpusDir) ? config.indexDir : corpusIndexDir(config.dataDir, corpusDir));

  return {
    help,
    questions: questions ?? '',
    k: positiveInt('k', str('k'), 10, 1000),
    out: str('out') ?? null,
    embedders: embedderRaw === 'auto' ? 'auto' : list('embedder', embedderRaw, EMBEDDER_NAMES),
    modes: modesRaw ? list('mode', modesRaw, SEARCH_MODES) : [...SEARCH_MODES],
    reranks: rerankChoice(rerankRaw),
    modeExplicit: modesRaw !== undefined,
    rerankExplicit: rerankRaw !== undefined,
    url: str('url') ?? null,
    apiKey: str('api-key') ?? config.apiKey,
    corpusDir,
    corpusExplicit: corpus !== undefined,
    indexDir,
    concurrency: positiveInt('concurrency', str('concurrency'), 1, 64),
    passLang: values['pass-lang'] === true,
    goldCheck: values['skip-gold-check'] !== true,
    includeUploads: values['include-uploads'] === true,
    feedbackDraft,
    feedbackFile: str('feedback') ?? null,
    baseline: values['no-baseline'] !== true,
  };
}

function positiveInt(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    throw new AppError('INVALID_PARAMETER', `--${name} must be an integer between 1 and ${max}, got "${raw}".`);
  }
  return Number(raw);
}

function list<T extends string>(name: string, raw: string, allowed: readonly T[]): T[] {
  const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = items.filter((s) => !(allowed as readonly string[]).includes(s));
  if (items.length === 0 || bad.length > 0) {
    throw new AppError('INVALID_PARAMETER', `--${name} must be a comma-separated list of ${allowed.join(', ')}; got "${raw}".`);
  }
  return [...new Set(items)] as T[];
}

function rerankChoice(raw: string | undefined): boolean[] {
  if (raw === undefined || raw === 'both') return [false, true];
  if (raw === 'on') return [true];
  if (raw === 'off') return [false];
  throw new AppError('INVALID_PARAMETER', `--rerank must be both, on or off; got "${raw}".`);
}

/** Index folder of an eval over another corpus: named after the corpus, unique per absolute path. */
export function corpusIndexDir(dataDir: string, corpusDir: string): string {
  const abs = path.resolve(corpusDir);
  const name = path.basename(path.basename(abs) === 'corpus' ? path.dirname(abs) : abs).replace(/[^\w.-]+/g, '_');
  return path.join(dataDir, 'eval-index', `${name}-${createHash('sha256').update(abs).digest('hex').slice(0, 8)}`);
}
