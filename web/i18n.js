// Interface strings in French and English, and the one function that (re)labels the page.
// Elements carry the key of their text (data-i18n) or attribute (data-i18n-placeholder,
// data-i18n-aria-label, data-i18n-title), plus optional arguments (data-i18n-args, JSON), so a
// language switch relabels everything already on the page, past messages included.
// French strings get French typography once, here: no-break spaces before « : ; ? ! » and inside
// guillemets, so a colon never starts a line.

/** @type {{ fr: Record<string, string>, en: Record<string, string> }} */
export const STRINGS = {
  fr: {
    appTitle: 'Assistant documentaire',
    skipToQuestion: 'Aller à la question',
    documents: 'Documents',
    newConversation: 'Nouvelle conversation',
    conversation: 'Conversation',
    conversations: 'Conversations',
    conversationsEmpty: 'Vos conversations enregistrées apparaîtront ici.',
    conversationsUnavailable: 'La liste des conversations n’est pas disponible.',
    currentConversation: 'conversation ouverte',
    untitled: 'Sans titre',
    rename: 'Renommer',
    renameLabel: 'Renommer « {title} »',
    renameField: 'Nouveau titre',
    save: 'Enregistrer',
    exportMarkdown: 'Exporter (Markdown)',
    exportLabel: 'Exporter « {title} » en Markdown',
    deleteConversation: 'Supprimer',
    deleteLabel: 'Supprimer « {title} »',
    confirmDelete: 'Supprimer la conversation « {title} » ?',
    conversationDeleted: 'Conversation « {title} » supprimée.',
    conversationRenamed: 'Conversation renommée : « {title} ».',
    conversationOpened: 'Conversation « {title} » ouverte.',
    conversationGone: 'Cette conversation n’existe plus.',
    turnsCount: '{n} {n|question|questions}',
    emptyState: 'Posez une question sur les documents : chaque réponse cite ses sources, cliquez sur un numéro [1] pour lire le passage.',
    messageLabel: 'Votre question',
    placeholder: 'Posez votre question…',
    send: 'Envoyer',
    stop: 'Arrêter',
    composerHint: 'Entrée pour envoyer · Maj+Entrée pour aller à la ligne',
    charCount: '{n} / {max} caractères',
    tooLong: 'Votre question dépasse {max} caractères ({n}). Raccourcissez-la.',
    you: 'Vous',
    assistant: 'Assistant',
    typing: 'L’assistant rédige sa réponse…',
    sources: 'Sources',
    seeAlso: 'Voir aussi',
    originals: 'Texte original (la réponse ci-dessus est une traduction automatique)',
    searchedFor: 'Recherche effectuée : {q}',
    citeLabel: 'Source {n} : {title}',
    openPassage: 'Ouvrir le passage {n} : {title}',
    sourceN: 'Source {n} :',
    answerAnnounce: 'Réponse : {text}',
    unknownDate: 'date inconnue',
    page: 'page {page}',
    pages: 'pages {pages}',
    pagesSpan: 'passage sur les pages {pages}',
    passageOf: 'passage {n} sur {total}',
    close: 'Fermer',
    passagePanel: 'Passage cité',
    loadingContext: 'Chargement du contexte…',
    contextUnavailable: 'Le contexte de ce passage n’est plus disponible ({message}).',
    contextBefore: 'Texte précédent',
    contextAfter: 'Texte suivant',
    sourceFile: 'Fichier : {source}',
    readDocument: 'Lire le document',
    answerActions: 'Actions sur la réponse',
    copy: 'Copier',
    copyLabel: 'Copier la réponse et ses sources',
    copied: 'Réponse copiée avec ses sources.',
    copyFailed: 'La copie a échoué : votre navigateur ne l’autorise pas ici.',
    regenerate: 'Régénérer',
    regenerateLabel: 'Répondre à nouveau à cette question',
    rateUp: 'Utile',
    rateDown: 'Pas utile',
    helpful: 'Réponse utile',
    notHelpful: 'Réponse pas utile',
    feedbackThanks: 'Merci, votre avis est enregistré.',
    feedbackComment: 'Qu’est-ce qui n’allait pas ? (facultatif)',
    feedbackCommentUp: 'Un commentaire ? (facultatif)',
    feedbackSend: 'Envoyer l’avis',
    feedbackSaved: 'Avis enregistré.',
    sourcesHeading: 'Sources :',
    errorTitle: 'Erreur',
    errorCode: 'code {code}',
    retry: 'Réessayer',
    retryAfter: 'Réessayez dans {s} s.',
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
    read: 'Lire',
    readLabel: 'Lire « {title} »',
    remove: 'Supprimer',
    removeLabel: 'Supprimer « {title} »',
    confirmRemove: 'Retirer « {title} » de l’index ?',
    confirmRemoveYes: 'Oui, supprimer',
    cancel: 'Annuler',
    removed: '« {title} » supprimé.',
    previewPanel: 'Document',
    previewLoading: 'Chargement du document…',
    previewPage: 'Page {page}',
    previewPassages: 'Le texte tel qu’il est indexé, découpé en {n} {n|passage|passages}.',
    apiKeyTitle: 'Clé d’accès',
    apiKeyExplain: 'Ce serveur est protégé. Saisissez la clé d’accès que vous a donnée la personne qui l’administre : la page réessaiera aussitôt.',
    apiKeyLabel: 'Clé d’accès',
    apiKeySave: 'Valider',
    apiKeyWrong: 'Cette clé n’est pas acceptée. Vérifiez-la et recommencez.',
    settings: 'Réglages',
    language: 'Langue',
    languageAuto: 'Automatique',
    theme: 'Thème',
    themeSystem: 'Comme le système',
    themeLight: 'Clair',
    themeDark: 'Sombre',
    // Errors, by the server's error code (core/errors.ts) or what happened in the browser.
    errNetwork: 'Le serveur est injoignable. Vérifiez qu’il tourne, puis réessayez.',
    errStream: 'La réponse a été interrompue avant la fin.',
    errQuestionTooLong: 'Votre question est trop longue : {max} caractères au plus.',
    errQuestionEmpty: 'La question est vide.',
    errInvalid: 'Le serveur a refusé la demande : une valeur n’est pas valide.',
    errUnauthorized: 'Ce serveur demande une clé d’accès.',
    errNotFound: 'Introuvable : l’élément a peut-être été supprimé.',
    errUnavailableHere: 'Cette fonction n’est pas disponible sur ce serveur.',
    errFileTooLarge: 'Le fichier est trop volumineux : {limit} au plus.',
    errTooLarge: 'La demande est trop volumineuse.',
    errUnsupportedFile: 'Ce type de fichier n’est pas pris en charge. Formats acceptés : .txt, .md, .html, .pdf, .docx.',
    errUnreadable: 'Le fichier n’a pas pu être lu : il est peut-être endommagé, protégé par un mot de passe, vide, ou c’est une image sans texte (un document scanné).',
    errDocumentTooLarge: 'Ce document dépasse une limite du serveur (pages, caractères ou passages) : découpez-le en plusieurs fichiers.',
    errDocumentTimeout: 'La lecture de ce document a pris trop de temps : découpez-le en plusieurs fichiers.',
    errNotWritable: 'Le serveur ne peut pas écrire sur son disque (plein ou protégé) : rien n’a été modifié.',
    errForbidden: 'Le serveur a refusé cette demande venant de cette adresse.',
    errRateLimited: 'Trop de demandes en peu de temps.',
    errBusy: 'Le serveur est occupé pour le moment.',
    errTimeout: 'La réponse a pris trop de temps.',
    errIndexNotReady: 'L’index des documents n’est pas encore prêt.',
    errIndexBusy: 'Une indexation est déjà en cours.',
    errConversationsFull: 'Le serveur ne peut plus enregistrer de nouvelle conversation : supprimez-en d’anciennes.',
    errStorage: 'L’enregistrement est momentanément impossible sur le serveur.',
    errClientId: 'Votre navigateur n’a pas pu être reconnu (le stockage local est-il désactivé ?).',
    errLlm: 'Le modèle de langage ne répond pas.',
    errServer: 'Le serveur a rencontré une erreur ({status}).',
  },
  en: {
    appTitle: 'Document assistant',
    skipToQuestion: 'Skip to the question',
    documents: 'Documents',
    newConversation: 'New conversation',
    conversation: 'Conversation',
    conversations: 'Conversations',
    conversationsEmpty: 'Your saved conversations will appear here.',
    conversationsUnavailable: 'The list of conversations is not available.',
    currentConversation: 'open conversation',
    untitled: 'Untitled',
    rename: 'Rename',
    renameLabel: 'Rename “{title}”',
    renameField: 'New title',
    save: 'Save',
    exportMarkdown: 'Export (Markdown)',
    exportLabel: 'Export “{title}” as Markdown',
    deleteConversation: 'Delete',
    deleteLabel: 'Delete “{title}”',
    confirmDelete: 'Delete the conversation “{title}”?',
    conversationDeleted: 'Conversation “{title}” deleted.',
    conversationRenamed: 'Conversation renamed: “{title}”.',
    conversationOpened: 'Conversation “{title}” opened.',
    conversationGone: 'This conversation no longer exists.',
    turnsCount: '{n} {n|question|questions}',
    emptyState: 'Ask a question about the documents: every answer cites its sources; click a number [1] to read the passage.',
    messageLabel: 'Your question',
    placeholder: 'Ask a question…',
    send: 'Send',
    stop: 'Stop',
    composerHint: 'Enter to send · Shift+Enter for a new line',
    charCount: '{n} / {max} characters',
    tooLong: 'Your question is longer than {max} characters ({n}). Please shorten it.',
    you: 'You',
    assistant: 'Assistant',
    typing: 'The assistant is writing…',
    sources: 'Sources',
    seeAlso: 'See also',
    originals: 'French original (the answer above is a machine translation)',
    searchedFor: 'Searched for: {q}',
    citeLabel: 'Source {n}: {title}',
    openPassage: 'Open passage {n}: {title}',
    sourceN: 'Source {n}:',
    answerAnnounce: 'Answer: {text}',
    unknownDate: 'date unknown',
    page: 'page {page}',
    pages: 'pages {pages}',
    pagesSpan: 'passage over pages {pages}',
    passageOf: 'passage {n} of {total}',
    close: 'Close',
    passagePanel: 'Cited passage',
    loadingContext: 'Loading the context…',
    contextUnavailable: 'The context of this passage is no longer available ({message}).',
    contextBefore: 'Preceding text',
    contextAfter: 'Following text',
    sourceFile: 'File: {source}',
    readDocument: 'Read the document',
    answerActions: 'Answer actions',
    copy: 'Copy',
    copyLabel: 'Copy the answer and its sources',
    copied: 'Answer copied with its sources.',
    copyFailed: 'Copying failed: your browser does not allow it here.',
    regenerate: 'Regenerate',
    regenerateLabel: 'Answer this question again',
    rateUp: 'Helpful',
    rateDown: 'Not helpful',
    helpful: 'Helpful answer',
    notHelpful: 'Unhelpful answer',
    feedbackThanks: 'Thank you, your feedback is saved.',
    feedbackComment: 'What was wrong? (optional)',
    feedbackCommentUp: 'Any comment? (optional)',
    feedbackSend: 'Send feedback',
    feedbackSaved: 'Feedback saved.',
    sourcesHeading: 'Sources:',
    errorTitle: 'Error',
    errorCode: 'code {code}',
    retry: 'Retry',
    retryAfter: 'Retry in {s} s.',
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
    read: 'Read',
    readLabel: 'Read “{title}”',
    remove: 'Remove',
    removeLabel: 'Remove “{title}”',
    confirmRemove: 'Remove “{title}” from the index?',
    confirmRemoveYes: 'Yes, remove',
    cancel: 'Cancel',
    removed: '“{title}” removed.',
    previewPanel: 'Document',
    previewLoading: 'Loading the document…',
    previewPage: 'Page {page}',
    previewPassages: 'The text as indexed, in {n} {n|passage|passages}.',
    apiKeyTitle: 'Access key',
    apiKeyExplain: 'This server is protected. Enter the access key given to you by the person who runs it: the page will try again straight away.',
    apiKeyLabel: 'Access key',
    apiKeySave: 'Continue',
    apiKeyWrong: 'This key is not accepted. Check it and try again.',
    settings: 'Settings',
    language: 'Language',
    languageAuto: 'Automatic',
    theme: 'Theme',
    themeSystem: 'Same as the system',
    themeLight: 'Light',
    themeDark: 'Dark',
    errNetwork: 'The server cannot be reached. Check that it is running, then retry.',
    errStream: 'The answer was cut off before the end.',
    errQuestionTooLong: 'Your question is too long: {max} characters at most.',
    errQuestionEmpty: 'The question is empty.',
    errInvalid: 'The server refused the request: a value is not valid.',
    errUnauthorized: 'This server requires an access key.',
    errNotFound: 'Not found: it may have been deleted.',
    errUnavailableHere: 'This feature is not available on this server.',
    errFileTooLarge: 'The file is too large: {limit} at most.',
    errTooLarge: 'The request is too large.',
    errUnsupportedFile: 'This type of file is not supported. Accepted formats: .txt, .md, .html, .pdf, .docx.',
    errUnreadable: 'The file could not be read: it may be damaged, password-protected, empty, or an image without text (a scanned document).',
    errDocumentTooLarge: 'This document exceeds a server limit (pages, characters or passages): split it into several files.',
    errDocumentTimeout: 'Reading this document took too long: split it into several files.',
    errNotWritable: 'The server cannot write to its disk (full or protected): nothing was changed.',
    errForbidden: 'The server refused this request from this address.',
    errRateLimited: 'Too many requests in a short time.',
    errBusy: 'The server is busy at the moment.',
    errTimeout: 'The answer took too long.',
    errIndexNotReady: 'The document index is not ready yet.',
    errIndexBusy: 'An indexing run is already in progress.',
    errConversationsFull: 'The server cannot save new conversations any more: delete old ones.',
    errStorage: 'Saving is impossible on the server for the moment.',
    errClientId: 'Your browser could not be recognised (is local storage disabled?).',
    errLlm: 'The language model is not answering.',
    errServer: 'The server ran into an error ({status}).',
  },
};

/**
 * French typography: a no-break space before a colon, a narrow one before ; ? ! and », and after
 * «, whatever space (or none) was typed. Idempotent.
 * @param {string} s
 */
export function frenchSpacing(s) {
  return s
    .replace(/[ \u00a0\u202f]?:(?=\s|$)/g, (m, offset) => (offset === 0 && m === ':' ? ':' : '\u00a0:'))
    .replace(/[ \u00a0\u202f]?([;?!»])/g, (m, p, offset) => (offset === 0 && m === p ? p : `\u202f${p}`))
    .replace(/«[ \u00a0\u202f]?/g, '«\u202f');
}

for (const key of Object.keys(STRINGS.fr)) STRINGS.fr[key] = frenchSpacing(/** @type {string} */ (STRINGS.fr[key]));

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
    if (one === undefined) {
      const v = args[name];
      return typeof v === 'number' ? formatNumber(v, lang) : String(v);
    }
    return rules.select(Number(args[name])) === 'one' ? one : (other ?? one);
  });
}

/** @param {number} n @param {Lang} [lang] */
export function formatNumber(n, lang = current) {
  return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB').format(n);
}

/** Bytes for people: "25 Mo" / "25 MB". @param {number} bytes @param {Lang} [lang] */
export function formatBytes(bytes, lang = current) {
  const units = lang === 'fr' ? ['octets', 'Ko', 'Mo', 'Go'] : ['bytes', 'KB', 'MB', 'GB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  const n = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: i === 0 ? 0 : 1 }).format(v);
  return `${n}${lang === 'fr' ? '\u00a0' : ' '}${units[i]}`;
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

/** @type {Set<(lang: Lang) => void>} */
const listeners = new Set();

/** Called after every language switch (parts of the page that are not data-i18n marked). @param {(lang: Lang) => void} fn */
export function onLanguageChange(fn) {
  listeners.add(fn);
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
  for (const fn of listeners) fn(lang);
}
