/**
 * Markdown → plain text, line by line: markup syntax goes (#, emphasis, link URLs, list markers,
 * fences, tables' rules, reference definitions), the words stay on their lines so headings remain
 * heading lines for the chunker. Title: front-matter `title:`, else the first `# heading`
 * (ATX or setext). Date: front-matter `date:`. Inline HTML goes through parse5, not regexes.
 */
import { parseDate } from '../dates.js';
import { decodeText, type DecodeOptions } from './decode.js';
import { fragmentText } from './dom.js';
import type { Loader, LoadedDocument } from './types.js';

export interface MarkdownLoaderOptions {
  /** Keep the text inside ``` fences (code and quoted material are still words of the document). */
  keepCodeBlocks: boolean;
  /** Keep image alt text (it often is a caption). */
  keepImageAlt: boolean;
  decode: Partial<DecodeOptions>;
}

export const DEFAULT_MARKDOWN_LOADER: MarkdownLoaderOptions = {
  keepCodeBlocks: true,
  keepImageAlt: true,
  decode: {},
};

export function createMarkdownLoader(options: Partial<MarkdownLoaderOptions> = {}): Loader {
  const opts: MarkdownLoaderOptions = { ...DEFAULT_MARKDOWN_LOADER, ...options };
  return {
    name: 'md',
    extensions: ['.md', '.markdown', '.mdown', '.mkd'],
    mimeTypes: ['text/markdown', 'text/x-markdown'],
    async load(bytes: Uint8Array, fileName: string): Promise<LoadedDocument> {
      const decoded = decodeText(bytes, fileName, opts.decode);
      return { ...markdownToDocument(decoded.text, opts), encoding: decoded.encoding };
    },
  };
}

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/u;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/u;
const FENCE = /^ {0,3}(`{3,}|~{3,})/u;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/u;
const TABLE_RULE = /^ *\|? *:?-{3,}:? *(?:\| *:?-{3,}:? *)*\|? *$/u;
const REF_DEF = /^ {0,3}\[[^\]]+\]:\s*\S+/u;
const BLOCKQUOTE = /^ {0,3}> ?/u;
const LIST_ITEM = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?/u;

export function markdownToDocument(source: string, options: Partial<MarkdownLoaderOptions> = {}): LoadedDocument {
  const opts: MarkdownLoaderOptions = { ...DEFAULT_MARKDOWN_LOADER, ...options };
  let lines = source.split(/\r\n|\r|\n/u);
  const front = frontMatter(lines);
  lines = lines.slice(front.length);

  const out: string[] = [];
  let title: string | undefined = front.title;
  let fence: string | null = null;
  for (const raw of lines) {
    if (fence !== null) {
      if (raw.trim().startsWith(fence)) fence = null;
      else if (opts.keepCodeBlocks) out.push(raw);
      continue;
    }
    const f = FENCE.exec(raw);
    if (f) {
      fence = f[1]!;
      continue;
    }
    let line = raw;
    while (BLOCKQUOTE.test(line)) line = line.replace(BLOCKQUOTE, '');

    const setext = SETEXT.exec(line);
    const prev = out[out.length - 1];
    if (setext && prev !== undefined && prev.trim() !== '') {
      if (setext[1]!.startsWith('=') && title === undefined) title = prev.trim();
      continue; // the underline; the heading text is already out
    }
    if (RULE.test(line) || TABLE_RULE.test(line) || REF_DEF.test(line)) continue;

    const atx = ATX.exec(line);
    if (atx) {
      const text = inline(atx[2] ?? '', opts);
      if (atx[1] === '#' && title === undefined && text) title = text;
      out.push(text);
      continue;
    }
    line = line.replace(LIST_ITEM, '');
    if (/^\s*\|.*\|\s*$/u.test(line)) {
      line = line.trim().slice(1, -1).split(/(?<!\\)\|/u).map((c) => c.trim()).filter((c) => c !== '').join(' | ');
    }
    out.push(inline(line, opts));
  }
  const doc: LoadedDocument = { text: out.join('\n'), format: 'md' };
  if (title) doc.title = title;
  if (front.date) doc.date = front.date;
  return doc;
}

/** YAML-ish front matter between --- lines: only flat `title:` and `date:` are read. */
function frontMatter(lines: string[]): { length: number; title?: string; date?: string } {
  if (lines[0]?.trim() !== '---') return { length: 0 };
  const end = lines.findIndex((l, i) => i > 0 && (l.trim() === '---' || l.trim() === '...'));
  if (end === -1) return { length: 0 };
  const out: { length: number; title?: string; date?: string } = { length: end + 1 };
  for (const l of lines.slice(1, end)) {
    const m = /^(title|date|published|pubdate)\s*:\s*(.+?)\s*$/iu.exec(l);
    if (!m) continue;
    const value = m[2]!.replace(/^(["'])(.*)\1$/u, '$2');
    if (m[1]!.toLowerCase() === 'title') out.title = value;
    else out.date = parseDate(value) ?? out.date;
  }
  return out;
}

/** Inline markup → words. Code spans are set aside first (behind private-use marks, which parse5 keeps) so their content is not unescaped or un-emphasised. */
function inline(text: string, opts: MarkdownLoaderOptions): string {
  const code: string[] = [];
  let s = text.replace(/(`+)(.+?)\1/gu, (_m, _t: string, c: string) => {
    code.push(c.trim());
    return `\uE000${code.length - 1}\uE001`;
  });
  s = s
    .replace(/!\[([^\]]*)\]\((?:<[^>]*>|[^()\s]*(?:\([^()]*\)[^()\s]*)*)(?:\s+(?:"[^"]*"|'[^']*'))?\)/gu, (_m, alt: string) => (opts.keepImageAlt ? alt : ''))
    .replace(/\[([^\]]*)\]\((?:<[^>]*>|[^()\s]*(?:\([^()]*\)[^()\s]*)*)(?:\s+(?:"[^"]*"|'[^']*'))?\)/gu, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/gu, '$1')
    .replace(/<((?:https?|ftp|mailto):[^>\s]+|[^>\s@]+@[^>\s@]+)>/gu, '$1')
    .replace(/(\*\*|__)(?=\S)(.*?\S)\1/gu, '$2')
    .replace(/\*(?=\S)([^*]*?\S)\*/gu, '$1')
    .replace(/(?<![\p{L}\p{N}_])_(?=\S)([^_]*?\S)_(?![\p{L}\p{N}_])/gu, '$1')
    .replace(/~~(?=\S)(.*?\S)~~/gu, '$1');
  if (/<\/?[A-Za-z][^>]*>|&(?:#\d+|#x[\da-fA-F]+|[A-Za-z]+);/u.test(s)) s = fragmentText(s);
  s = s.replace(/\\([!-/:-@[-`{-~])/gu, '$1').replace(/(?: {2,}|\\)$/u, '');
  return s.replace(/\uE000(\d+)\uE001/gu, (_m, i: string) => code[Number(i)] ?? '');
}
