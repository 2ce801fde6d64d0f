// The access-key prompt: when the server answers 401, one dialog asks for the key in plain words
// (never "Authorization: Bearer"); once it is entered, every request that was refused is sent
// again by itself (api.js). A key that is refused again brings the dialog back, saying so.
import { getApiKey, setApiKey } from './api.js';
import { $ } from './dom.js';
import { setText } from './i18n.js';

/** @param {HTMLDialogElement} dialog @returns {() => Promise<boolean>} */
export function createKeyPrompt(dialog) {
  const form = $('form', HTMLFormElement, dialog);
  const input = $('#api-key-input', HTMLInputElement, dialog);
  const wrong = $('#api-key-wrong', HTMLElement, dialog);
  const cancel = $('[data-action="cancel-key"]', HTMLButtonElement, dialog);
  /** @type {((ok: boolean) => void) | null} */
  let settle = null;
  /** @type {Element | null} */
  let opener = null;

  const finish = (/** @type {boolean} */ ok) => {
    const done = settle;
    settle = null;
    if (dialog.open) dialog.close();
    if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    done?.(ok);
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const key = input.value.trim();
    if (!key) {
      input.focus();
      return;
    }
    setApiKey(key);
    finish(true);
  });
  cancel.addEventListener('click', () => finish(false));
  // Esc closes the dialog: the person chose not to give a key now.
  dialog.addEventListener('close', () => {
    if (settle) finish(false);
  });

  return () =>
    new Promise((resolve) => {
      settle = resolve;
      // A key already saved and refused again: say it is wrong.
      wrong.hidden = getApiKey() === '';
      if (!wrong.hidden) setText(wrong, 'apiKeyWrong');
      input.value = '';
      opener = document.activeElement;
      if (!dialog.open) dialog.showModal();
      input.focus();
    });
}
