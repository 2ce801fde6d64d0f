// Preferences kept in this browser (localStorage): the interface language ("auto" follows the
// browser, then the language of each answer) and the theme ("system" follows the OS setting).

const LANG_KEY = 'assistant.lang';
const THEME_KEY = 'assistant.theme';

/** @typedef {'auto' | 'fr' | 'en'} LangChoice */
/** @typedef {'system' | 'light' | 'dark'} ThemeChoice */

/** @param {string} key */
function read(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** @param {string} key @param {string} value */
function write(key, value) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
}

/** @returns {LangChoice} */
export function langChoice() {
  const v = read(LANG_KEY);
  return v === 'fr' || v === 'en' ? v : 'auto';
}

/** @param {LangChoice} choice */
export function setLangChoice(choice) {
  write(LANG_KEY, choice);
}

/** @returns {ThemeChoice} */
export function themeChoice() {
  const v = read(THEME_KEY);
  return v === 'light' || v === 'dark' ? v : 'system';
}

/** @param {ThemeChoice} choice */
export function setThemeChoice(choice) {
  write(THEME_KEY, choice);
  applyTheme(choice);
}

/** The stylesheet reads data-theme on <html>; "system" removes it (prefers-color-scheme decides). @param {ThemeChoice} choice */
export function applyTheme(choice) {
  const root = document.documentElement;
  if (choice === 'system') root.removeAttribute('data-theme');
  else root.dataset.theme = choice;
  const meta = document.querySelector('meta[name="color-scheme"]');
  if (meta) meta.setAttribute('content', choice === 'system' ? 'light dark' : choice);
}
