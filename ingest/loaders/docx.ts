/**
 * DOCX through mammoth: raw text (one paragraph a line, blank line between paragraphs) for the
 * body; the title is the first Title / Heading 1 paragraph, else the core-properties title, else
 * the first heading of any level.
 */
import mammoth from 'mammoth';
import { parse } from 'parse5';
import { AppError } from '../../core/errors.js';
import { findFirst, textContent } from './dom.js';
import type { Loader, LoadedDocument } from './types.js';
import { isZip, readZipEntry, zipEntries } from './zip.js';

export interface DocxLoaderOptions {
  /** Extra mammoth style-map lines; Word's "Title" style counts as a level-1 heading. */
  styleMap: readonly string[];
  /** Core-properties titles that are template leftovers, not titles. */
  ignoredTitles: RegExp;
}

export const DEFAULT_DOCX_LOADER: DocxLoaderOptions = {
  styleMap: ["p[style-name='Title'] => h1:fresh", 'p.Title => h1:fresh', "p[style-name='Titre'] => h1:fresh"],
  ignoredTitles: /^(?:document\s*\d*|untitled|sans titre|titre|title|microsoft word\b.*)$/iu,
};

export function createDocxLoader(options: Partial<DocxLoaderOptions> = {}): Loader {
  const opts: DocxLoaderOptions = { ...DEFAULT_DOCX_LOADER, ...options };
  return {
    name: 'docx',
    extensions: ['.docx'],
    mimeTypes: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    sniff: sniffDocx,
    async load(bytes: Uint8Array, fileName: string): Promise<LoadedDocument> {
      if (!isZip(bytes) || !zipEntries(bytes)?.some((e) => e.name === 'word/document.xml')) {
        throw unreadable(fileName, 'it is not a Word document (no word/document.xml in a ZIP container)');
      }
      const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      let raw: { value: string; messages: { type: string; message: string }[] };
      let html: { value: string };
      try {
        raw = await mammoth.extractRawText({ buffer });
        html = await mammoth.convertToHtml({ buffer }, { styleMap: [...opts.styleMap] });
      } catch (cause) {
        throw unreadable(fileName, `the Word document is damaged (${(cause as Error).message})`, cause);
      }
      const text = raw.value.replace(/\n{3,}/gu, '\n\n').trim();
      if (text === '') throw unreadable(fileName, 'the Word document contains no text');
      const doc: LoadedDocument = { text, format: 'docx', warnings: raw.messages.map((m) => `${m.type}: ${m.message}`) };
      const title = docxTitle(bytes, html.value, opts);
      if (title) doc.title = title;
      return doc;
    },
  };
}

export function sniffDocx(bytes: Uint8Array): boolean {
  return isZip(bytes) && (zipEntries(bytes)?.some((e) => e.name === 'word/document.xml') ?? false);
}

function docxTitle(bytes: Uint8Array, html: string, opts: DocxLoaderOptions): string | undefined {
  const tree = parse(html);
  const h1 = findFirst(tree, (el) => el.tagName === 'h1');
  if (h1 && textContent(h1)) return textContent(h1);
  const core = readZipEntry(bytes, 'docProps/core.xml');
  if (core) {
    // parse5 is an HTML parser, but core.xml is flat; namespaced tags come through as "dc:title".
    const el = findFirst(parse(core.toString('utf8')), (e) => e.tagName === 'dc:title');
    const t = el ? textContent(el) : '';
    if (t && !opts.ignoredTitles.test(t)) return t;
  }
  const anyHeading = findFirst(tree, (el) => /^h[2-6]$/u.test(el.tagName));
  return anyHeading ? textContent(anyHeading) || undefined : undefined;
}

function unreadable(fileName: string, why: string, cause?: unknown): AppError {
  return new AppError('DOCUMENT_UNREADABLE', `Cannot read "${fileName}": ${why}.`, { details: { file: fileName }, cause });
}
