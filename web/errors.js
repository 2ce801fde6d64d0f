// How an error reads on the page: the server's message and hint, the Retry-After delay, or a
// translated sentence when there was no usable body (network down, stream cut, proxy page).
import { ApiError, getApiKey, setApiKey } from './api.js';
import { h } from './dom.js';
import { setText, t } from './i18n.js';

/** @param {unknown} err @returns {{ message: string, hint: string, retryAfter: number | null }} */
export function describeError(err) {
  if (err instanceof ApiError) {
    let message = err.message;
    if (!message) {
      if (err.code === 'NETWORK') message = t('networkError');
      else if (err.code === 'STREAM_INTERRUPTED') message = t('streamInterrupted');
      else message = t('httpError', { status: err.status });
    }
    return { message, hint: err.hint, retryAfter: err.retryAfter };
  }
  return { message: err instanceof Error && err.message ? err.message : String(err), hint: '', retryAfter: null };
}

/**
 * The error's lines as elements (message, then hint and retry delay, muted).
 * @param {unknown} err
 */
export function errorNodes(err) {
  const { message, hint, retryAfter } = describeError(err);
  /** @type {HTMLElement[]} */
  const nodes = [h('p', { className: 'error-message', text: message })];
  if (hint) nodes.push(h('p', { className: 'error-hint', text: hint }));
  if (retryAfter !== null) {
    const p = h('p', { className: 'error-hint' });
    setText(p, 'retryAfter', { s: retryAfter });
    nodes.push(p);
  }
  if (err instanceof ApiError && err.code === 'UNAUTHORIZED') nodes.push(apiKeyForm());
  return nodes;
}

/**
 * The server was started with API_KEY: let the user type it once (kept in sessionStorage and sent
 * as "Authorization: Bearer"), then retry.
 */
function apiKeyForm() {
  const label = h('label', { className: 'api-key-label' });
  setText(label, 'apiKeyLabel');
  const input = h('input', { className: 'api-key-input', attrs: { type: 'password', autocomplete: 'off', spellcheck: 'false' } });
  input.value = getApiKey();
  const id = `api-key-${Math.random().toString(36).slice(2)}`;
  input.id = id;
  label.htmlFor = id;
  const save = h('button', { className: 'button secondary', attrs: { type: 'submit' } });
  setText(save, 'apiKeySave');
  const saved = h('span', { className: 'api-key-saved', attrs: { role: 'status' } });
  const form = h('form', { className: 'api-key-form' }, [label, h('div', { className: 'api-key-row' }, [input, save]), saved]);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    setApiKey(input.value.trim());
    setText(saved, 'apiKeySaved');
  });
  return form;
}
