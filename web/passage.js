// The cited-passage panel: the passage highlighted inside its neighbours (dimmed), with the
// document's title, date, file name and page. Opens at once with the citation's own text, then
// fills in the context from /api/sources/:id. Esc, the close button or a click outside close it,
// and focus goes back to the marker that opened it.
import { getJson, isAbort } from './api.js';
import { contextParts, splitQuotes } from './context.js';
import { $, clear, h } from './dom.js';
import { describeError } from './errors.js';
import { formatDate, setAttr, setText, t } from './i18n.js';

/**
 * @typedef {import('./api.js').Citation} Citation
 * @typedef {import('./context.js').SourceView} SourceView
 */

/**
 * @param {HTMLDialogElement} dialog
 * @param {{ openDocument: (source: string, from: HTMLElement, options: { passageId: string, title: string }) => void }} deps
 */
export function createPassagePanel(dialog, deps) {
  const title = $('#passage-title', HTMLElement, dialog);
  const meta = $('#passage-meta', HTMLElement, dialog);
  const body = $('#passage-body', HTMLElement, dialog);
  const status = $('#passage-status', HTMLElement, dialog);
  const readDoc = $('#passage-read-document', HTMLButtonElement, dialog);
  /** @type {{ source: string, passageId: string, title: string } | null} */
  let shown = null;
  readDoc.addEventListener('click', () => {
    if (shown) deps.openDocument(shown.source, readDoc, { passageId: shown.passageId, title: shown.title });
  });
  /** @type {HTMLElement | null} */
  let trigger = null;
  /** @type {AbortController | null} */
  let loading = null;

  dialog.addEventListener('close', () => {
    loading?.abort();
    loading = null;
    const back = trigger;
    trigger = null;
    if (back?.isConnected) back.focus();
  });
  // A click on the backdrop lands on the dialog itself (its content fills it edge to edge).
  dialog.addEventListener('click', (e) => {
    if (e.target === dialog) dialog.close();
  });
  for (const btn of dialog.querySelectorAll('[data-close]')) btn.addEventListener('click', () => dialog.close());

  /**
   * @param {{ title: string, date: string | null, source: string, page?: number, pages?: number[] }} doc
   * @param {{ ordinal: number, total: number } | null} position
   */
  function renderMeta(doc, position) {
    title.textContent = doc.title || doc.source;
    /** @type {HTMLElement[]} */
    const parts = [];
    if (doc.date) parts.push(h('time', { className: 'meta-date', text: formatDate(doc.date), attrs: { datetime: doc.date }, dataset: { date: doc.date } }));
    else {
      const unknown = h('span', { className: 'meta-date' });
      setText(unknown, 'unknownDate');
      parts.push(unknown);
    }
    const file = h('span', { className: 'meta-source' });
    setText(file, 'sourceFile', { source: doc.source });
    parts.push(file);
    // The page of the sentence the answer quotes; a passage running over several pages says so.
    if (doc.page !== undefined) {
      const page = h('span', { className: 'meta-page' });
      setText(page, 'page', { page: doc.page });
      parts.push(page);
    }
    if (doc.pages && doc.pages.length > 1) {
      const pages = h('span', { className: 'meta-pages' });
      setText(pages, 'pagesSpan', { pages: doc.pages.join(', ') });
      parts.push(pages);
    }
    if (position) {
      const pos = h('span', { className: 'meta-position' });
      setText(pos, 'passageOf', { n: position.ordinal + 1, total: position.total });
      parts.push(pos);
    }
    clear(meta);
    parts.forEach((p, i) => {
      if (i > 0) meta.append(h('span', { className: 'sep', text: ' · ', attrs: { 'aria-hidden': 'true' } }));
      meta.append(p);
    });
  }

  /**
   * @param {string} passage @param {ReturnType<typeof contextParts> | null} ctx
   * @param {string[]} quotes sentences of the passage the answer quoted: highlighted more strongly
   */
  function renderText(passage, ctx, quotes) {
    const text = h('div', { className: 'document-text' });
    if (ctx?.before) {
      const before = h('span', { className: 'context', text: ctx.before });
      setAttr(before, 'title', 'contextBefore');
      text.append(before);
      if (ctx.gapBefore && !/\s$/.test(ctx.before)) text.append('\n');
    }
    const mark = h('mark', { className: 'cited' });
    for (const part of splitQuotes(passage, quotes)) mark.append(part.quoted ? h('strong', { className: 'quote', text: part.text }) : part.text);
    text.append(mark);
    if (ctx?.after) {
      if (ctx.gapAfter && !/^\s/.test(ctx.after)) text.append('\n');
      const after = h('span', { className: 'context', text: ctx.after });
      setAttr(after, 'title', 'contextAfter');
      text.append(after);
    }
    body.replaceChildren(text);
    return mark;
  }

  return {
    /**
     * @param {Citation} citation
     * @param {HTMLElement} from the marker to focus again on close
     * @param {string[]} [quotes] the sentences the answer quoted from this passage
     */
    async open(citation, from, quotes = []) {
      loading?.abort();
      const ctrl = new AbortController();
      loading = ctrl;
      renderMeta(citation, null);
      renderText(citation.text, null, quotes);
      shown = { source: citation.source, passageId: citation.id, title: citation.title };
      setText(status, 'loadingContext');
      status.hidden = false;
      if (!dialog.open) dialog.showModal();
      // Set after showModal: reopening from another marker keeps the newest origin.
      trigger = from;
      try {
        const s = /** @type {SourceView} */ (await getJson(`/api/sources/${encodeURIComponent(citation.id)}`, { signal: ctrl.signal }));
        if (ctrl.signal.aborted) return;
        const page = citation.page ?? s.page;
        const pages = citation.pages ?? s.pages;
        renderMeta(
          { title: s.document?.title || s.title, date: s.document?.date ?? s.date, source: s.source, ...(page !== undefined ? { page } : {}), ...(pages ? { pages } : {}) },
          s.document ? { ordinal: s.ordinal, total: s.document.passages } : null,
        );
        const mark = renderText(s.text, contextParts(s), quotes);
        status.hidden = true;
        status.textContent = '';
        // Bring the highlight into view inside the panel only (scrollIntoView could move the page).
        const target = mark.querySelector('.quote');
        body.scrollTop = Math.max(0, (target instanceof HTMLElement ? target : mark).offsetTop - body.clientHeight / 4);
      } catch (err) {
        if (isAbort(err) || ctrl.signal.aborted) return;
        // The passage itself is still shown (from the citation); only the context is missing.
        const v = describeError(err);
        setText(status, 'contextUnavailable', { message: t(v.key, v.args) });
      } finally {
        if (loading === ctrl) loading = null;
      }
    },
    close() {
      if (dialog.open) dialog.close();
    },
  };
}
