/**
 * A Retriever over a running server's `GET /api/search?q=&k=` (DEVELOPERS.md contract), so the
 * same eval scores the deployed stack end to end. The response is validated, not trusted: a
 * server that drifts from the contract fails the eval with the offending field named.
 */
import { AppError, ERROR_CATALOG, type ErrorCode } from '../core/errors.js';
import type { Hit, Lang } from '../core/types.js';
import type { Retriever, SearchOptions, SearchResult } from '../index/index.js';

export interface HttpRetrieverOptions {
  /** Server root, e.g. http://127.0.0.1:3000 (a path prefix is kept). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …` when the server requires API_KEY. */
  apiKey: string | null;
  timeoutMs: number;
  /** Retries on 429/503 that carry Retry-After (the server's rate limit), then the error. */
  maxRetries: number;
  /** Longest Retry-After honoured, in ms; longer waits fail instead of stalling the eval. */
  maxRetryWaitMs: number;
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_HTTP_RETRIEVER: Omit<HttpRetrieverOptions, 'baseUrl'> = {
  apiKey: null,
  timeoutMs: 30_000,
  maxRetries: 3,
  maxRetryWaitMs: 60_000,
  fetch: (input, init) => fetch(input, init),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** The server does not have to report the language; evaluate() then skips the language check. */
export type HttpSearchResult = SearchResult & { langReported: boolean };

export class HttpRetriever implements Retriever {
  private readonly opts: HttpRetrieverOptions;
  private readonly endpoint: URL;

  constructor(options: Pick<HttpRetrieverOptions, 'baseUrl'> & Partial<HttpRetrieverOptions>) {
    this.opts = { ...DEFAULT_HTTP_RETRIEVER, ...options };
    let base: URL;
    try {
      base = new URL(this.opts.baseUrl);
    } catch {
      throw new AppError('INVALID_PARAMETER', `--url must be an http(s) URL such as http://127.0.0.1:3000, got "${this.opts.baseUrl}".`);
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:') {
      throw new AppError('INVALID_PARAMETER', `--url must use http or https, got "${this.opts.baseUrl}".`);
    }
    if (!base.pathname.endsWith('/')) base.pathname += '/';
    this.endpoint = new URL('api/search', base);
  }

  get url(): string {
    return this.endpoint.toString();
  }

  async search(query: string, options: SearchOptions): Promise<HttpSearchResult> {
    const url = new URL(this.endpoint);
    url.searchParams.set('q', query);
    url.searchParams.set('k', String(options.k));
    // Only sent when the caller chose them (--mode/--rerank with --url): the contract has q and k only.
    if (options.mode) url.searchParams.set('mode', options.mode);
    if (options.rerank !== undefined) url.searchParams.set('rerank', String(options.rerank));
    if (options.lang) url.searchParams.set('lang', options.lang);
    const body = await this.getJson(url);
    return parseSearchResponse(body, this.endpoint.toString());
  }

  private async getJson(url: URL): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.opts.apiKey) headers.authorization = `Bearer ${this.opts.apiKey}`;
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await this.opts.fetch(url, { headers, signal: AbortSignal.timeout(this.opts.timeoutMs) });
      } catch (err) {
        const e = err as Error & { cause?: { code?: string } };
        if (e.name === 'TimeoutError' || e.name === 'AbortError') {
          throw new AppError('TIMEOUT', `${this.endpoint} did not answer within ${this.opts.timeoutMs} ms.`, { cause: err });
        }
        throw new AppError(
          'UPSTREAM_UNREACHABLE',
          `cannot reach ${this.endpoint} (${e.cause?.code ?? e.message}); is the server running (npm start)?`,
          { cause: err },
        );
      }
      const text = await res.text();
      if (res.ok) {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          throw new AppError('INVALID_JSON', `${this.endpoint} answered ${res.status} with a body that is not JSON: ${preview(text)}`);
        }
      }
      const wait = retryAfterMs(res.headers.get('retry-after'));
      if ((res.status === 429 || res.status === 503) && wait !== null && wait <= this.opts.maxRetryWaitMs && attempt < this.opts.maxRetries) {
        await this.opts.sleep(wait);
        continue;
      }
      throw serverError(res.status, text, this.endpoint.toString());
    }
  }
}

/** Validate the JSON of /api/search and turn it into a SearchResult. Exported for tests. */
export function parseSearchResponse(body: unknown, where = '/api/search'): HttpSearchResult {
  const fail = (field: string, expected: string): never => {
    throw new AppError('VALIDATION_FAILED', `${where}: response field "${field}" must be ${expected}.`);
  };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) fail('(body)', 'a JSON object');
  const o = body as Record<string, unknown>;
  if (typeof o.answerable !== 'boolean') fail('answerable', 'true or false');
  if (!Array.isArray(o.results)) fail('results', 'an array');
  const hits: Hit[] = (o.results as unknown[]).map((item, i) => {
    if (typeof item !== 'object' || item === null) fail(`results[${i}]`, 'an object');
    const r = item as Record<string, unknown>;
    for (const f of ['id', 'source', 'text'] as const) if (typeof r[f] !== 'string' || r[f] === '') fail(`results[${i}].${f}`, 'a non-empty string');
    if (typeof r.score !== 'number' || !Number.isFinite(r.score)) fail(`results[${i}].score`, 'a finite number');
    if (r.title !== undefined && r.title !== null && typeof r.title !== 'string') fail(`results[${i}].title`, 'a string');
    if (r.date !== undefined && r.date !== null && typeof r.date !== 'string') fail(`results[${i}].date`, 'a string or null');
    const text = r.text as string;
    return {
      passage: {
        id: r.id as string,
        source: r.source as string,
        title: typeof r.title === 'string' ? r.title : '',
        date: typeof r.date === 'string' ? r.date : null,
        text,
        // Offsets and ordinal are not part of the HTTP contract; -1 marks them unknown.
        start: -1,
        end: -1,
        ordinal: -1,
      },
      score: r.score as number,
      ranks: {},
    };
  });
  const langReported = o.lang === 'fr' || o.lang === 'en';
  const diagnostics = isDiagnostics(o.diagnostics) ? o.diagnostics : undefined;
  return {
    answerable: o.answerable as boolean,
    // SearchResult requires a language; langReported=false tells evaluate() it is a placeholder.
    lang: langReported ? (o.lang as Lang) : 'fr',
    langReported,
    hits,
    ...(diagnostics ? { diagnostics } : {}),
  };
}

function isDiagnostics(v: unknown): v is Record<string, number | string | boolean> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  return Object.values(v).every((x) => typeof x === 'number' || typeof x === 'string' || typeof x === 'boolean');
}

/** Keep the server's own error code when it is one of ours; otherwise derive one from the status. */
function serverError(status: number, text: string, where: string): AppError {
  let code: ErrorCode | null = null;
  let message = preview(text);
  try {
    const parsed = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    const c = parsed.error?.code;
    if (typeof c === 'string' && c in ERROR_CATALOG) code = c as ErrorCode;
    if (typeof parsed.error?.message === 'string') message = parsed.error.message;
  } catch {
    // Not JSON: keep the text preview.
  }
  code ??= status === 401 ? 'UNAUTHORIZED' : status === 404 ? 'ROUTE_NOT_FOUND' : status === 429 ? 'RATE_LIMITED' : status === 503 ? 'OVERLOADED' : status === 504 ? 'TIMEOUT' : status < 500 ? 'BAD_REQUEST' : 'INTERNAL';
  return new AppError(code, `${where} answered ${status}: ${message}`, { details: { status } });
}

function retryAfterMs(header: string | null): number | null {
  if (header === null) return null;
  const s = Number(header);
  if (Number.isFinite(s) && s >= 0) return s * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

function preview(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 200 ? `${t.slice(0, 200)}…` : t || '(empty body)';
}
