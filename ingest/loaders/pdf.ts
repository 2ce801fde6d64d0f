/**
 * PDF through unpdf (PDF.js built for servers): text items page by page, re-flowed into
 * paragraphs (./pdf-layout.ts), pages joined by a blank line, with 1-based page spans so passages
 * can cite their page. A PDF without a text layer (a scan) is
 * refused with a message saying so; OCR is out of scope here.
 */
import { extractTextItems, getDocumentProxy, getMeta } from 'unpdf';
import type { PageSpan } from '../../core/types.js';
import { AppError } from '../../core/errors.js';
import { pageText, type PdfLayoutOptions } from './pdf-layout.js';
import type { Loader, LoadedDocument } from './types.js';

export interface PdfLoaderOptions {
  /** Info-dictionary titles that are tool leftovers, not titles. */
  ignoredTitles: RegExp;
  /** Fewer letters than this in the whole file means there is no usable text layer. */
  minLetters: number;
  layout: Partial<PdfLayoutOptions>;
}

export const DEFAULT_PDF_LOADER: PdfLoaderOptions = {
  ignoredTitles: /^(?:untitled|sans titre|document\s*\d*|microsoft word\b.*|.*\.(?:docx?|pdf|odt|rtf))$/iu,
  minLetters: 1,
  layout: {},
};

export function createPdfLoader(options: Partial<PdfLoaderOptions> = {}): Loader {
  const opts: PdfLoaderOptions = { ...DEFAULT_PDF_LOADER, ...options };
  return {
    name: 'pdf',
    extensions: ['.pdf'],
    mimeTypes: ['application/pdf'],
    sniff: sniffPdf,
    load: (bytes, fileName) => loadPdf(bytes, fileName, opts),
  };
}

/** "%PDF-" within the first KiB (some producers put junk before the header; readers accept it). */
export function sniffPdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).includes('%PDF-');
}

async function loadPdf(bytes: Uint8Array, fileName: string, opts: PdfLoaderOptions): Promise<LoadedDocument> {
  if (bytes.length === 0) throw unreadable(fileName, 'the file is empty');
  // PDF.js may take ownership of (detach) the buffer it is given: hand it a copy.
  const data = new Uint8Array(bytes);
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    pdf = await getDocumentProxy(data, { verbosity: 0 });
  } catch (cause) {
    throw openError(fileName, cause);
  }
  try {
    const { items } = await extractTextItems(pdf);
    const pageTexts = items.map((pageItems) => pageText(pageItems, opts.layout));
    const pages: PageSpan[] = [];
    const empty: number[] = [];
    let text = '';
    pageTexts.forEach((raw, i) => {
      const t = raw.replace(/[ \t]+\n/gu, '\n').trim();
      if (t === '') {
        empty.push(i + 1);
        return;
      }
      if (text !== '') text += '\n\n';
      pages.push({ page: i + 1, start: text.length, end: text.length + t.length });
      text += t;
    });
    if ((text.match(/\p{L}/gu)?.length ?? 0) < opts.minLetters) {
      throw unreadable(
        fileName,
        `the PDF has no text layer (${pageTexts.length} page(s) of images only, e.g. a scan); run OCR on it first (e.g. ocrmypdf)`,
      );
    }
    const doc: LoadedDocument = { text, format: 'pdf', pages };
    if (empty.length > 0) doc.warnings = [`page(s) ${empty.join(', ')} have no text layer and were skipped`];
    const title = await pdfTitle(pdf, opts);
    if (title) doc.title = title;
    return doc;
  } catch (cause) {
    if (cause instanceof AppError) throw cause;
    throw unreadable(fileName, `the PDF could not be read (${(cause as Error).message})`, cause);
  } finally {
    await pdf.destroy();
  }
}

async function pdfTitle(pdf: Awaited<ReturnType<typeof getDocumentProxy>>, opts: PdfLoaderOptions): Promise<string | undefined> {
  try {
    const { info } = await getMeta(pdf);
    const title: unknown = info['Title'];
    if (typeof title !== 'string') return undefined;
    const t = title.replace(/\s+/gu, ' ').trim();
    return t && !opts.ignoredTitles.test(t) ? t : undefined;
  } catch {
    return undefined; // metadata is optional; the text is what matters
  }
}

function openError(fileName: string, cause: unknown): AppError {
  const name = (cause as { name?: string } | null)?.name ?? '';
  const message = (cause as { message?: string } | null)?.message ?? String(cause);
  if (name === 'PasswordException' || /password/iu.test(message)) {
    return unreadable(fileName, 'the PDF is encrypted (password-protected); save an unprotected copy', cause);
  }
  if (name === 'InvalidPDFException' || /invalid pdf|no pdf header/iu.test(message)) {
    return unreadable(fileName, `the PDF is damaged or not a PDF (${message})`, cause);
  }
  return unreadable(fileName, `the PDF could not be opened (${message})`, cause);
}

function unreadable(fileName: string, why: string, cause?: unknown): AppError {
  return new AppError('DOCUMENT_UNREADABLE', `Cannot read "${fileName}": ${why}.`, { details: { file: fileName }, cause });
}
