// The side panel of saved conversations: newest first, the open one marked; each can be
// reopened, renamed (inline), exported as Markdown (a download), or deleted (after an inline
// confirmation). On narrow screens the panel slides over the page from a button in the top bar.
import { deleteConversation, exportConversation, listConversations, renameConversation } from './api.js';
import { $, clear, h } from './dom.js';
import { errorNodes } from './errors.js';
import { formatDate, getLang, setAttr, setText, t } from './i18n.js';

/**
 * @typedef {import('./api.js').ConversationSummary} ConversationSummary
 * @typedef {{ onOpen: (id: string, title: string) => void, onDeleted: (id: string) => void, announce: (text: string) => void }} HistoryDeps
 */

/** @param {HTMLElement} nav @param {HTMLButtonElement} toggle @param {HistoryDeps} deps */
export function createHistory(nav, toggle, deps) {
  const list = $('#conversation-list', HTMLUListElement, nav);
  const status = $('#history-status', HTMLElement, nav);
  /** @type {string | null} */
  let current = null;
  /** @type {ConversationSummary[]} */
  let items = [];
  let seq = 0;

  /** @param {boolean} open */
  function setOpen(open) {
    document.body.classList.toggle('history-open', open);
    toggle.setAttribute('aria-expanded', String(open));
  }
  // On a narrow screen the panel lies over the page: a click beside it closes it.
  document.addEventListener('click', (e) => {
    if (!document.body.classList.contains('history-open')) return;
    if (e.target instanceof Node && (nav.contains(e.target) || toggle.contains(e.target))) return;
    setOpen(false);
  });
  toggle.addEventListener('click', () => {
    const open = !document.body.classList.contains('history-open');
    setOpen(open);
    if (open) {
      const first = list.querySelector('.conv-open');
      if (first instanceof HTMLElement) first.focus();
    }
  });
  nav.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && document.body.classList.contains('history-open')) {
      setOpen(false);
      toggle.focus();
    }
  });

  /** @param {string} key @param {Record<string, string | number>} [args] */
  function say(key, args) {
    deps.announce(t(key, args));
  }

  /** @param {unknown} err */
  function showError(err) {
    status.replaceChildren(h('span', { className: 'history-error', attrs: { role: 'alert' } }, errorNodes(err).slice(0, 1)));
  }

  /** @param {ConversationSummary} c */
  function row(c) {
    const title = c.title || t('untitled');
    const li = h('li', { className: 'conv', dataset: { id: c.id } });
    const when = h('time', { text: formatDate(c.updatedAt.slice(0, 10)), attrs: { datetime: c.updatedAt }, dataset: { date: c.updatedAt.slice(0, 10) } });
    const count = h('span');
    setText(count, 'turnsCount', { n: c.turns });
    const open = h('button', { className: 'conv-open', attrs: { type: 'button' }, dataset: { action: 'open' } }, [
      h('span', { className: 'conv-title', text: title }),
      h('span', { className: 'conv-meta' }, [count, h('span', { className: 'sep', text: ' · ', attrs: { 'aria-hidden': 'true' } }), when]),
    ]);
    if (c.id === current) open.setAttribute('aria-current', 'true');
    open.addEventListener('click', () => {
      setOpen(false);
      deps.onOpen(c.id, title);
    });

    const rename = h('button', { className: 'link-button small', attrs: { type: 'button' }, dataset: { action: 'rename' } });
    setText(rename, 'rename');
    setAttr(rename, 'aria-label', 'renameLabel', { title });
    const exp = h('button', { className: 'link-button small', attrs: { type: 'button' }, dataset: { action: 'export' } });
    setText(exp, 'exportMarkdown');
    setAttr(exp, 'aria-label', 'exportLabel', { title });
    const del = h('button', { className: 'link-button small danger-text', attrs: { type: 'button' }, dataset: { action: 'delete' } });
    setText(del, 'deleteConversation');
    setAttr(del, 'aria-label', 'deleteLabel', { title });
    const tools = h('div', { className: 'conv-tools' }, [rename, exp, del]);

    // Rename, inline: Enter saves, Esc cancels.
    const input = h('input', { className: 'conv-rename-input', attrs: { type: 'text', maxlength: '120', id: `rename-${c.id}` } });
    const inputLabel = h('label', { className: 'visually-hidden', attrs: { for: `rename-${c.id}` } });
    setText(inputLabel, 'renameField');
    const save = h('button', { className: 'button secondary small', attrs: { type: 'submit' } });
    setText(save, 'save');
    const cancelRename = h('button', { className: 'button secondary small', attrs: { type: 'button' } });
    setText(cancelRename, 'cancel');
    const renameForm = h('form', { className: 'conv-rename' }, [inputLabel, input, h('div', { className: 'confirm-actions' }, [save, cancelRename])]);
    renameForm.hidden = true;
    const closeRename = () => {
      renameForm.hidden = true;
      open.hidden = false;
      tools.hidden = false;
      rename.focus();
    };
    rename.addEventListener('click', () => {
      input.value = c.title;
      renameForm.hidden = false;
      open.hidden = true;
      tools.hidden = true;
      input.focus();
      input.select();
    });
    cancelRename.addEventListener('click', closeRename);
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        closeRename();
      }
    });
    renameForm.addEventListener('submit', async (e) => {
      e.preventDefault();
      const value = input.value.trim();
      if (!value) {
        input.focus();
        return;
      }
      try {
        const renamed = await renameConversation(c.id, value);
        say('conversationRenamed', { title: renamed.title });
        await load();
        const again = list.querySelector(`li.conv[data-id="${c.id}"] [data-action="rename"]`);
        if (again instanceof HTMLElement) again.focus();
      } catch (err) {
        showError(err);
      }
    });

    exp.addEventListener('click', async () => {
      try {
        const file = await exportConversation(c.id, getLang());
        const url = URL.createObjectURL(new Blob([file.text], { type: 'text/markdown;charset=utf-8' }));
        const a = h('a', { attrs: { href: url, download: file.name }, className: 'visually-hidden' });
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      } catch (err) {
        showError(err);
      }
    });

    // Delete, after an inline confirmation.
    const question = h('p', { className: 'confirm-question' });
    setText(question, 'confirmDelete', { title });
    const yes = h('button', { className: 'button danger small', attrs: { type: 'button' }, dataset: { action: 'confirm-delete' } });
    setText(yes, 'confirmRemoveYes');
    const no = h('button', { className: 'button secondary small', attrs: { type: 'button' }, dataset: { action: 'cancel-delete' } });
    setText(no, 'cancel');
    const confirmBox = h('div', { className: 'doc-confirm', attrs: { role: 'group' } }, [question, h('div', { className: 'confirm-actions' }, [yes, no])]);
    confirmBox.hidden = true;
    del.addEventListener('click', () => {
      confirmBox.hidden = false;
      tools.hidden = true;
      yes.focus();
    });
    no.addEventListener('click', () => {
      confirmBox.hidden = true;
      tools.hidden = false;
      del.focus();
    });
    yes.addEventListener('click', async () => {
      yes.disabled = true;
      try {
        await deleteConversation(c.id);
        say('conversationDeleted', { title });
        deps.onDeleted(c.id);
        await load();
        const next = list.querySelector('.conv-open');
        (next instanceof HTMLElement ? next : toggle).focus();
      } catch (err) {
        yes.disabled = false;
        showError(err);
      }
    });

    li.append(open, renameForm, tools, confirmBox);
    return li;
  }

  async function load() {
    const mine = ++seq;
    try {
      const fresh = await listConversations();
      if (mine !== seq) return;
      items = fresh;
      clear(status);
      list.replaceChildren(...items.map(row));
      if (items.length === 0) setText(status, 'conversationsEmpty');
    } catch (err) {
      if (mine !== seq) return;
      clear(list);
      showError(err);
    }
  }

  return {
    load,
    /** @param {string | null} id */
    setCurrent(id) {
      current = id;
      for (const b of list.querySelectorAll('.conv-open')) {
        const li = b.closest('li');
        if (li instanceof HTMLElement && li.dataset.id === id) b.setAttribute('aria-current', 'true');
        else b.removeAttribute('aria-current');
      }
    },
    close() {
      setOpen(false);
    },
  };
}
