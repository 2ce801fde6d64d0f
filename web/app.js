// The chat page: wires the composer, the conversation, the passage panel and the documents panel.
// Interface language starts from the browser's and then follows the language of the last answer.
import { chat, isAbort } from './api.js';
import { createConversation, plainAnswer } from './conversation.js';
import { createDocumentsPanel } from './documents.js';
import { $ } from './dom.js';
import { applyLanguage, langOf, setText, t } from './i18n.js';
import { createPassagePanel } from './passage.js';

applyLanguage(langOf(navigator.language));

const form = $('#composer', HTMLFormElement);
const textarea = $('#message', HTMLTextAreaElement);
const sendButton = $('#send', HTMLButtonElement);
const live = $('#live', HTMLElement);
const emptyState = $('#empty-state', HTMLElement);

/** Screen readers hear new answers and status changes through one polite live region. @param {string} text */
function announce(text) {
  live.textContent = '';
  // A fresh text node after clearing makes repeated identical messages announced again.
  live.append(document.createTextNode(text));
}

const passage = createPassagePanel($('#passage-panel', HTMLDialogElement));
const documents = createDocumentsPanel($('#documents-panel', HTMLDialogElement), { announce });
const conversation = createConversation({
  list: $('#message-list', HTMLElement),
  scroller: $('#conversation', HTMLElement),
  onEmptyChange: (empty) => {
    emptyState.hidden = !empty;
  },
  openCitation: (c, from, quotes) => void passage.open(c, from, quotes),
});

/** @type {{ sessionId: string | null, pending: AbortController | null }} */
const state = { sessionId: null, pending: null };

/** @param {boolean} busy */
function setBusy(busy) {
  document.body.classList.toggle('busy', busy);
  setText(sendButton, busy ? 'stop' : 'send');
  sendButton.classList.toggle('stop', busy);
}

/** @param {string} question */
async function ask(question) {
  const userTurn = conversation.addUser(question);
  const turn = conversation.addAssistant();
  const ctrl = new AbortController();
  state.pending = ctrl;
  setBusy(true);
  try {
    const r = await chat({
      message: question,
      sessionId: state.sessionId,
      signal: ctrl.signal,
      onToken: (text) => turn.token(text),
      onCitations: (c) => turn.citations(c),
    });
    if (ctrl.signal.aborted) {
      turn.stopped();
      return;
    }
    if (r.sessionId) state.sessionId = r.sessionId;
    const lang = langOf(r.lang);
    userTurn.lang = lang;
    applyLanguage(lang);
    turn.finish(r, question);
    announce(plainAnswer(r.answer));
  } catch (err) {
    if (isAbort(err) || ctrl.signal.aborted) {
      turn.stopped();
      return;
    }
    turn.fail(err, () => {
      if (state.pending) return;
      userTurn.remove();
      turn.li.remove();
      void ask(question);
    });
  } finally {
    if (state.pending === ctrl) {
      state.pending = null;
      setBusy(false);
    }
  }
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  if (state.pending) {
    // The button reads "Stop" while an answer is coming.
    state.pending.abort();
    return;
  }
  const question = textarea.value.trim();
  if (!question) return;
  textarea.value = '';
  void ask(question);
});

textarea.addEventListener('keydown', (e) => {
  // Enter sends, Shift+Enter breaks the line; never while an IME is composing a character.
  if (e.key !== 'Enter' || e.shiftKey || e.isComposing) return;
  e.preventDefault();
  if (!state.pending) form.requestSubmit();
});

$('#new-conversation', HTMLButtonElement).addEventListener('click', () => {
  state.pending?.abort();
  state.sessionId = null;
  conversation.clear();
  announce(t('conversationReset'));
  textarea.focus();
});

$('#open-documents', HTMLButtonElement).addEventListener('click', () => documents.open());

document.body.classList.add('ready');
