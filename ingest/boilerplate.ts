/**
 * Boilerplate that web-scraped news text carries, as data. Entries are matched against a
 * normalised form of a whole line (see `normaliseLine`): lower case, ’ → ', spaces collapsed,
 * trailing ":" / "›" / "»" dropped. Nothing here is specific to one site or one file; extend the
 * lists rather than adding code.
 */

/** Whole lines that are site navigation / tools, never article content (FR + EN). */
export const NAV_LINES: readonly string[] = [
  // listing / navigation
  'all news', 'toutes les actualités', 'toutes les actus', 'actualités', 'news', 'latest news', 'dernières actualités',
  'accueil', 'home', 'menu', 'fermer', 'close', 'rechercher', 'recherche', 'search',
  'retour', 'back', 'retour aux actualités', 'back to news', 'retour à la liste', 'back to list',
  'haut de page', 'retour en haut', 'retour en haut de page', 'back to top',
  'skip to content', 'skip to main content', 'aller au contenu', 'aller au contenu principal', 'passer au contenu',
  'précédent', 'suivant', 'previous', 'next', 'article précédent', 'article suivant', 'previous article', 'next article',
  'plan du site', 'sitemap', 'mentions légales', 'legal notice', 'nous contacter', 'contact us',
  'à la une', 'fil info', 'breaking news',
  // page tools
  'print', 'imprimer', 'imprimer cette page', "imprimer l'article", 'version imprimable', 'print this page', 'print article',
  'partager', 'partager cet article', 'partager sur', 'share', 'share this', 'share this article', 'share on',
  'tweet', 'tweeter', 'copier le lien', 'copy link', 'envoyer par e-mail', 'envoyer par email', 'email this',
  'agrandir le texte', 'réduire le texte', 'taille du texte', 'text size',
  'lire la suite', 'read more', 'voir plus', 'see more', 'afficher plus', 'show more',
  'télécharger', 'download', 'télécharger le pdf', 'download pdf',
  'commentaires', 'comments', 'réagir', 'laisser un commentaire', 'leave a comment',
  // account / marketing
  'newsletter', "s'abonner", 'abonnez-vous', 'subscribe', "s'inscrire à la newsletter", 'sign up', "s'inscrire",
  'se connecter', 'connexion', 'log in', 'login', 'sign in', 'mon compte', 'my account',
  'suivez-nous', 'follow us', 'publicité', 'advertisement', 'sponsored', 'sponsorisé', 'contenu sponsorisé',
  'mots-clés', 'tags', 'sujets', 'topics',
];

/** Social networks and share targets: a line made only of these is a share bar. */
export const SOCIAL_WORDS: readonly string[] = [
  'facebook', 'twitter', 'x', 'linkedin', 'whatsapp', 'messenger', 'telegram', 'instagram', 'youtube', 'tiktok',
  'pinterest', 'reddit', 'bluesky', 'mastodon', 'threads', 'email', 'e-mail', 'mail', 'courriel', 'rss', 'sms',
];

/**
 * Headers of "related content" blocks. The header goes, and so do the link titles right after it
 * (short lines that are not sentences), e.g. "Plus d'informations :" + three link lines.
 */
export const RELATED_HEADERS: readonly string[] = [
  'actualités associées', 'actualités liées', 'articles associés', 'articles liés', 'contenus associés', 'contenus liés',
  'sur le même sujet', 'sur le même thème', 'dans la même rubrique', 'à lire aussi', 'a lire aussi', 'lire aussi',
  'à voir aussi', 'voir aussi', 'à lire également', 'lire également', 'plus d\'informations', 'pour plus d\'informations',
  'pour en savoir plus', 'liens utiles', 'liens connexes', 'documents associés', 'ressources associées',
  'vous aimerez aussi', 'vous aimerez peut-être aussi', 'recommandé pour vous', 'les plus lus', 'les plus partagés',
  'related news', 'related articles', 'related stories', 'related content', 'related links', 'related',
  'see also', 'read also', 'more information', 'further information', 'for more information', 'more on this topic',
  'more on this story', 'useful links', 'you may also like', 'recommended for you', 'most read', 'most popular',
];

/**
 * Cookie-consent wording. Phrased from the site's point of view ("notre site utilise des cookies",
 * "we use cookies") so an article *about* cookies is not mistaken for a banner.
 */
export const COOKIE_PATTERNS: readonly RegExp[] = [
  /\b(?:notre|ce) site(?: web| internet)? (?:utilise|emploie|a recours à|dépose|fait usage)[^.]{0,40}\b(?:cookies?|traceurs)\b/iu,
  /\bnous (?:utilisons|déposons|employons) (?:des |les )?(?:cookies?|traceurs)\b/iu,
  /\b(?:en poursuivant|en continuant|si vous poursuivez)[^.]{0,40}navigation\b/iu,
  /\bvous acceptez (?:l['’]utilisation|le dépôt|l['’]usage|notre utilisation) (?:des|de|de nos) (?:cookies?|traceurs)\b/iu,
  /\b(?:politique|charte|gestion|paramètres|paramétrage|préférences) (?:de |des |relative aux |en matière de )?(?:cookies?|traceurs)\b/iu,
  /\b(?:accepter|refuser|autoriser|gérer) (?:tous |les |vos |mes )?(?:cookies?|traceurs)\b/iu,
  /\bthis (?:web)?site uses cookies\b/iu,
  /\bwe (?:use|place|store) cookies\b/iu,
  /\bby (?:continuing|clicking|using)[^.]{0,60}\byou (?:agree|consent|accept)\b/iu,
  /\b(?:cookie (?:policy|settings|preferences|notice|consent))\b/iu,
  /\b(?:accept|reject|allow|manage) (?:all )?cookies\b/iu,
];

/** Button / link labels of a consent banner: dropped only next to a cookie line. */
export const CONSENT_BUTTONS: readonly string[] = [
  'en savoir plus', 'accepter', 'tout accepter', 'accepter tout', 'accepter et fermer', "j'accepte", 'ok', "d'accord",
  'compris', "c'est compris", 'refuser', 'tout refuser', 'continuer sans accepter', 'paramétrer', 'personnaliser',
  'gérer les préférences', 'gérer mes préférences', 'paramètres', 'fermer',
  'learn more', 'more info', 'accept', 'accept all', 'i accept', 'i agree', 'agree', 'got it', 'allow all', 'reject',
  'reject all', 'decline', 'customize', 'customise', 'manage preferences', 'settings', 'close',
];

/** A line made only of separator characters ("|", "/", "•", "---", "* * *"). */
export const SEPARATOR_LINE = /^[\s|/\\•·∙‣◦▪►▸›‹>\-–—_*~=+#.,:;]+$/u;

/** Page furniture from paginated sources. */
export const PAGE_NUMBER_LINES: readonly RegExp[] = [
  /^(?:page|p\.) ?\d+(?: ?(?:sur|of|\/|de) ?\d+)?$/iu,
  /^\d+ ?(?:\/|sur|of) ?\d+$/iu,
  /^[-–—] ?\d+ ?[-–—]$/u,
];

/** Characters separating items on a navigation line ("All news | Print", "Partager • Imprimer"). */
export const NAV_SEPARATORS = /\s*[|•·∙/]\s*/u;

/** Comparison form of a line: never used as output, only to look lines up in the lists above. */
export function normaliseLine(line: string): string {
  return line
    .normalize('NFC')
    .toLowerCase()
    .replace(/[’‘`´ʼ]/gu, "'")
    .replace(/[\s\u00A0\u202F]+/gu, ' ')
    .replace(/^[\s•·\-–—*>|›»]+/u, '')
    .replace(/[\s:.…›»>|]+$/u, '')
    .trim();
}
