// Reading a whole document: its cleaned text as indexed (GET /api/documents/:source), cut into its
// passages (shaded alternately, so one sees what retrieval and citations work with), with the start
// of each PDF page marked. Opened from the Documents panel, or from a cited passage ("Read the
// document"), then scrolled to that passage.
import { getDocument, isAbort } from './api.js';
import { $, clear, h } from './dom.js';
import { errorNodes } from './errors.js';
import { formatDate, setText } from './i18n.js';

/**
 * @typedef {import('./api.js').DocumentText} DocumentText
 */

/**
 * The text cut at every passage start and page start: each piece with the passage it belongs to
 * (the latest one started before it) and the page that starts there, if any.
 * @param {DocumentText} doc
 * @returns {{ text: string, passage: number, pageStart: number | null }[]}
 */
export function previewPieces(doc) {
  const cuts = new Set([0, doc.text.length]);
  for (const p of doc.passages) cuts.add(Math.min(Math.max(0, p.start), doc.text.length));
  /** @type {Map<number, number>} */
  const pageAt = new Map();
  for (const s of doc.pageStarts ?? []) {
    const at = Math.min(Math.max(0, s.offset), doc.text.length);
    cuts.add(at);
    if (!pageAt.has(at)) pageAt.set(at, s.page);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const starts = doc.passages.map((p, i) => ({ start: p.start, i })).sort((a, b) => a.start - b.start);
  /** @type {{ text: string, passage: number, pageStart: number | null }[]} */
  const out = [];
  let k = 0;
  let owner = 0;
  for (let j = 0; j < points.length - 1; j++) {
    const from = /** @type {number} */ (points[j]);
    const to = /** @type {number} */ (points[j + 1]);
    while (k < starts.length && /** @type {{start: number}} */ (starts[k]).start <= from) owner = /** @type {{i: number}} */ (starts[k++]).i;
    out.push({ text: doc.text.slice(from, to), passage: owner, pageStart: pageAt.get(from) ?? null });
  }
  return out;
}

/** @param {HTMLDialogElement} dialog */
export function createPreviewPanel(dialog) {
  const title = $('#preview-title', HTMLElement, dialog);
  const meta = $('#preview-meta', HTMLElement, dialog);
  const status = $('#preview-status', HTMLElement, dialog);
  const body = $('#preview-body', HTMLElement, dialog);
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
  dialog.addEventListener('click', (e) => {
    if (e.target === dialog) dialog.close();
  });
  for (const btn of dialog.querySelectorAll('[data-close]')) btn.addEventListener('click', () => dialog.close());

  /** @param {DocumentText} doc @param {string | null} focusId */
  function render(doc, focusId) {
    title.textContent = doc.title || doc.source;
    const parts = [];
    if (doc.date) parts.push(h('time', { text: formatDate(doc.date), attrs: { datetime: doc.date }, dataset: { date: doc.date } }));
    const file = h('span');
    setText(file, 'sourceFile', { source: doc.source });
    parts.push(file);
    clear(meta);
    parts.forEach((p, i) => {
      if (i > 0) meta.append(h('span', { className: 'sep', text: ' · ', attrs: { 'aria-hidden': 'true' } }));
      meta.append(p);
    });
    setText(status, 'previewPassages', { n: doc.passages.length });
    const text = h('div', { className: 'document-text preview-text' });
    /** @type {HTMLElement | null} */
    let target = null;
    for (const piece of previewPieces(doc)) {
      if (piece.pageStart !== null) {
        const marker = h('span', { className: 'page-marker', dataset: { page: String(piece.pageStart) } });
        setText(marker, 'previewPage', { page: piece.pageStart });
        text.append(marker);
      }
      const p = doc.passages[piece.passage];
      const seg = h('span', { className: `seg ${piece.passage % 2 ? 'odd' : 'even'}`, text: piece.text, dataset: { passageId: p?.id ?? '' } });
      if (p && p.id === focusId) {
        seg.classList.add('target');
        target ??= seg;
      }
      text.append(seg);
    }
    body.replaceChildren(text);
    body.scrollTop = target ? Math.max(0, target.offsetTop - body.clientHeight / 4) : 0;
  }

  return {
    /**
     * @param {string} source @param {HTMLElement} from focused again on close
     * @param {{ passageId?: string, title?: string }} [options]
     */
    async open(source, from, options = {}) {
      loading?.abort();
      const ctrl = new AbortController();
      loading = ctrl;
      title.textContent = options.title || source;
      clear(meta);
      clear(body);
      setText(status, 'previewLoading');
      if (!dialog.open) dialog.showModal();
      trigger = from;
      try {
        const doc = await getDocument(source, ctrl.signal);
        if (ctrl.signal.aborted) return;
        render(doc, options.passageId ?? null);
      } catch (err) {
        if (isAbort(err) || ctrl.signal.aborted) return;
        status.replaceChildren(h('span', { className: 'error' }, errorNodes(err)));
      } finally {
        if (loading === ctrl) loading = null;
      }
    },
  };
}
