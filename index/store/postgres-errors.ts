/**
 * Postgres failures → AppError. Connection-level failures (refused, DNS, auth, missing database,
 * server shutting down, timeouts) become STORE_UNAVAILABLE; anything else is an INTERNAL error
 * naming the failed action. Messages never carry the password: the connection string is shown
 * redacted and every known secret is scrubbed from driver messages.
 */
import { AppError } from '../../core/errors.js';

/** Node socket errors that mean "cannot reach the database". */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

/**
 * SQLSTATEs meaning the server cannot serve us right now: class 08 (connection exception),
 * 28 (invalid authorization), 3D000 (database does not exist), 53300 (too many connections),
 * 57P01–57P03 (shutdown / cannot connect now).
 */
function isUnavailableSqlState(code: string): boolean {
  return code.startsWith('08') || code.startsWith('28') || code === '3D000' || code === '53300' || /^57P0[1-3]$/.test(code);
}

/** pg's own messages when a connection dies or never comes up (it sets no code on these). */
const CONNECTION_MESSAGES = [/connection terminated/i, /timeout expired/i, /connection timeout/i, /server closed the connection/i, /Client has encountered a connection error/i];

export function isConnectionError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || isUnavailableSqlState(code))) return true;
  if (err instanceof AggregateError) return err.errors.some(isConnectionError);
  return CONNECTION_MESSAGES.some((re) => re.test(err.message));
}

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`; keyword form `password=x` too. */
export function redactConnectionString(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    if (url.password) url.password = '***';
    for (const key of [...url.searchParams.keys()]) {
      if (/^(password|sslpassword|sslkey)$/i.test(key)) url.searchParams.set(key, '***');
    }
    return url.toString();
  } catch {
    return connectionString.replace(/(password\s*=\s*)(?:'[^']*'|\S+)/gi, '$1***');
  }
}

/** Secrets that must never appear in a message (the password, URL-decoded and raw). */
export function secretsOf(connectionString: string | null): string[] {
  if (!connectionString) return [];
  const out: string[] = [];
  try {
    const url = new URL(connectionString);
    if (url.password) {
      out.push(url.password);
      try {
        out.push(decodeURIComponent(url.password));
      } catch {
        /* malformed escape: the raw form is already listed */
      }
    }
  } catch {
    const m = /password\s*=\s*('[^']*'|\S+)/i.exec(connectionString);
    if (m?.[1]) out.push(m[1].replace(/^'|'$/g, ''));
  }
  return out.filter((s) => s.length > 0);
}

export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join('***');
  return out;
}

export interface StoreErrorContext {
  /** What we were doing, e.g. "open", "upsert". */
  action: string;
  /** Redacted target, e.g. "postgres://app:***@db:5432/rag (public.assistant_*)". */
  target: string;
  secrets: readonly string[];
}

export function toStoreError(err: unknown, ctx: StoreErrorContext): AppError {
  if (err instanceof AppError) return err;
  const raw = err instanceof Error ? err.message || err.name : String(err);
  const message = scrub(raw, ctx.secrets);
  const code = err instanceof Error ? (err as { code?: unknown }).code : undefined;
  const details = typeof code === 'string' ? { pgCode: code } : undefined;
  if (isConnectionError(err)) {
    return new AppError('STORE_UNAVAILABLE', `Cannot reach the Postgres store at ${ctx.target} (${ctx.action}): ${message}`, {
      cause: err,
      ...(details ? { details } : {}),
    });
  }
  return new AppError('INTERNAL', `Postgres ${ctx.action} failed on ${ctx.target}: ${message}`, {
    cause: err,
    ...(details ? { details } : {}),
  });
}
