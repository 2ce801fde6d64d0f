// The chat page: wires the composer, the conversation, the saved-conversations panel, the passage,
// document and preview panels, the access-key prompt and the language and theme switches.
// The open conversation is remembered in this browser and reopened after a reload (the server
// keeps it: answer/sessions.ts). The interface language follows the browser, then each answer,
// unless the person chose one.
import { chat, clientId, getConversation, isAbort, sendFeedback, setKeyPrompt, ApiError } from './api.js';
import { createConversation, plainAnswer } from './conversation.js';
import { createDocumentsPanel } from './documents.js';
import { $ } from './dom.js';
import { createHistory } from './history.js';
import { applyLanguage, getLang, langOf, onLanguageChange, setText, t } from './i18n.js';
import { createKeyPrompt } from './keyprompt.js';
import { createPassagePanel } from './passage.js';
import { createPreviewPanel } from './preview.js';
import { applyTheme, langChoice, setLangChoice, setThemeChoice, themeChoice } from './settings.js';

/** Longest question the server takes (server/validation.ts MAX_MESSAGE_CHARS). */
const MAX_CHARS = 4000;
const CURRENT_KEY = 'assistant.currentConversation';

applyTheme(themeChoice());
const chosen = langChoice();
applyLanguage(chosen === 'auto' ? langOf(navigator.language) : chosen);

const form = $('#composer', HTMLFormElement);
const textarea = $('#message', HTMLTextAreaElement);
const sendButton = $('#send', HTMLButtonElement);
const live = $('#live', HTMLElement);
const emptyState = $('#empty-state', HTMLElement);
const counter = $('#char-count', HTMLElement);
const composerError = $('#composer-error', HTMLElement);
const langSelect = $('#lang-select', HTMLSelectElement);
const themeSelect = $('#theme-select', HTMLSelectElement);

/** Screen readers hear new answers and status changes through one polite live region. @param {string} text */
function announce(text) {
  live.textContent = '';
  // A fresh text node after clearing makes repeated identical messages announced again.
  live.append(document.createTextNode(text));
}

/** @type {{ sessionId: string | null, pending: AbortController | null, last: import('./conversation.js').FinishedTurn | null }} */
const state = { sessionId: null, pending: null, last: null };

/** @param {string | null} id */
function rememberCurrent(id) {
  try {
    if (id) localStorage.setItem(CURRENT_KEY, id);
    else localStorage.removeItem(CURRENT_KEY);
  } catch {
    // storage disabled: a reload starts a new conversation
  }
}

const preview = createPreviewPanel($('#preview-panel', HTMLDialogElement));
const openDocument = (/** @type {string} */ source, /** @type {HTMLElement} */ from, /** @type {{ passageId?: string, title?: string }} */ options) => void preview.open(source, from, options);
const passage = createPassagePanel($('#passage-panel', HTMLDialogElement), { openDocument });
const documents = createDocumentsPanel($('#documents-panel', HTMLDialogElement), { announce, openDocument });
setKeyPrompt(createKeyPrompt($('#key-dialog', HTMLDialogElement)));

const conversation = createConversation({
  list: $('#message-list', HTMLElement),
  scroller: $('#conversation', HTMLElement),
  onEmptyChange: (empty) => {
    emptyState.hidden = !empty;
  },
  openCitation: (c, from, quotes) => void passage.open(c, from, quotes),
  announce,
  onRegenerate: (view) => {
    if (state.pending || view !== state.last) return;
    view.li.remove();
    void ask(view.question, { regenerate: true });
  },
  onFeedback: async (turnId, rating, comment) => {
    if (!state.sessionId) throw new ApiError(404, 'NOT_FOUND', '');
    await sendFeedback(state.sessionId, turnId, rating, comment);
  },
});

const history = createHistory($('#history', HTMLElement), $('#toggle-history', HTMLButtonElement), {
  announce,
  onOpen: (id, title) => void openConversation(id, title),
  onDeleted: (id) => {
    if (id === state.sessionId) startOver(false);
  },
});

/** @param {boolean} busy */
function setBusy(busy) {
  document.body.classList.toggle('busy', busy);
  setText(sendButton, busy ? 'stop' : 'send');
  sendButton.classList.toggle('stop', busy);
}

/** The newest answer alone offers "Regenerate". @param {import('./conversation.js').FinishedTurn | null} view */
function setLast(view) {
  state.last?.setRegenerable(false);
  state.last = view;
  view?.setRegenerable(true);
}

/** Follow the answer's language unless the person chose one. @param {'fr' | 'en'} lang */
function followLanguage(lang) {
  if (langChoice() === 'auto' && lang !== getLang()) applyLanguage(lang);
}

/**
 * @param {string} question
 * @param {{ regenerate?: boolean }} [options]
 */
async function ask(question, options = {}) {
  setLast(null);
  const userTurn = options.regenerate ? null : conversation.addUser(question);
  const turn = conversation.addAssistant();
  const ctrl = new AbortController();
  state.pending = ctrl;
  setBusy(true);
  try {
    const r = await chat({
      message: question,
      sessionId: state.sessionId,
      ...(options.regenerate ? { regenerate: true } : {}),
      signal: ctrl.signal,
      onToken: (text) => turn.token(text),
      onCitations: (c) => turn.citations(c),
    });
    if (ctrl.signal.aborted) {
      turn.stopped();
      return;
    }
    const isNew = r.sessionId && r.sessionId !== state.sessionId;
    if (r.sessionId) {
      state.sessionId = r.sessionId;
      rememberCurrent(r.sessionId);
      history.setCurrent(r.sessionId);
    }
    const lang = langOf(r.lang);
    if (userTurn) userTurn.lang = lang;
    followLanguage(lang);
    setLast(turn.finish(r, question));
    announce(plainAnswer(r.answer));
    // The list shows the new conversation, or its new question count.
    void history.load();
    if (isNew) history.setCurrent(r.sessionId);
  } catch (err) {
    if (isAbort(err) || ctrl.signal.aborted) {
      turn.stopped();
      return;
    }
    turn.fail(err, () => {
      if (state.pending) return;
      userTurn?.remove();
      turn.li.remove();
      void ask(question, options);
    });
  } finally {
    if (state.pending === ctrl) {
      state.pending = null;
      setBusy(false);
    }
  }
}

/**
 * Show a saved conversation (after a reload, or picked in the list).
 * @param {string} id @param {string} [title] @param {import('./api.js').Conversation} [loaded]
 * @returns {Promise<boolean>} whether it could be shown
 */
async function openConversation(id, title, loaded) {
  state.pending?.abort();
  try {
    const c = loaded ?? (await getConversation(id));
    conversation.clear();
    state.sessionId = c.id;
    rememberCurrent(c.id);
    history.setCurrent(c.id);
    const views = conversation.showStored(c.turns, c.id);
    setLast(views[views.length - 1] ?? null);
    const lastLang = c.turns[c.turns.length - 1]?.lang;
    if (lastLang) followLanguage(lastLang);
    if (title !== undefined) announce(t('conversationOpened', { title: c.title || title }));
    return true;
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) {
      if (state.sessionId === id || title === undefined) startOver(false);
      if (title !== undefined) announce(t('conversationGone'));
      void history.load();
      return false;
    }
    throw err;
  }
}

/** @param {boolean} focus */
function startOver(focus) {
  state.pending?.abort();
  state.sessionId = null;
  rememberCurrent(null);
  history.setCurrent(null);
  setLast(null);
  conversation.clear();
  if (focus) {
    announce(t('conversationReset'));
    textarea.focus();
  }
}

// --- the question box: Enter sends, a visible limit and counter ---

function updateCounter() {
  const n = textarea.value.length;
  setText(counter, 'charCount', { n, max: MAX_CHARS });
  counter.classList.toggle('near', n >= MAX_CHARS * 0.9);
  counter.classList.toggle('over', n > MAX_CHARS);
  if (n <= MAX_CHARS && !composerError.hidden) composerError.hidden = true;
}
textarea.addEventListener('input', updateCounter);
onLanguageChange(() => updateCounter());
updateCounter();

form.addEventListener('submit', (e) => {
  e.preventDefault();
  if (state.pending) {
    // The button reads "Stop" while an answer is coming.
    state.pending.abort();
    return;
  }
  const question = textarea.value.trim();
  if (!question) return;
  if (question.length > MAX_CHARS) {
    setText(composerError, 'tooLong', { max: MAX_CHARS, n: question.length });
    composerError.hidden = false;
    return;
  }
  composerError.hidden = true;
  textarea.value = '';
  updateCounter();
  void ask(question);
});

textarea.addEventListener('keydown', (e) => {
  // Enter sends, Shift+Enter breaks the line; never while an IME is composing a character.
  if (e.key !== 'Enter' || e.shiftKey || e.isComposing) return;
  e.preventDefault();
  if (!state.pending) form.requestSubmit();
});

$('#new-conversation', HTMLButtonElement).addEventListener('click', () => startOver(true));
$('#open-documents', HTMLButtonElement).addEventListener('click', () => documents.open());

// --- language and theme, remembered in this browser (a small menu that closes on Esc or a click elsewhere) ---

const settings = $('#settings', HTMLDetailsElement);
document.addEventListener('click', (e) => {
  if (settings.open && e.target instanceof Node && !settings.contains(e.target)) settings.open = false;
});
settings.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && settings.open) {
    settings.open = false;
    settings.querySelector('summary')?.focus();
  }
});

langSelect.value = langChoice();
langSelect.addEventListener('change', () => {
  const v = langSelect.value === 'fr' || langSelect.value === 'en' ? langSelect.value : 'auto';
  setLangChoice(v);
  applyLanguage(v === 'auto' ? langOf(navigator.language) : v);
});
themeSelect.value = themeChoice();
themeSelect.addEventListener('change', () => {
  setThemeChoice(themeSelect.value === 'light' || themeSelect.value === 'dark' ? themeSelect.value : 'system');
});

// --- start: the saved conversations, and the one open before the reload ---

clientId();
document.body.classList.add('ready');
let restored = null;
try {
  restored = localStorage.getItem(CURRENT_KEY);
} catch {
  restored = null;
}
void history.load();
// Reopen the conversation of before the reload, unless a question was asked meanwhile.
if (restored) {
  const shown = await getConversation(restored).catch((err) => (err instanceof ApiError && err.status === 404 ? null : undefined));
  if (shown === null) rememberCurrent(null);
  if (shown && !state.pending && state.sessionId === null && document.querySelector('#message-list > li') === null) await openConversation(restored, undefined, shown);
}
document.body.classList.add('restored');
