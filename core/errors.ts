/**
 * The one error catalog. Every failure the user can see has a code here, an HTTP status for the
 * server, an exit code for the CLIs, and a fix-it hint. Modules throw `AppError`; the edges
 * (server `onError`, CLI `main`) map it. Nothing else decides statuses.
 */

export const ERROR_CATALOG = {
  // --- request validation (server edge) ---
  BAD_REQUEST: { status: 400, exit: 2, hint: 'Check the request syntax.' },
  MISSING_QUERY: { status: 400, exit: 2, hint: 'Pass a non-empty question, e.g. /api/search?q=Qui+dirige+INTERPOL' },
  INVALID_PARAMETER: { status: 400, exit: 2, hint: 'See the API section of the README for allowed values.' },
  VALIDATION_FAILED: { status: 422, exit: 2, hint: 'Fix the fields listed in the message.' },
  INVALID_JSON: { status: 400, exit: 2, hint: 'Send a valid JSON body.' },
  UNAUTHORIZED: { status: 401, exit: 2, hint: 'Send "Authorization: Bearer <API_KEY>".' },
  CROSS_SITE_REQUEST: { status: 403, exit: 2, hint: 'Send writes from the assistant\'s own page, or list your origin in CORS_ORIGINS.' },
  HOST_NOT_ALLOWED: { status: 403, exit: 2, hint: 'Use an address the server answers to, or add this host name to ALLOWED_HOSTS.' },
  NOT_FOUND: { status: 404, exit: 2, hint: 'Check the identifier.' },
  ROUTE_NOT_FOUND: { status: 404, exit: 2, hint: 'See the README for the available endpoints.' },
  METHOD_NOT_ALLOWED: { status: 405, exit: 2, hint: 'See the README for the methods each endpoint accepts.' },
  CONFLICT: { status: 409, exit: 2, hint: 'The resource already exists.' },
  PAYLOAD_TOO_LARGE: { status: 413, exit: 2, hint: 'Send a smaller body or raise the configured limit.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, exit: 2, hint: 'Use an allowed content type.' },
  RATE_LIMITED: { status: 429, exit: 2, hint: 'Wait before retrying (see Retry-After).' },
  OVERLOADED: { status: 503, exit: 3, hint: 'The server is busy; retry after the Retry-After delay.' },
  TIMEOUT: { status: 504, exit: 3, hint: 'The request took too long; retry or ask a narrower question.' },

  // --- documents ---
  DOCUMENT_UNSUPPORTED: { status: 415, exit: 2, hint: 'Supported: .txt, .md, .html, .pdf, .docx.' },
  DOCUMENT_UNREADABLE: { status: 422, exit: 2, hint: 'The file is damaged, encrypted, empty or has no text layer.' },
  DOCUMENT_TOO_LARGE: { status: 413, exit: 2, hint: 'Split the document, or raise the limit named in the message (see README "Configuration").' },
  DOCUMENT_TIMEOUT: { status: 422, exit: 2, hint: 'The document took too long to read; split it, or raise PARSE_TIMEOUT_MS.' },

  // --- index / ingest ---
  INDEX_NOT_READY: { status: 503, exit: 3, hint: 'Run `npm run ingest` (or `npm start`, which ingests when needed).' },
  INDEX_MISSING: { status: 503, exit: 3, hint: 'Run `npm run ingest` to build the index.' },
  INDEX_MISMATCH: { status: 409, exit: 4, hint: 'Rebuild with `npm run ingest -- --rebuild` (npm start does it for you).' },
  INDEX_NOT_WRITABLE: { status: 503, exit: 3, hint: 'Free disk space or fix the permissions of the index folder (INDEX_DIR); nothing was changed.' },
  CORPUS_NOT_WRITABLE: { status: 503, exit: 3, hint: 'Free disk space or fix the permissions of the corpus folder (CORPUS_DIR); nothing was changed.' },
  INDEX_CORRUPT: { status: 500, exit: 4, hint: 'Rebuild with `npm run ingest -- --rebuild`; the corpus is untouched.' },
  INGEST_LOCKED: { status: 409, exit: 5, hint: 'Another ingest is running; wait for it or remove a stale lock file.' },
  CORPUS_NOT_FOUND: { status: 500, exit: 2, hint: 'Point --dir / CORPUS_DIR at an existing folder.' },
  MODEL_MISSING: { status: 500, exit: 6, hint: 'See README "Running the neural model offline" for the files to place.' },
  EMBEDDING_FAILED: { status: 500, exit: 6, hint: 'Check the model files and the logs.' },
  UPSTREAM_UNREACHABLE: { status: 502, exit: 3, hint: 'Check that the server URL is right and the server is running.' },
  STORE_UNAVAILABLE: { status: 503, exit: 3, hint: 'Check DATABASE_URL and that the database is reachable.' },

  // --- conversations and feedback ---
  CLIENT_ID_REQUIRED: { status: 400, exit: 2, hint: 'Send "X-Client-Id: <16 to 64 letters, digits, - or _>", a random id kept by the client (the chat page does it).' },
  CONVERSATIONS_FULL: { status: 503, exit: 3, hint: 'Delete old conversations, or raise MAX_CONVERSATIONS.' },
  CONVERSATIONS_UNAVAILABLE: { status: 503, exit: 3, hint: 'Check that the data folder (DATA_DIR) is writable, or that the database (DATABASE_URL) is reachable.' },

  // --- answer / LLM ---
  LLM_FAILED: { status: 502, exit: 3, hint: 'Check LLM_BASE_URL / LLM_MODEL; the extractive composer is used meanwhile.' },

  INSECURE_BIND: { status: 500, exit: 2, hint: 'Set API_KEY, or HOST=127.0.0.1, or ALLOW_REMOTE_WITHOUT_KEY=true to accept the risk.' },

  INTERNAL: { status: 500, exit: 1, hint: 'This is a bug; the server log has the details.' },
} as const satisfies Record<string, { status: number; exit: number; hint: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly exitCode: number;
  readonly hint: string;
  readonly details: Record<string, unknown> | undefined;
  /** What HTTP clients read instead of `message`, when the message names things only operators
   * should see (process ids, file paths); CLIs and logs keep `message`. */
  readonly publicMessage: string | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { details?: Record<string, unknown>; cause?: unknown; publicMessage?: string } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    const entry = ERROR_CATALOG[code];
    this.status = entry.status;
    this.exitCode = entry.exit;
    this.hint = entry.hint;
    this.details = options.details;
    this.publicMessage = options.publicMessage;
  }

  /** The JSON body clients receive: never a stack trace. */
  toJSON(): { error: { code: ErrorCode; message: string; hint: string; details?: Record<string, unknown> } } {
    return {
      error: {
        code: this.code,
        message: this.publicMessage ?? this.message,
        hint: this.hint,
        ...(this.details ? { details: this.details } : {}),
      },
    };
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

/** Wrap anything thrown into an AppError (unknown errors become INTERNAL with a generic message). */
export function toAppError(err: unknown): AppError {
  if (isAppError(err)) return err;
  return new AppError('INTERNAL', 'Internal error.', { cause: err });
}
