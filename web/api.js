// Talking to our server: JSON helpers, the error shape {"error":{"code","message","hint"}}, and
// the chat call that streams Server-Sent Events and falls back to plain JSON.
import { readSse } from './sse.js';

const KEY_STORAGE = 'assistant.apiKey';

/** The API key typed by the user when the server requires one (kept for this tab only). */
export function getApiKey() {
  try {
    return sessionStorage.getItem(KEY_STORAGE) ?? '';
  } catch {
    return '';
  }
}

/** @param {string} key */
export function setApiKey(key) {
  try {
    if (key) sessionStorage.setItem(KEY_STORAGE, key);
    else sessionStorage.removeItem(KEY_STORAGE);
  } catch {
    // storage disabled: the key simply is not remembered
  }
}

/** @returns {Record<string, string>} */
export function authHeaders() {
  const key = getApiKey();
  return key ? { Authorization: `Bearer ${key}` } : {};
}

export class ApiError extends Error {
  /**
   * @param {number} status HTTP status, 0 when the server could not be reached
   * @param {string} code
   * @param {string} message
   * @param {{ hint?: string, retryAfter?: number | null }} [more]
   */
  constructor(status, code, message, more = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.hint = more.hint ?? '';
    this.retryAfter = more.retryAfter ?? null;
  }
}

/** @param {string | null} value @returns {number | null} */
function retryAfterOf(value) {
  if (!value) return null;
  const s = Number(value);
  if (Number.isFinite(s)) return Math.max(0, Math.round(s));
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.round((at - Date.now()) / 1000));
}

/**
 * Turn an error body of ours into an ApiError; anything else (a proxy's HTML page…) still gives
 * a readable message with the status.
 * @param {number} status @param {unknown} body @param {string | null} retryAfter
 */
export function apiErrorFrom(status, body, retryAfter) {
  const err = body && typeof body === 'object' && 'error' in body ? /** @type {{error: unknown}} */ (body).error : null;
  const retry = retryAfterOf(retryAfter);
  if (err && typeof err === 'object') {
    const e = /** @type {Record<string, unknown>} */ (err);
    const message = typeof e.message === 'string' && e.message ? e.message : `HTTP ${status}`;
    return new ApiError(status, typeof e.code === 'string' ? e.code : 'HTTP_ERROR', message, {
      hint: typeof e.hint === 'string' ? e.hint : '',
      retryAfter: retry,
    });
  }
  return new ApiError(status, 'HTTP_ERROR', '', { retryAfter: retry });
}

/** @param {Response} res */
export async function errorFromResponse(res) {
  let body = null;
  try {
    body = await res.json();
  } catch {
    // not JSON: the status alone will have to do
  }
  return apiErrorFrom(res.status, body, res.headers.get('Retry-After'));
}

/** @param {unknown} err */
export function isAbort(err) {
  return err instanceof DOMException && err.name === 'AbortError';
}

/**
 * fetch() that turns "could not connect" into ApiError(0, 'NETWORK').
 * @param {string} url @param {RequestInit} [init]
 */
async function send(url, init) {
  try {
    return await fetch(url, init);
  } catch (err) {
    if (isAbort(err)) throw err;
    throw new ApiError(0, 'NETWORK', '');
  }
}

/**
 * @param {string} url @param {RequestInit} [init]
 * @returns {Promise<unknown>}
 */
export async function getJson(url, init = {}) {
  const res = await send(url, { ...init, headers: { Accept: 'application/json', ...authHeaders(), ...init.headers } });
  if (!res.ok) throw await errorFromResponse(res);
  return res.json();
}

/**
 * @param {string} url @param {RequestInit} [init]
 */
export async function request(url, init = {}) {
  const res = await send(url, { ...init, headers: { Accept: 'application/json', ...authHeaders(), ...init.headers } });
  if (!res.ok) throw await errorFromResponse(res);
  return res;
}

/**
 * @typedef {{ n: number, id: string, source: string, title: string, date: string | null, text: string, page?: number }} Citation
 * @typedef {{ answer: string, answered: boolean, lang: 'fr' | 'en', sessionId: string, citations: Citation[],
 *   seeAlso?: Citation[], standalone?: string, notice?: string, quotes?: { n: number, text: string, translation?: string }[],
 *   shortAnswer?: { text: string, original: string, n: number, kind: string }, confidence?: 'high' | 'low' | 'none', translatedBy?: string }} ChatResponse
 */

/**
 * Ask the assistant. Streams when the server speaks SSE (onToken per piece of text, onCitations
 * once known); resolves with the complete response either way.
 * @param {{ message: string, sessionId?: string | null, signal?: AbortSignal,
 *   onToken?: (text: string) => void, onCitations?: (c: Citation[]) => void }} args
 * @returns {Promise<ChatResponse>}
 */
export async function chat({ message, sessionId, signal, onToken, onCitations }) {
  const res = await send('/api/chat', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream, application/json', ...authHeaders() },
    body: JSON.stringify(sessionId ? { message, sessionId } : { message }),
    signal,
  });
  if (!res.ok) throw await errorFromResponse(res);
  const type = res.headers.get('Content-Type') ?? '';
  if (!type.includes('text/event-stream') || !res.body) {
    const full = /** @type {ChatResponse} */ (await res.json());
    onCitations?.(full.citations ?? []);
    return full;
  }
  for await (const ev of readSse(res.body)) {
    const data = parseData(ev.data);
    if (ev.event === 'token') {
      const text = data && typeof data === 'object' && 'text' in data ? String(/** @type {{text: unknown}} */ (data).text) : '';
      if (text) onToken?.(text);
    } else if (ev.event === 'citations') {
      if (Array.isArray(data)) onCitations?.(/** @type {Citation[]} */ (data));
    } else if (ev.event === 'done') {
      return /** @type {ChatResponse} */ (data);
    } else if (ev.event === 'error') {
      throw apiErrorFrom(200, data, null);
    }
  }
  throw new ApiError(200, 'STREAM_INTERRUPTED', '');
}

/** @param {string} raw */
function parseData(raw) {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}
