// Interface strings in French and English, and the one function that (re)labels the page.
// Elements carry the key of their text (data-i18n) or attribute (data-i18n-placeholder,
// data-i18n-aria-label, data-i18n-title), plus optional arguments (data-i18n-args, JSON), so a
// language switch relabels everything already on the page, past messages included.

/** @type {{ fr: Record<string, string>, en: Record<string, string> }} */
export const STRINGS = {
  fr: {
    appTitle: 'Assistant documentaire',
    skipToQuestion: 'Aller à la question',
    documents: 'Documents',
    newConversation: 'Nouvelle conversation',
    conversation: 'Conversation',
    emptyState: 'Posez une question sur les documents : chaque réponse cite ses sources, cliquez sur un numéro [1] pour lire le passage.',
    messageLabel: 'Votre question',
    placeholder: 'Posez votre question…',
    send: 'Envoyer',
    stop: 'Arrêter',
    composerHint: 'Entrée pour envoyer · Maj+Entrée pour aller à la ligne',
    you: 'Vous',
    assistant: 'Assistant',
    typing: 'L’assistant rédige sa réponse…',
    sources: 'Sources',
    seeAlso: 'Voir aussi',
    originals: 'Texte original (la réponse ci-dessus est une traduction automatique)',
    searchedFor: 'Recherche effectuée : {q}',
    citeLabel: 'Source {n} : {title}',
    openPassage: 'Ouvrir le passage {n} : {title}',
    answerAnnounce: 'Réponse : {text}',
    unknownDate: 'date inconnue',
    page: 'page {page}',
    passageOf: 'passage {n} sur {total}',
    close: 'Fermer',
    passagePanel: 'Passage cité',
    loadingContext: 'Chargement du contexte…',
    contextUnavailable: 'Le contexte de ce passage n’est plus disponible ({message}).',
    contextBefore: 'Texte précédent',
    contextAfter: 'Texte suivant',
    sourceFile: 'Fichier : {source}',
    errorTitle: 'Erreur',
    retry: 'Réessayer',
    retryAfter: 'Réessayez dans {s} s.',
    networkError: 'Le serveur est injoignable. Vérifiez qu’il tourne, puis réessayez.',
    streamInterrupted: 'La réponse a été interrompue avant la fin.',
    httpError: 'Le serveur a répondu {status}.',
    stopped: 'Réponse interrompue.',
    conversationReset: 'Nouvelle conversation commencée.',
    documentsTitle: 'Documents indexés',
    documentsSummary: '{docs} {docs|document|documents} · {passages} {passages|passage|passages}',
    documentsEmpty: 'Aucun document indexé. Ajoutez-en ci-dessous.',
    documentsUnavailable: 'La gestion des documents n’est pas disponible sur ce serveur.',
    documentsLoading: 'Chargement de la liste…',
    dropHere: 'Déposez des fichiers ici (.txt, .md, .html, .pdf, .docx) ou',
    chooseFiles: 'choisissez des fichiers',
    uploading: 'Envoi de {name}… {pct} %',
    indexing: 'Indexation de {name}…',
    uploaded: '« {title} » ajouté ({passages} {passages|passage|passages}).',
    alreadyIndexed: '« {title} » est déjà indexé ({passages} {passages|passage|passages}) : rien n’a changé.',
    passagesCount: '{n} {n|passage|passages}',
    remove: 'Supprimer',
    removeLabel: 'Supprimer « {title} »',
    confirmRemove: 'Retirer « {title} » de l’index ?',
    confirmRemoveYes: 'Oui, supprimer',
    cancel: 'Annuler',
    removed: '« {title} » supprimé.',
    apiKeyLabel: 'Ce serveur demande une clé d’API :',
    apiKeySave: 'Enregistrer la clé',
    apiKeySaved: 'Clé enregistrée pour cet onglet : réessayez.',
  },
  en: {
    appTitle: 'Document assistant',
    skipToQuestion: 'Skip to the question',
    documents: 'Documents',
    newConversation: 'New conversation',
    conversation: 'Conversation',
    emptyState: 'Ask a question about the documents: every answer cites its sources; click a number [1] to read the passage.',
    messageLabel: 'Your question',
    placeholder: 'Ask a question…',
    send: 'Send',
    stop: 'Stop',
    composerHint: 'Enter to send · Shift+Enter for a new line',
    you: 'You',
    assistant: 'Assistant',
    typing: 'The assistant is writing…',
    sources: 'Sources',
    seeAlso: 'See also',
    originals: 'French original (the answer above is a machine translation)',
    searchedFor: 'Searched for: {q}',
    citeLabel: 'Source {n}: {title}',
    openPassage: 'Open passage {n}: {title}',
    answerAnnounce: 'Answer: {text}',
    unknownDate: 'date unknown',
    page: 'page {page}',
    passageOf: 'passage {n} of {total}',
    close: 'Close',
    passagePanel: 'Cited passage',
    loadingContext: 'Loading the context…',
    contextUnavailable: 'The context of this passage is no longer available ({message}).',
    contextBefore: 'Preceding text',
    contextAfter: 'Following text',
    sourceFile: 'File: {source}',
    errorTitle: 'Error',
    retry: 'Retry',
    retryAfter: 'Retry in {s} s.',
    networkError: 'The server cannot be reached. Check that it is running, then retry.',
    streamInterrupted: 'The answer was cut off before the end.',
    httpError: 'The server answered {status}.',
    stopped: 'Answer stopped.',
    conversationReset: 'New conversation started.',
    documentsTitle: 'Indexed documents',
    documentsSummary: '{docs} {docs|document|documents} · {passages} {passages|passage|passages}',
    documentsEmpty: 'No document indexed yet. Add some below.',
    documentsUnavailable: 'Document management is not available on this server.',
    documentsLoading: 'Loading the list…',
    dropHere: 'Drop files here (.txt, .md, .html, .pdf, .docx) or',
    chooseFiles: 'choose files',
    uploading: 'Uploading {name}… {pct}%',
    indexing: 'Indexing {name}…',
    uploaded: '“{title}” added ({passages} {passages|passage|passages}).',
    alreadyIndexed: '“{title}” is already indexed ({passages} {passages|passage|passages}): nothing changed.',
    passagesCount: '{n} {n|passage|passages}',
    remove: 'Remove',
    removeLabel: 'Remove “{title}”',
    confirmRemove: 'Remove “{title}” from the index?',
    confirmRemoveYes: 'Yes, remove',
    cancel: 'Cancel',
    removed: '“{title}” removed.',
    apiKeyLabel: 'This server requires an API key:',
    apiKeySave: 'Save the key',
    apiKeySaved: 'Key saved for this tab: retry.',
  },
};

/** @typedef {'fr' | 'en'} Lang */

/** @type {Lang} */
let current = 'en';

/** @param {string | undefined | null} tag @returns {Lang} */
export function langOf(tag) {
  return String(tag ?? '').toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** @returns {Lang} */
export function getLang() {
  return current;
}

/**
 * @param {string} key
 * @param {Record<string, string | number>} [args]
 * @param {Lang} [lang]
 */
export function t(key, args = {}, lang = current) {
  const table = STRINGS[lang];
  const template = table[key] ?? STRINGS.en[key] ?? key;
  const rules = new Intl.PluralRules(lang);
  // "{n}" is the value; "{n|passage|passages}" the word that agrees with it.
  return template.replace(/\{(\w+)(?:\|([^|}]*)\|([^}]*))?\}/g, (/** @type {string} */ m, /** @type {string} */ name, /** @type {string | undefined} */ one, /** @type {string | undefined} */ other) => {
    if (!(name in args)) return m;
    if (one === undefined) return String(args[name]);
    return rules.select(Number(args[name])) === 'one' ? one : (other ?? one);
  });
}

/**
 * A date of the index ("2018-02-05", "2018-02" or "2018") for people, in the interface language.
 * Parsed as UTC so the day never shifts with the reader's time zone.
 * @param {string | null | undefined} iso
 * @param {Lang} [lang]
 */
export function formatDate(iso, lang = current) {
  if (!iso) return t('unknownDate', {}, lang);
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  const date = new Date(Date.UTC(Number(y), mo ? Number(mo) - 1 : 0, d ? Number(d) : 1));
  if (Number.isNaN(date.getTime())) return iso;
  /** @type {Intl.DateTimeFormatOptions} */
  const opts = d ? { dateStyle: 'long', timeZone: 'UTC' } : mo ? { year: 'numeric', month: 'long', timeZone: 'UTC' } : { year: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', opts).format(date);
}

/**
 * Give an element a translated text (and remember the key so a later switch relabels it).
 * @param {HTMLElement} el @param {string} key @param {Record<string, string | number>} [args]
 */
export function setText(el, key, args) {
  el.dataset.i18n = key;
  if (args) el.dataset.i18nArgs = JSON.stringify(args);
  el.textContent = t(key, args);
}

/**
 * Same for an attribute (aria-label, placeholder, title).
 * @param {HTMLElement} el @param {'aria-label' | 'placeholder' | 'title'} attr @param {string} key
 * @param {Record<string, string | number>} [args]
 */
export function setAttr(el, attr, key, args) {
  el.setAttribute(`data-i18n-${attr}`, key);
  if (args) el.dataset.i18nArgs = JSON.stringify(args);
  el.setAttribute(attr, t(key, args));
}

/** @param {HTMLElement} el */
function argsOf(el) {
  try {
    return el.dataset.i18nArgs ? JSON.parse(el.dataset.i18nArgs) : {};
  } catch {
    return {};
  }
}

/**
 * Switch the interface language and relabel every marked element under root.
 * @param {Lang} lang @param {ParentNode} [root]
 */
export function applyLanguage(lang, root = document) {
  current = lang;
  document.documentElement.lang = lang;
  document.title = t('appTitle');
  for (const el of root.querySelectorAll('[data-i18n]')) {
    if (el instanceof HTMLElement && el.dataset.i18n) el.textContent = t(el.dataset.i18n, argsOf(el));
  }
  for (const attr of /** @type {const} */ (['aria-label', 'placeholder', 'title'])) {
    for (const el of root.querySelectorAll(`[data-i18n-${attr}]`)) {
      const key = el.getAttribute(`data-i18n-${attr}`);
      if (el instanceof HTMLElement && key) el.setAttribute(attr, t(key, argsOf(el)));
    }
  }
  for (const el of root.querySelectorAll('time[data-date]')) {
    if (el instanceof HTMLElement) el.textContent = formatDate(el.dataset.date);
  }
}
