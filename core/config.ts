/**
 * Configuration is read once, here, at the edge (server start or CLI) and passed down as plain
 * options objects; modules below never read `process.env` themselves.
 */
import path from 'node:path';
import { parseCidrList, type CidrRange } from './cidr.js';
import { AppError } from './errors.js';
import type { LogLevel } from './logger.js';
import type { EmbedderChoice } from '../index/index.js';

export interface LlmConfig {
  baseUrl: string;
  model: string;
  apiKey: string;
  timeoutMs: number;
}

/** Bounds on reading one document (ingest/bounded/): enforced for uploads, the watcher and ingests. */
export interface ParseConfig {
  /** Wall-clock limit for reading one document in the parser process. */
  timeoutMs: number;
  /** Memory (RSS) the parser process may use; above it the document is refused. */
  memoryMb: number;
  maxPages: number;
  /** Characters of extracted text. */
  maxChars: number;
  maxPassages: number;
  /** DOCX: sum of the declared uncompressed sizes in the ZIP directory (zip bombs). */
  maxUncompressedBytes: number;
}

export interface AppConfig {
  port: number;
  /** Listen address; loopback by default. */
  host: string;
  /** Host names (the Host header, port ignored) the server answers to: DNS-rebinding defence.
   * null = the loopback names, the listen address and, for a wildcard listen address, this
   * machine's names and addresses; ['*'] = any host. */
  allowedHosts: string[] | null;
  /** Listen on a non-loopback address without API_KEY anyway (otherwise the start is refused). */
  allowRemoteWithoutKey: boolean;
  /** Folder of source documents. */
  corpusDir: string;
  /** Root of generated files (index, reports, screenshots). */
  dataDir: string;
  /** HNSW index folder (data/index by default). */
  indexDir: string;
  embedder: EmbedderChoice;
  /** Local folder holding transformers models (offline); null = none configured. */
  modelDir: string | null;
  /** Model id looked up inside modelDir. */
  modelName: string;
  /** Postgres + pgvector store when set; HNSW files otherwise. */
  databaseUrl: string | null;
  logLevel: LogLevel;
  /** Log line format; null = pretty on a terminal, JSON lines otherwise. */
  logFormat: 'pretty' | 'json' | null;
  llm: LlmConfig | null;
  /** When set, `Authorization: Bearer <apiKey>` is required on /api and /v1. */
  apiKey: string | null;
  /** Allowed CORS origins; empty = CORS off. */
  corsOrigins: string[];
  /** Requests per client and window on /api and /v1; max 0 = rate limiting off. */
  rateLimit: { windowMs: number; max: number };
  /** Addresses of the reverse proxies whose X-Forwarded-For is believed (empty = none: the
   * socket address identifies the client). A request from anywhere else is keyed by its socket. */
  trustProxy: CidrRange[];
  /** After SIGTERM/SIGINT, in-flight requests get this long to finish before the process exits anyway. */
  shutdownTimeoutMs: number;
  /** Postgres only: schema and table-name prefix (several indexes can share one database). */
  pgSchema: string;
  pgTablePrefix: string;
  /** Postgres only: how often a server re-reads the shared index to see other processes' writes (0 = never). */
  storeSyncMs: number;
  answerConcurrency: number;
  answerQueue: number;
  requestTimeoutMs: number;
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  /** An upload body that sends nothing for this long is abandoned (its socket closed). */
  uploadIdleTimeoutMs: number;
  parse: ParseConfig;
  /** Watch the corpus folder and ingest changes live. */
  watch: boolean;
  /** Calibrated retrieval settings file (answerability threshold …). */
  retrievalConfigPath: string;
  /** Saved conversations (the chat page's): folder (HNSW deployments; Postgres keeps them in the
   * database), and how many are kept in all and per client. Feedback goes to <dataDir>/feedback.jsonl. */
  conversations: { dir: string; max: number; perClient: number };
}

export const DEFAULT_CONFIG: AppConfig = {
  port: 3000,
  host: '127.0.0.1',
  allowedHosts: null,
  allowRemoteWithoutKey: false,
  corpusDir: 'corpus',
  dataDir: 'data',
  indexDir: path.join('data', 'index'),
  embedder: 'auto',
  modelDir: null,
  modelName: 'Xenova/multilingual-e5-small',
  databaseUrl: null,
  logLevel: 'info',
  logFormat: null,
  llm: null,
  apiKey: null,
  corsOrigins: [],
  rateLimit: { windowMs: 60_000, max: 120 },
  trustProxy: [],
  shutdownTimeoutMs: 10_000,
  pgSchema: 'public',
  pgTablePrefix: 'assistant_',
  storeSyncMs: 5_000,
  answerConcurrency: 4,
  answerQueue: 16,
  requestTimeoutMs: 30_000,
  bodyLimitBytes: 64 * 1024,
  uploadLimitBytes: 25 * 1024 * 1024,
  uploadIdleTimeoutMs: 15_000,
  parse: {
    timeoutMs: 8_000,
    memoryMb: 512,
    maxPages: 2_000,
    maxChars: 5_000_000,
    maxPassages: 20_000,
    maxUncompressedBytes: 50 * 1024 * 1024,
  },
  watch: false,
  retrievalConfigPath: path.join('config', 'retrieval.json'),
  conversations: { dir: path.join('data', 'conversations'), max: 10_000, perClient: 200 },
};

type Env = Record<string, string | undefined>;

/** Build the configuration from environment variables (see the README table). Invalid values are errors, never clamped. */
export function configFromEnv(env: Env = process.env, base: AppConfig = DEFAULT_CONFIG): AppConfig {
  const dataDir = str(env, 'DATA_DIR') ?? base.dataDir;
  const llmBase = str(env, 'LLM_BASE_URL');
  return {
    ...base,
    port: int(env, 'PORT', base.port, 0, 65535),
    host: str(env, 'HOST') ?? base.host,
    allowedHosts: str(env, 'ALLOWED_HOSTS') === undefined ? base.allowedHosts : list(env, 'ALLOWED_HOSTS'),
    allowRemoteWithoutKey: bool(env, 'ALLOW_REMOTE_WITHOUT_KEY', base.allowRemoteWithoutKey),
    corpusDir: str(env, 'CORPUS_DIR') ?? base.corpusDir,
    dataDir,
    indexDir: str(env, 'INDEX_DIR') ?? (str(env, 'DATA_DIR') ? path.join(dataDir, 'index') : base.indexDir),
    embedder: oneOf(env, 'EMBEDDER', ['auto', 'lexical', 'transformers'] as const, base.embedder),
    modelDir: str(env, 'MODEL_DIR') ?? base.modelDir,
    modelName: str(env, 'EMBEDDING_MODEL') ?? base.modelName,
    databaseUrl: str(env, 'DATABASE_URL') ?? base.databaseUrl,
    logLevel: oneOf(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error', 'silent'] as const, base.logLevel),
    logFormat: str(env, 'LOG_FORMAT') === undefined ? base.logFormat : oneOf(env, 'LOG_FORMAT', ['pretty', 'json'] as const, 'json'),
    llm: llmBase
      ? {
          baseUrl: llmBase,
          model: str(env, 'LLM_MODEL') ?? 'llama3.1',
          apiKey: str(env, 'LLM_API_KEY') ?? 'not-needed',
          timeoutMs: int(env, 'LLM_TIMEOUT_MS', 20_000, 100, 600_000),
        }
      : base.llm,
    apiKey: str(env, 'API_KEY') ?? base.apiKey,
    corsOrigins: (str(env, 'CORS_ORIGINS') ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    rateLimit: {
      windowMs: int(env, 'RATE_LIMIT_WINDOW_MS', base.rateLimit.windowMs, 1000, 3_600_000),
      max: int(env, 'RATE_LIMIT_MAX', base.rateLimit.max, 0, 1_000_000),
    },
    trustProxy: proxies(env, 'TRUST_PROXY', base.trustProxy),
    shutdownTimeoutMs: int(env, 'SHUTDOWN_TIMEOUT_MS', base.shutdownTimeoutMs, 0, 600_000),
    pgSchema: identifier(env, 'PG_SCHEMA', base.pgSchema),
    pgTablePrefix: identifier(env, 'PG_TABLE_PREFIX', base.pgTablePrefix, true),
    storeSyncMs: int(env, 'STORE_SYNC_MS', base.storeSyncMs, 0, 3_600_000),
    answerConcurrency: int(env, 'ANSWER_CONCURRENCY', base.answerConcurrency, 1, 256),
    answerQueue: int(env, 'ANSWER_QUEUE', base.answerQueue, 0, 10_000),
    requestTimeoutMs: int(env, 'REQUEST_TIMEOUT_MS', base.requestTimeoutMs, 100, 600_000),
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', base.bodyLimitBytes, 1024, 100 * 1024 * 1024),
    uploadLimitBytes: int(env, 'UPLOAD_LIMIT_BYTES', base.uploadLimitBytes, 1024, 1024 * 1024 * 1024),
    uploadIdleTimeoutMs: int(env, 'UPLOAD_IDLE_TIMEOUT_MS', base.uploadIdleTimeoutMs, 100, 600_000),
    parse: {
      timeoutMs: int(env, 'PARSE_TIMEOUT_MS', base.parse.timeoutMs, 100, 3_600_000),
      memoryMb: int(env, 'PARSE_MEMORY_MB', base.parse.memoryMb, 64, 65_536),
      maxPages: int(env, 'MAX_DOCUMENT_PAGES', base.parse.maxPages, 1, 10_000_000),
      maxChars: int(env, 'MAX_DOCUMENT_CHARS', base.parse.maxChars, 1, 2_000_000_000),
      maxPassages: int(env, 'MAX_DOCUMENT_PASSAGES', base.parse.maxPassages, 1, 100_000_000),
      maxUncompressedBytes: int(env, 'MAX_UNCOMPRESSED_BYTES', base.parse.maxUncompressedBytes, 1024, 1024 ** 4),
    },
    watch: bool(env, 'WATCH', base.watch),
    retrievalConfigPath: str(env, 'RETRIEVAL_CONFIG') ?? base.retrievalConfigPath,
    conversations: {
      dir: str(env, 'CONVERSATIONS_DIR') ?? (str(env, 'DATA_DIR') ? path.join(dataDir, 'conversations') : base.conversations.dir),
      max: int(env, 'MAX_CONVERSATIONS', base.conversations.max, 1, 10_000_000),
      perClient: int(env, 'MAX_CONVERSATIONS_PER_CLIENT', base.conversations.perClient, 1, 100_000),
    },
  };
}

/** SQL identifiers are interpolated into DDL: only plain names are accepted. */
function identifier(env: Env, name: string, fallback: string, allowEmpty = false): string {
  const raw = env[name];
  if (raw === undefined) return fallback;
  const v = raw.trim();
  if (v === '' && allowEmpty) return '';
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(v)) {
    throw new AppError('INVALID_PARAMETER', `${name} must be a lowercase SQL identifier (letters, digits, _), got "${raw}".`);
  }
  return v;
}

function str(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  if (!/^-?\d+$/.test(raw)) throw new AppError('INVALID_PARAMETER', `${name} must be an integer, got "${raw}".`);
  const n = Number(raw);
  if (n < min || n > max) throw new AppError('INVALID_PARAMETER', `${name} must be between ${min} and ${max}, got ${n}.`);
  return n;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new AppError('INVALID_PARAMETER', `${name} must be true or false, got "${raw}".`);
}

function list(env: Env, name: string): string[] {
  return (str(env, name) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/**
 * TRUST_PROXY: the proxies' addresses or CIDR ranges (or `loopback`); false/0/off = none. A hop
 * count or `true` is refused: it believed the X-Forwarded-For of any client, so a direct client
 * could pick its own rate-limit bucket with every request.
 */
function proxies(env: Env, name: string, fallback: CidrRange[]): CidrRange[] {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  if (/^(false|no|off|0)$/i.test(raw)) return [];
  if (/^(true|yes|on|\d+)$/i.test(raw)) {
    throw new AppError(
      'INVALID_PARAMETER',
      `${name} now lists the proxies' addresses, e.g. ${name}=127.0.0.1 or ${name}=10.0.0.0/8,loopback (got "${raw}": a hop count would believe any client's X-Forwarded-For).`,
    );
  }
  return parseCidrList(raw, name);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new AppError('INVALID_PARAMETER', `${name} must be one of ${allowed.join(', ')}, got "${raw}".`);
  }
  return raw as T;
}
