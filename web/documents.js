// The documents panel: what is indexed (title, date, passages), upload by file picker or
// drag-and-drop with upload progress (XMLHttpRequest: fetch has no upload progress events),
// removal after an inline confirmation. The list is reloaded after every change.
import { ApiError, apiErrorFrom, askForKey, authHeaders, getJson, request } from './api.js';
import { $, clear, h } from './dom.js';
import { errorNodes } from './errors.js';
import { formatDate, setAttr, setText, t } from './i18n.js';

/**
 * @typedef {{ source: string, title: string, date: string | null, format: string, passages: number,
 *   chars?: number, ingestedAt?: string }} DocumentInfo
 * @typedef {{ source: string, title: string, date: string | null, passages: number, duplicate?: boolean }} Uploaded
 */

/**
 * POST one file as multipart/form-data (field "file").
 * @param {File} file
 * @param {(state: { loaded: number, total: number } | 'indexing') => void} onProgress
 * @returns {Promise<Uploaded>}
 */
export function uploadFile(file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/documents');
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [name, value] of Object.entries(authHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.addEventListener('progress', (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size }));
    // Bytes are sent; the server now reads, splits and embeds the document.
    xhr.upload.addEventListener('load', () => onProgress('indexing'));
    xhr.addEventListener('load', () => {
      let body = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(/** @type {Uploaded} */ (body));
      else reject(apiErrorFrom(xhr.status, body, xhr.getResponseHeader('Retry-After')));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, 'NETWORK', '')));
    xhr.addEventListener('abort', () => reject(new ApiError(0, 'NETWORK', '')));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/**
 * uploadFile, asking for the API key and sending again when the server wants one.
 * @param {File} file @param {Parameters<typeof uploadFile>[1]} onProgress
 */
async function uploadWithKey(file, onProgress) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await uploadFile(file, onProgress);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 401 || attempt >= 3 || !(await askForKey())) throw err;
    }
  }
}

/** @param {DataTransfer | null} dt */
function hasFiles(dt) {
  return !!dt && Array.from(dt.types).includes('Files');
}

/** Extensions the server reads (ingest/loaders): anything else is refused here, before sending. */
export const ACCEPTED_EXTENSIONS = ['.txt', '.md', '.markdown', '.html', '.htm', '.pdf', '.docx'];

/** @param {string} name */
function accepted(name) {
  const dot = name.lastIndexOf('.');
  return dot > 0 && ACCEPTED_EXTENSIONS.includes(name.slice(dot).toLowerCase());
}

/**
 * @param {HTMLDialogElement} dialog
 * @param {{ announce: (text: string) => void, openDocument: (source: string, from: HTMLElement, options: { title: string }) => void }} deps
 */
export function createDocumentsPanel(dialog, deps) {
  const summary = $('#documents-summary', HTMLElement, dialog);
  const status = $('#documents-status', HTMLElement, dialog);
  const errorBox = $('#documents-error', HTMLElement, dialog);
  const list = $('#document-list', HTMLUListElement, dialog);
  const dropzone = $('#dropzone', HTMLElement, dialog);
  const input = $('#file-input', HTMLInputElement, dialog);
  const choose = $('#choose-files', HTMLButtonElement, dialog);
  const progressBox = $('#upload-progress', HTMLElement, dialog);
  const progressLabel = $('#upload-label', HTMLElement, dialog);
  const bar = $('#upload-bar', HTMLProgressElement, dialog);

  /** @type {File[]} */
  const queue = [];
  let uploading = false;
  let loadSeq = 0;

  dialog.addEventListener('click', (e) => {
    if (e.target === dialog) dialog.close();
  });
  for (const btn of dialog.querySelectorAll('[data-close]')) btn.addEventListener('click', () => dialog.close());

  /**
   * @param {unknown} err @param {string} [file] the upload it belongs to
   * @param {() => void} [retry] offered when trying again can help (the network, a busy server)
   */
  function showError(err, file, retry) {
    const item = h('div', { className: 'error-item' });
    const again = retry
      ? () => {
          item.remove();
          if (errorBox.childElementCount === 0) errorBox.hidden = true;
          retry();
        }
      : undefined;
    item.append(...(file ? [h('p', { className: 'error-file', text: file })] : []), ...errorNodes(err, again ? { retry: again } : {}));
    errorBox.append(item);
    errorBox.hidden = false;
  }
  function clearErrors() {
    clear(errorBox);
    errorBox.hidden = true;
  }
  /** @param {string} key @param {Record<string, string | number>} args */
  function say(key, args) {
    setText(status, key, args);
    deps.announce(t(key, args));
  }

  /** @param {DocumentInfo} doc */
  function row(doc) {
    const title = doc.title || doc.source;
    const li = h('li', { className: 'doc', dataset: { source: doc.source } });
    const when = doc.date
      ? h('time', { text: formatDate(doc.date), attrs: { datetime: doc.date }, dataset: { date: doc.date } })
      : h('span');
    if (!doc.date) setText(when, 'unknownDate');
    const count = h('span', { className: 'doc-passages' });
    setText(count, 'passagesCount', { n: doc.passages });
    const meta = h('p', { className: 'doc-meta' }, [when, h('span', { className: 'sep', text: ' · ', attrs: { 'aria-hidden': 'true' } }), count]);
    const file = h('p', { className: 'doc-source', text: doc.source });
    const read = h('button', { className: 'button secondary', attrs: { type: 'button' }, dataset: { action: 'read' } });
    setText(read, 'read');
    setAttr(read, 'aria-label', 'readLabel', { title });
    read.addEventListener('click', () => deps.openDocument(doc.source, read, { title }));
    const remove = h('button', { className: 'button secondary danger-text', attrs: { type: 'button' }, dataset: { action: 'remove' } });
    setText(remove, 'remove');
    setAttr(remove, 'aria-label', 'removeLabel', { title });

    const question = h('p', { className: 'confirm-question' });
    setText(question, 'confirmRemove', { title });
    const yes = h('button', { className: 'button danger', attrs: { type: 'button' }, dataset: { action: 'confirm-remove' } });
    setText(yes, 'confirmRemoveYes');
    const no = h('button', { className: 'button secondary', attrs: { type: 'button' }, dataset: { action: 'cancel-remove' } });
    setText(no, 'cancel');
    const confirmBox = h('div', { className: 'doc-confirm', attrs: { role: 'group' } }, [question, h('div', { className: 'confirm-actions' }, [yes, no])]);
    confirmBox.hidden = true;

    remove.addEventListener('click', () => {
      confirmBox.hidden = false;
      remove.hidden = true;
      yes.focus();
    });
    no.addEventListener('click', () => {
      confirmBox.hidden = true;
      remove.hidden = false;
      remove.focus();
    });
    yes.addEventListener('click', async () => {
      yes.disabled = true;
      no.disabled = true;
      clearErrors();
      try {
        await request(`/api/documents/${encodeURIComponent(doc.source)}`, { method: 'DELETE' });
        say('removed', { title });
        await load();
        choose.focus();
      } catch (err) {
        showError(err);
        yes.disabled = false;
        no.disabled = false;
      }
    });

    li.append(h('div', { className: 'doc-main' }, [h('p', { className: 'doc-title', text: title }), meta, file]), h('div', { className: 'doc-actions' }, [read, remove]), confirmBox);
    return li;
  }

  /** @param {string | null} [fresh] a source just added: highlighted and scrolled into view */
  async function load(fresh = null) {
    const seq = ++loadSeq;
    setText(summary, 'documentsLoading');
    try {
      const body = /** @type {{ documents: DocumentInfo[] }} */ (await getJson('/api/documents'));
      if (seq !== loadSeq) return;
      const docs = Array.isArray(body.documents) ? body.documents : [];
      dialog.classList.remove('unavailable');
      dropzone.hidden = false;
      list.replaceChildren(...docs.map(row));
      const added = fresh ? Array.from(list.children).find((li) => li instanceof HTMLElement && li.dataset.source === fresh) : null;
      if (added) {
        added.classList.add('fresh');
        added.scrollIntoView({ block: 'nearest' });
      }
      if (docs.length === 0) setText(summary, 'documentsEmpty');
      else setText(summary, 'documentsSummary', { docs: docs.length, passages: docs.reduce((s, d) => s + (d.passages || 0), 0) });
    } catch (err) {
      if (seq !== loadSeq) return;
      clear(list);
      if (err instanceof ApiError && err.code === 'ROUTE_NOT_FOUND') {
        // An older server without the documents API: say so instead of showing a raw 404.
        dialog.classList.add('unavailable');
        dropzone.hidden = true;
        setText(summary, 'documentsUnavailable');
      } else {
        summary.textContent = '';
        showError(err);
      }
    }
  }

  /** @type {string | null} */
  let lastAdded = null;

  /** @param {File} file */
  async function uploadOne(file) {
    if (!accepted(file.name)) {
      showError(new ApiError(415, 'DOCUMENT_UNSUPPORTED', ''), file.name);
      return;
    }
    progressBox.hidden = false;
    bar.value = 0;
    setText(progressLabel, 'uploading', { name: file.name, pct: 0 });
    try {
      const doc = await uploadWithKey(file, (state) => {
        if (state === 'indexing') {
          // No percentage for server-side work: an indeterminate bar.
          bar.removeAttribute('value');
          setText(progressLabel, 'indexing', { name: file.name });
        } else {
          const pct = state.total > 0 ? Math.round((100 * state.loaded) / state.total) : 0;
          bar.value = pct;
          setText(progressLabel, 'uploading', { name: file.name, pct });
        }
      });
      // 200 + duplicate: the same bytes were already indexed; nothing changed.
      say(doc?.duplicate ? 'alreadyIndexed' : 'uploaded', { title: doc?.title || file.name, passages: doc?.passages ?? 0 });
      lastAdded = doc?.source ?? null;
    } catch (err) {
      showError(err, file.name, () => void enqueue([file]));
    }
  }

  /** @param {Iterable<File>} files */
  async function enqueue(files) {
    const added = Array.from(files);
    if (added.length === 0) return;
    if (!uploading) {
      clearErrors();
      lastAdded = null;
    }
    queue.push(...added);
    if (uploading) return;
    uploading = true;
    dialog.setAttribute('aria-busy', 'true');
    try {
      for (let file = queue.shift(); file; file = queue.shift()) await uploadOne(file);
    } finally {
      uploading = false;
      dialog.removeAttribute('aria-busy');
      progressBox.hidden = true;
      await load(lastAdded);
    }
  }

  choose.addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    const files = Array.from(input.files ?? []);
    // Reset so choosing the same file again fires "change" again.
    input.value = '';
    void enqueue(files);
  });

  dropzone.addEventListener('dragenter', (e) => {
    if (!hasFiles(e.dataTransfer)) return;
    e.preventDefault();
    dropzone.classList.add('dragging');
  });
  dropzone.addEventListener('dragover', (e) => {
    if (!hasFiles(e.dataTransfer)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  });
  dropzone.addEventListener('dragleave', (e) => {
    if (e.relatedTarget instanceof Node && dropzone.contains(e.relatedTarget)) return;
    dropzone.classList.remove('dragging');
  });
  dropzone.addEventListener('drop', (e) => {
    e.preventDefault();
    e.stopPropagation();
    dropzone.classList.remove('dragging');
    void enqueue(e.dataTransfer?.files ?? []);
  });

  // Files dropped anywhere else must not make the browser navigate away to the file: open the
  // panel and upload them instead.
  window.addEventListener('dragover', (e) => {
    if (hasFiles(e.dataTransfer)) e.preventDefault();
  });
  window.addEventListener('drop', (e) => {
    if (!hasFiles(e.dataTransfer)) return;
    e.preventDefault();
    const files = Array.from(e.dataTransfer?.files ?? []);
    open();
    void enqueue(files);
  });

  /** @type {HTMLElement | null} */
  let opener = null;
  dialog.addEventListener('close', () => {
    const back = opener;
    opener = null;
    if (back?.isConnected) back.focus();
  });

  function open() {
    if (!dialog.open) {
      opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
    }
    void load();
  }

  return { open, load, enqueue };
}
