// How an error reads on the page: always in the interface's language, from the server's error
// code (core/errors.ts) and its details (limits), or from what happened in the browser (network
// down, stream cut). The server's own English message is never shown; its code is, discreetly,
// for whoever reports the problem. A "Retry" is offered only where trying again can help.
import { ApiError } from './api.js';
import { h } from './dom.js';
import { formatBytes, setText } from './i18n.js';

/** Codes a second try can fix: the network, a busy or restarting server, a limit that passes. */
const RETRYABLE = new Set([
  'NETWORK',
  'STREAM_INTERRUPTED',
  'RATE_LIMITED',
  'OVERLOADED',
  'TIMEOUT',
  'INDEX_NOT_READY',
  'INDEX_MISSING',
  'INGEST_LOCKED',
  'INDEX_NOT_WRITABLE',
  'CORPUS_NOT_WRITABLE',
  'STORE_UNAVAILABLE',
  'CONVERSATIONS_UNAVAILABLE',
  'LLM_FAILED',
  'UPSTREAM_UNREACHABLE',
  'INTERNAL',
]);

/**
 * @typedef {{ key: string, args: Record<string, string | number>, retryAfter: number | null, retryable: boolean, code: string | null }} ErrorView
 */

/** @param {ApiError} err @returns {{ field: string, message: string } | null} */
function firstIssue(err) {
  const issues = err.details?.['issues'];
  if (!Array.isArray(issues) || issues.length === 0) return null;
  const i = /** @type {Record<string, unknown>} */ (issues[0]);
  return { field: String(i['field'] ?? ''), message: String(i['message'] ?? '') };
}

/**
 * What to say about an error, as an i18n key with its arguments.
 * @param {unknown} err
 * @param {{ maxChars?: number }} [context]
 * @returns {ErrorView}
 */
export function describeError(err, context = {}) {
  if (!(err instanceof ApiError)) return { key: 'errServer', args: { status: '—' }, retryAfter: null, retryable: true, code: null };
  const view = (/** @type {string} */ key, /** @type {Record<string, string | number>} */ args = {}) => ({
    key,
    args,
    retryAfter: err.retryAfter,
    retryable: RETRYABLE.has(err.code) || (err.code === 'HTTP_ERROR' && (err.status >= 500 || err.status === 429)),
    code: err.code === 'NETWORK' || err.code === 'STREAM_INTERRUPTED' ? null : err.code,
  });
  const limit = err.details?.['limitBytes'];
  switch (err.code) {
    case 'NETWORK':
      return view('errNetwork');
    case 'STREAM_INTERRUPTED':
      return view('errStream');
    case 'VALIDATION_FAILED':
    case 'MISSING_QUERY': {
      const issue = firstIssue(err);
      if (issue && /message|content|^q$/.test(issue.field)) {
        if (/at most|too long/i.test(issue.message)) return view('errQuestionTooLong', { max: context.maxChars ?? 4000 });
        if (/empty|required/i.test(issue.message)) return view('errQuestionEmpty');
      }
      if (issue?.field === 'file') return view('errUnsupportedFile');
      return view('errInvalid');
    }
    case 'BAD_REQUEST':
    case 'INVALID_JSON':
    case 'INVALID_PARAMETER':
      return view('errInvalid');
    case 'UNAUTHORIZED':
      return view('errUnauthorized');
    case 'NOT_FOUND':
      return view('errNotFound');
    case 'ROUTE_NOT_FOUND':
    case 'METHOD_NOT_ALLOWED':
      return view('errUnavailableHere');
    case 'PAYLOAD_TOO_LARGE':
      return typeof limit === 'number' ? view('errFileTooLarge', { limit: formatBytes(limit) }) : view('errTooLarge');
    case 'UNSUPPORTED_MEDIA_TYPE':
    case 'DOCUMENT_UNSUPPORTED':
      return view('errUnsupportedFile');
    case 'DOCUMENT_UNREADABLE':
      return view('errUnreadable');
    case 'DOCUMENT_TOO_LARGE':
      return view('errDocumentTooLarge');
    case 'DOCUMENT_TIMEOUT':
      return view('errDocumentTimeout');
    case 'INDEX_NOT_WRITABLE':
    case 'CORPUS_NOT_WRITABLE':
      return view('errNotWritable');
    case 'CROSS_SITE_REQUEST':
    case 'HOST_NOT_ALLOWED':
      return view('errForbidden');
    case 'RATE_LIMITED':
      return view('errRateLimited');
    case 'OVERLOADED':
      return view('errBusy');
    case 'TIMEOUT':
      return view('errTimeout');
    case 'INDEX_NOT_READY':
    case 'INDEX_MISSING':
      return view('errIndexNotReady');
    case 'INGEST_LOCKED':
    case 'CONFLICT':
      return view('errIndexBusy');
    case 'CONVERSATIONS_FULL':
      return view('errConversationsFull');
    case 'CONVERSATIONS_UNAVAILABLE':
    case 'STORE_UNAVAILABLE':
      return view('errStorage');
    case 'CLIENT_ID_REQUIRED':
      return view('errClientId');
    case 'LLM_FAILED':
    case 'UPSTREAM_UNREACHABLE':
      return view('errLlm');
    default:
      // A code this page does not know yet (a newer server): say it by its status.
      if (err.status === 413) return typeof limit === 'number' ? view('errFileTooLarge', { limit: formatBytes(limit) }) : view('errTooLarge');
      if (err.status === 415) return view('errUnsupportedFile');
      if (err.status === 429) return view('errRateLimited');
      if (err.status === 503) return view('errBusy');
      if (err.status === 504) return view('errTimeout');
      if (err.status === 404) return view('errNotFound');
      if (err.status === 403) return view('errForbidden');
      if (err.status >= 400 && err.status < 500) return view('errInvalid');
      return view('errServer', { status: err.status || '—' });
  }
}

/**
 * The error's lines as elements: the message, the Retry-After delay, the code (muted), and a
 * "Retry" button when `retry` is given and trying again can help.
 * @param {unknown} err
 * @param {{ retry?: () => void, maxChars?: number }} [options]
 */
export function errorNodes(err, options = {}) {
  const v = describeError(err, options);
  const message = h('p', { className: 'error-message' });
  setText(message, v.key, v.args);
  /** @type {HTMLElement[]} */
  const nodes = [message];
  if (v.retryAfter !== null) {
    const p = h('p', { className: 'error-hint' });
    setText(p, 'retryAfter', { s: v.retryAfter });
    nodes.push(p);
  }
  if (v.code) {
    const code = h('p', { className: 'error-code' });
    setText(code, 'errorCode', { code: v.code });
    nodes.push(code);
  }
  if (options.retry && v.retryable) {
    const again = h('button', { className: 'button secondary', attrs: { type: 'button' }, dataset: { action: 'retry' } });
    setText(again, 'retry');
    again.addEventListener('click', options.retry);
    nodes.push(again);
  }
  return nodes;
}
