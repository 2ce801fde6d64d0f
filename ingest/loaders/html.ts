/**
 * HTML through parse5 (a spec-compliant parser, so broken real-world markup still yields a tree).
 * Page furniture is pruned by element, ARIA role and — for cookie banners, share bars and the like —
 * id/class words; block elements become line breaks so the cleaner and sentence splitter see the
 * page's structure. Title: the content's <h1>, else og:title, else <title> minus its site suffix.
 * Date: article:published_time / datePublished metadata, else the first <time datetime>.
 */
import { parse } from 'parse5';
import { parseDate } from '../dates.js';
import { declaredHtmlCharset, decodeText, type DecodeOptions } from './decode.js';
import { attr, childrenOf, findAll, findFirst, isElement, textContent, type Element, type Node } from './dom.js';
import type { Loader, LoadedDocument } from './types.js';

export interface HtmlLoaderOptions {
  /** Elements whose whole subtree is never content. */
  dropTags: readonly string[];
  /** Dropped only outside <article>/<main>: a page header is navigation, an article header holds the headline. */
  dropOutsideContentTags: readonly string[];
  dropRoles: readonly string[];
  /** id/class words marking banners, share bars, related blocks, screen-reader-only text. */
  dropClassPattern: RegExp;
  /** …applied only to elements holding less than this share of the page's text (a body class never drops the page). */
  dropClassMaxShare: number;
  /** Elements separated by a blank line. */
  paragraphTags: readonly string[];
  /** Elements separated by a line break. */
  lineTags: readonly string[];
  decode: Partial<DecodeOptions>;
}

export const DEFAULT_HTML_LOADER: HtmlLoaderOptions = {
  dropTags: [
    'head', 'script', 'style', 'noscript', 'template', 'nav', 'aside', 'footer', 'form', 'button', 'iframe', 'svg',
    'canvas', 'select', 'dialog', 'object', 'embed', 'audio', 'video', 'map', 'menu', 'input', 'textarea', 'img',
  ],
  dropOutsideContentTags: ['header'],
  dropRoles: ['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'menu', 'menubar', 'toolbar', 'dialog', 'alertdialog'],
  dropClassPattern:
    /cookie|consent|gdpr|rgpd|didomi|onetrust|tarteaucitron|(?:^|[\s_-])(?:cmp|breadcrumbs?|share|sharing|social|newsletter|related|sr-only|visually-hidden|screen-reader-text|skip-link|advert|ads|promo|paywall|comments?)(?:$|[\s_-])/iu,
  dropClassMaxShare: 0.5,
  paragraphTags: [
    'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'ul', 'ol', 'dl', 'table', 'figure', 'section',
    'article', 'main', 'header', 'address', 'hr', 'fieldset', 'details', 'hgroup',
  ],
  lineTags: ['div', 'li', 'tr', 'dt', 'dd', 'figcaption', 'caption', 'summary', 'br', 'legend'],
  decode: {},
};

export function createHtmlLoader(options: Partial<HtmlLoaderOptions> = {}): Loader {
  const opts: HtmlLoaderOptions = { ...DEFAULT_HTML_LOADER, ...options };
  return {
    name: 'html',
    extensions: ['.html', '.htm', '.xhtml'],
    mimeTypes: ['text/html', 'application/xhtml+xml'],
    sniff: sniffHtml,
    async load(bytes: Uint8Array, fileName: string): Promise<LoadedDocument> {
      const decoded = decodeText(bytes, fileName, { ...opts.decode, declaredEncoding: declaredHtmlCharset(bytes) });
      return { ...htmlToDocument(decoded.text, opts), encoding: decoded.encoding };
    },
  };
}

/** An HTML document whatever its extension: starts (after BOM/whitespace/comments) with a doctype or <html>. */
export function sniffHtml(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 512))
    .toString('latin1')
    .replace(/^\uFEFF|^\xEF\xBB\xBF/u, '')
    .trimStart()
    .toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html');
}

export function htmlToDocument(html: string, options: Partial<HtmlLoaderOptions> = {}): LoadedDocument {
  const opts: HtmlLoaderOptions = { ...DEFAULT_HTML_LOADER, ...options };
  const doc = parse(html);
  const body = findFirst(doc, (el) => el.tagName === 'body') ?? doc;
  const root = contentRoot(body);
  const totalChars = Math.max(1, textContent(body).length);
  const dropped = new Set<Element>();
  const isDropped = (el: Element, inContent: boolean) => shouldDrop(el, inContent, opts, totalChars, dropped);

  const text = extractText(root, opts, isDropped);
  const title = findTitle(doc, root, dropped);
  const date = findDate(doc, root);
  const out: LoadedDocument = { text, format: 'html' };
  if (title) out.title = title;
  if (date) out.date = date;
  return out;
}

/** Readability's cheapest trick: <main>, else a lone <article>, else the whole body. */
function contentRoot(body: Node): Node {
  const main = findFirst(body, (el) => el.tagName === 'main' || attr(el, 'role') === 'main');
  if (main) return main;
  const articles = findAll(body, (el) => el.tagName === 'article');
  return articles.length === 1 ? articles[0]! : body;
}

function shouldDrop(el: Element, inContent: boolean, o: HtmlLoaderOptions, totalChars: number, memo: Set<Element>): boolean {
  const tag = el.tagName;
  let drop =
    o.dropTags.includes(tag) ||
    (!inContent && o.dropOutsideContentTags.includes(tag)) ||
    el.attrs.some((a) => a.name === 'hidden') ||
    attr(el, 'aria-hidden') === 'true' ||
    /display\s*:\s*none|visibility\s*:\s*hidden/iu.test(attr(el, 'style') ?? '') ||
    o.dropRoles.includes(attr(el, 'role') ?? '');
  if (!drop && tag !== 'body' && tag !== 'main' && tag !== 'article' && tag !== 'html') {
    const names = `${attr(el, 'id') ?? ''} ${attr(el, 'class') ?? ''}`;
    drop = o.dropClassPattern.test(names) && textContent(el).length / totalChars < o.dropClassMaxShare;
  }
  if (drop) memo.add(el);
  return drop;
}

function extractText(root: Node, o: HtmlLoaderOptions, isDropped: (el: Element, inContent: boolean) => boolean): string {
  const out = new LineBuilder();
  const paragraph = new Set(o.paragraphTags);
  const line = new Set(o.lineTags);
  const walk = (node: Node, inContent: boolean, pre: boolean) => {
    if (node.nodeName === '#text') {
      const value = (node as { value: string }).value;
      if (pre) out.preformatted(value);
      else out.text(value);
      return;
    }
    if (!isElement(node)) {
      for (const c of childrenOf(node)) walk(c, inContent, pre);
      return;
    }
    if (isDropped(node, inContent)) return;
    const tag = node.tagName;
    const content = inContent || tag === 'article' || tag === 'main';
    const isPre = pre || tag === 'pre' || tag === 'textarea';
    if (tag === 'br') return out.newline();
    if (tag === 'td' || tag === 'th') out.cell();
    const block = paragraph.has(tag) ? 'p' : line.has(tag) ? 'l' : null;
    if (block === 'p') out.paragraph();
    else if (block === 'l') out.newline();
    for (const c of childrenOf(node)) walk(c, content, isPre);
    if (block === 'p') out.paragraph();
    else if (block === 'l') out.newline();
    else if (tag === 'td' || tag === 'th') out.text(' ');
  };
  walk(root, root.nodeName === 'main' || root.nodeName === 'article', false);
  return out.finish();
}

/** Builds text line by line with HTML's whitespace collapsing (NBSP is not whitespace there). */
class LineBuilder {
  private lines: string[] = [];
  private cur = '';

  text(s: string): void {
    let t = s.replace(/[ \t\n\r\f]+/gu, ' ');
    if (this.cur === '' || this.cur.endsWith(' ')) t = t.replace(/^ /u, '');
    this.cur += t;
  }

  preformatted(s: string): void {
    const parts = s.split(/\r\n|\r|\n/u);
    parts.forEach((p, i) => {
      if (i > 0) this.newline();
      this.cur += p;
    });
  }

  cell(): void {
    if (this.cur.trim() !== '') this.cur = this.cur.trimEnd() + ' | ';
  }

  newline(): void {
    const t = this.cur.trim();
    if (t !== '') this.lines.push(t);
    this.cur = '';
  }

  paragraph(): void {
    this.newline();
    if (this.lines.length > 0 && this.lines[this.lines.length - 1] !== '') this.lines.push('');
  }

  finish(): string {
    this.newline();
    return this.lines.join('\n').trim();
  }
}

function findTitle(doc: Node, root: Node, dropped: Set<Element>): string | undefined {
  const h1 = findFirst(root, (el) => el.tagName === 'h1', (el) => dropped.has(el));
  const h1Text = h1 ? textContent(h1) : '';
  if (h1Text) return h1Text;
  const og = metaContent(doc, (el) => attr(el, 'property') === 'og:title' || attr(el, 'name') === 'twitter:title');
  if (og) return og;
  const titleEl = findFirst(doc, (el) => el.tagName === 'title');
  const title = titleEl ? stripSiteSuffix(textContent(titleEl)) : '';
  if (title) return title;
  const anyH1 = findFirst(doc, (el) => el.tagName === 'h1');
  return anyH1 ? textContent(anyH1) || undefined : undefined;
}

/** "Les chefs d'INTERPOL … | INTERPOL" → "Les chefs d'INTERPOL …" (the short last part is the site). */
function stripSiteSuffix(title: string): string {
  const m = /^(.{10,}?)\s+[|–—-]\s+([^|–—-]{1,40})$/u.exec(title);
  return m ? m[1]!.trim() : title;
}

const DATE_META_PROPERTIES = ['article:published_time', 'og:article:published_time', 'datepublished'];
const DATE_META_NAMES = ['article:published_time', 'date', 'dc.date', 'dc.date.issued', 'dcterms.date', 'dcterms.issued', 'pubdate', 'publish-date', 'publication_date', 'sailthru.date', 'parsely-pub-date'];

function findDate(doc: Node, root: Node): string | undefined {
  const meta = metaContent(
    doc,
    (el) =>
      DATE_META_PROPERTIES.includes((attr(el, 'property') ?? '').toLowerCase()) ||
      DATE_META_NAMES.includes((attr(el, 'name') ?? '').toLowerCase()) ||
      (attr(el, 'itemprop') ?? '').toLowerCase() === 'datepublished',
  );
  const fromMeta = meta ? parseDate(meta) : null;
  if (fromMeta) return fromMeta;
  const published = findFirst(doc, (el) => (attr(el, 'itemprop') ?? '').toLowerCase() === 'datepublished');
  const candidates = [published, findFirst(root, (el) => el.tagName === 'time'), findFirst(doc, (el) => el.tagName === 'time')];
  for (const el of candidates) {
    if (!el) continue;
    const iso = parseDate(attr(el, 'datetime') ?? attr(el, 'content') ?? '') ?? parseDate(textContent(el));
    if (iso) return iso;
  }
  return undefined;
}

function metaContent(doc: Node, match: (el: Element) => boolean): string | undefined {
  const el = findFirst(doc, (e) => e.tagName === 'meta' && match(e));
  const v = el ? attr(el, 'content')?.trim() : undefined;
  return v || undefined;
}
