// Answers as safe Markdown: lists, emphasis, code and tables from an LLM render as such, and
// nothing else does. marked turns the text into HTML with raw HTML escaped (no tag written by a
// model or a document ever becomes an element), DOMPurify then keeps only an allow-list of tags
// and attributes, and the result enters the page as a DOM fragment (never through innerHTML).
// Citation markers [n] are set aside before parsing and come back as buttons made by the caller.
// Both libraries are npm packages served as they ship (server/routes/static.ts: /vendor/…).
// @ts-expect-error served at run time from node_modules/marked (no types for a URL import)
import { Marked } from '/vendor/marked.esm.js';
// @ts-expect-error served at run time from node_modules/dompurify
import DOMPurify from '/vendor/purify.es.mjs';
import { frenchSpacing } from './i18n.js';
import { splitMarkers } from './markers.js';

/** Private-use characters around a marker's number: they cannot come from the server's text. */
const OPEN = '\uE000';
const CLOSE = '\uE001';
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

/** @param {string} s */
const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const md = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    // Raw HTML in the Markdown is shown as text.
    /** @param {{ text: string }} token */
    html: (token) => escapeHtml(token.text),
    // Images would make the browser fetch URLs chosen by a model: show their alt text instead.
    /** @param {{ text: string }} token */
    image: (token) => escapeHtml(token.text ?? ''),
  },
});

const ALLOWED_TAGS = ['p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td'];
const ALLOWED_ATTR = ['href', 'title', 'start'];

DOMPurify.addHook('afterSanitizeAttributes', (/** @type {Element} */ node) => {
  if (node.tagName === 'A') {
    const href = node.getAttribute('href') ?? '';
    if (!/^(?:https?:|mailto:)/i.test(href)) node.removeAttribute('href');
    node.setAttribute('rel', 'noopener noreferrer nofollow');
    node.setAttribute('target', '_blank');
  }
});

/**
 * @param {string} text the answer (possibly still streaming)
 * @param {{ lang: 'fr' | 'en', known: (n: number) => boolean, marker: (n: number) => HTMLElement }} options
 * @returns {DocumentFragment}
 */
export function renderAnswer(text, options) {
  const source = splitMarkers(text.replace(/[\uE000\uE001]/g, ''), options.known)
    .map((seg) => (seg.type === 'text' ? seg.text : `${OPEN}${seg.n}${CLOSE}`))
    .join('');
  const html = /** @type {string} */ (md.parse(source));
  /** @type {DocumentFragment} */
  const fragment = DOMPurify.sanitize(html, { ALLOWED_TAGS, ALLOWED_ATTR: [...ALLOWED_ATTR, 'rel', 'target'], ALLOW_DATA_ATTR: false, RETURN_DOM_FRAGMENT: true });
  // Headings inside an answer are sub-headings of the conversation: never above level 4.
  for (const heading of fragment.querySelectorAll('h1, h2, h3')) {
    const sub = document.createElement('h4');
    sub.append(...heading.childNodes);
    heading.replaceWith(sub);
  }
  const walker = document.createTreeWalker(fragment, NodeFilter.SHOW_TEXT);
  /** @type {Text[]} */
  const texts = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(/** @type {Text} */ (n));
  for (const node of texts) {
    const inCode = !!node.parentElement?.closest('code, pre');
    const value = options.lang === 'fr' && !inCode ? frenchSpacing(node.data) : node.data;
    if (!value.includes(OPEN)) {
      if (value !== node.data) node.data = value;
      continue;
    }
    /** @type {Node[]} */
    const parts = [];
    let last = 0;
    for (const m of value.matchAll(PLACEHOLDER)) {
      if ((m.index ?? 0) > last) parts.push(document.createTextNode(value.slice(last, m.index)));
      parts.push(options.marker(Number(m[1])));
      last = (m.index ?? 0) + m[0].length;
    }
    if (last < value.length) parts.push(document.createTextNode(value.slice(last)));
    node.replaceWith(...parts);
  }
  return fragment;
}
