// Talking to our server: JSON helpers, the error shape {"error":{"code","message","hint"}}, the
// chat call that streams Server-Sent Events and falls back to plain JSON, and the conversation,
// feedback and document calls.
// Every request names this browser with a random client id (X-Client-Id, kept in localStorage):
// the server saves its conversations under it. When the server wants an API key, the request
// waits for the person to type it (see setKeyPrompt) and is sent again by itself.
import { readSse } from './sse.js';

const KEY_STORAGE = 'assistant.apiKey';
const CLIENT_STORAGE = 'assistant.clientId';

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

/** @type {string | null} */
let clientIdCache = null;

/** This browser's id for its saved conversations: 22 random URL-safe characters, made once. */
export function clientId() {
  if (clientIdCache) return clientIdCache;
  let id = null;
  try {
    id = localStorage.getItem(CLIENT_STORAGE);
  } catch {
    // storage disabled: an id for this page only
  }
  if (!id || !/^[A-Za-z0-9_-]{16,64}$/.test(id)) {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    id = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    try {
      localStorage.setItem(CLIENT_STORAGE, id);
    } catch {
      // not remembered
    }
  }
  clientIdCache = id;
  return id;
}

/** @returns {Record<string, string>} */
export function authHeaders() {
  const key = getApiKey();
  return { 'X-Client-Id': clientId(), ...(key ? { Authorization: `Bearer ${key}` } : {}) };
}

export class ApiError extends Error {
  /**
   * @param {number} status HTTP status, 0 when the server could not be reached
   * @param {string} code
   * @param {string} message
   * @param {{ hint?: string, retryAfter?: number | null, details?: Record<string, unknown> | null }} [more]
   */
  constructor(status, code, message, more = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.hint = more.hint ?? '';
    this.retryAfter = more.retryAfter ?? null;
    this.details = more.details ?? null;
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
 * an error with the status.
 * @param {number} status @param {unknown} body @param {string | null} retryAfter
 */
export function apiErrorFrom(status, body, retryAfter) {
  const err = body && typeof body === 'object' && 'error' in body ? /** @type {{error: unknown}} */ (body).error : null;
  const retry = retryAfterOf(retryAfter);
  if (err && typeof err === 'object') {
    const e = /** @type {Record<string, unknown>} */ (err);
    const message = typeof e.message === 'string' && e.message ? e.message : `HTTP ${status}`;
    const details = e.details && typeof e.details === 'object' ? /** @type {Record<string, unknown>} */ (e.details) : null;
    return new ApiError(status, typeof e.code === 'string' ? e.code : 'HTTP_ERROR', message, {
      hint: typeof e.hint === 'string' ? e.hint : '',
      retryAfter: retry,
      details,
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

/** @type {(() => Promise<boolean>) | null} */
let keyPrompt = null;
/** @type {Promise<boolean> | null} */
let asking = null;

/**
 * Who asks for the API key after a 401: resolves true once a key was entered (the request is then
 * sent again), false if the person gave up. Several requests refused at once share one prompt.
 * @param {() => Promise<boolean>} prompt
 */
export function setKeyPrompt(prompt) {
  keyPrompt = prompt;
}

/** Ask for the key (once for everyone waiting). */
export function askForKey() {
  if (!keyPrompt) return Promise.resolve(false);
  asking ??= keyPrompt().finally(() => {
    asking = null;
  });
  return asking;
}

/**
 * fetch() with our headers; "could not connect" becomes ApiError(0, 'NETWORK'); a 401 asks for the
 * key and sends the request again (at most a few times, the key being checked each time).
 * @param {string} url @param {RequestInit} [init]
 */
export async function send(url, init = {}) {
  for (let attempt = 0; ; attempt++) {
    let res;
    try {
      res = await fetch(url, { ...init, headers: { ...authHeaders(), ...init.headers } });
    } catch (err) {
      if (isAbort(err)) throw err;
      throw new ApiError(0, 'NETWORK', '');
    }
    if (res.status !== 401 || attempt >= 3 || !keyPrompt || init.signal?.aborted) return res;
    if (!(await askForKey())) return res;
  }
}

/**
 * @param {string} url @param {RequestInit} [init]
 * @returns {Promise<unknown>}
 */
export async function getJson(url, init = {}) {
  const res = await send(url, { ...init, headers: { Accept: 'application/json', ...init.headers } });
  if (!res.ok) throw await errorFromResponse(res);
  return res.json();
}

/**
 * @param {string} url @param {RequestInit} [init]
 */
export async function request(url, init = {}) {
  const res = await send(url, { ...init, headers: { Accept: 'application/json', ...init.headers } });
  if (!res.ok) throw await errorFromResponse(res);
  return res;
}

/** @param {string} url @param {string} method @param {unknown} body */
async function sendJson(url, method, body) {
  const res = await request(url, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return res.status === 204 ? null : res.json();
}

/**
 * @typedef {{ n: number, id: string, source: string, title: string, date: string | null, text: string, page?: number, pages?: number[] }} Citation
 * @typedef {{ answer: string, answered: boolean, lang: 'fr' | 'en', sessionId: string, citations: Citation[],
 *   seeAlso?: Citation[], standalone?: string, notice?: string, quotes?: { n: number, text: string, translation?: string }[],
 *   shortAnswer?: { text: string, original: string, n: number, kind: string }, confidence?: 'high' | 'low' | 'none', translatedBy?: string, turnId?: string }} ChatResponse
 * @typedef {{ rating: 'up' | 'down', comment?: string, at?: string }} Feedback
 * @typedef {{ id: string, at?: string, question: string, answer?: string, answered?: boolean, lang?: 'fr' | 'en', citations?: Citation[],
 *   seeAlso?: Citation[], standalone?: string, notice?: string, quotes?: { n: number, text: string, translation?: string }[], feedback?: Feedback }} StoredTurn
 * @typedef {{ id: string, title: string, createdAt: string, updatedAt: string, turns: number }} ConversationSummary
 * @typedef {{ id: string, title: string, createdAt: string, updatedAt: string, turns: StoredTurn[] }} Conversation
 */

/**
 * Ask the assistant. Streams when the server speaks SSE (onToken per piece of text, onCitations
 * once known); resolves with the complete response either way.
 * @param {{ message: string, sessionId?: string | null, regenerate?: boolean, signal?: AbortSignal,
 *   onToken?: (text: string) => void, onCitations?: (c: Citation[]) => void }} args
 * @returns {Promise<ChatResponse>}
 */
export async function chat({ message, sessionId, regenerate, signal, onToken, onCitations }) {
  const res = await send('/api/chat', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream, application/json' },
    body: JSON.stringify({ message, ...(sessionId ? { sessionId } : {}), ...(regenerate ? { regenerate: true } : {}) }),
    ...(signal ? { signal } : {}),
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

// --- saved conversations ---

/** @returns {Promise<ConversationSummary[]>} */
export async function listConversations() {
  const body = /** @type {{ conversations?: ConversationSummary[] }} */ (await getJson('/api/conversations'));
  return Array.isArray(body.conversations) ? body.conversations : [];
}

/** @param {string} id @returns {Promise<Conversation>} */
export async function getConversation(id) {
  return /** @type {Conversation} */ (await getJson(`/api/conversations/${encodeURIComponent(id)}`));
}

/** @param {string} id @param {string} title @returns {Promise<ConversationSummary>} */
export async function renameConversation(id, title) {
  return /** @type {ConversationSummary} */ (await sendJson(`/api/conversations/${encodeURIComponent(id)}`, 'PATCH', { title }));
}

/** @param {string} id */
export async function deleteConversation(id) {
  await request(`/api/conversations/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/** The conversation as Markdown, with the file name the server suggests. @param {string} id @param {'fr' | 'en'} lang */
export async function exportConversation(id, lang) {
  const res = await request(`/api/conversations/${encodeURIComponent(id)}/export?lang=${lang}`, { headers: { Accept: 'text/markdown' } });
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="([^"]+)"/i.exec(disposition);
  let name = 'conversation.md';
  try {
    name = star?.[1] ? decodeURIComponent(star[1]) : (plain?.[1] ?? name);
  } catch {
    name = plain?.[1] ?? name;
  }
  return { name, text: await res.text() };
}

/** @param {string} id @param {string} turnId @param {'up' | 'down'} rating @param {string} [comment] */
export async function sendFeedback(id, turnId, rating, comment) {
  return sendJson(`/api/conversations/${encodeURIComponent(id)}/turns/${encodeURIComponent(turnId)}/feedback`, 'PUT', { rating, ...(comment ? { comment } : {}) });
}

// --- documents ---

/**
 * @typedef {{ source: string, title: string, date: string | null, format: string, chars: number, text: string,
 *   passages: { id: string, ordinal: number, start: number, end: number, page?: number, pages?: number[] }[],
 *   pageStarts?: { page: number, offset: number }[] }} DocumentText
 */

/** @param {string} source @param {AbortSignal} [signal] @returns {Promise<DocumentText>} */
export async function getDocument(source, signal) {
  return /** @type {DocumentText} */ (await getJson(`/api/documents/${encodeURIComponent(source)}`, signal ? { signal } : {}));
}
