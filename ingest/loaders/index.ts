/**
 * Loader registry: the extension proposes, the content decides. A loader whose signature is
 * recognised in the bytes (PDF header, DOCX zip, HTML doctype) wins over a misleading extension
 * (a PDF saved as .txt, an HTML error page saved as .pdf); otherwise the extension's loader runs
 * and reports what is wrong with the file. No extension match and no signature → unsupported.
 */
import path from 'node:path';
import { AppError } from '../../core/errors.js';
import { createDocxLoader } from './docx.js';
import { createHtmlLoader } from './html.js';
import { createMarkdownLoader } from './markdown.js';
import { createPdfLoader } from './pdf.js';
import { createTxtLoader } from './txt.js';
import type { Loader } from './types.js';

export type { Loader, LoadedDocument } from './types.js';

export interface LoaderRegistryOptions {
  /** Sniffing order matters: binary signatures first, then markup. */
  loaders: readonly Loader[];
}

export const DEFAULT_LOADER_REGISTRY: LoaderRegistryOptions = {
  loaders: [createPdfLoader(), createDocxLoader(), createHtmlLoader(), createMarkdownLoader(), createTxtLoader()],
};

export function loaderFor(fileName: string, bytes: Uint8Array, options: Partial<LoaderRegistryOptions> = {}): Loader {
  const { loaders } = { ...DEFAULT_LOADER_REGISTRY, ...options };
  const byExt = loaderForExtension(fileName, options);
  if (byExt?.sniff?.(bytes)) return byExt;
  const sniffed = loaders.find((l) => l !== byExt && l.sniff?.(bytes));
  if (sniffed) return sniffed;
  if (byExt) return byExt;
  const ext = path.extname(fileName).toLowerCase() || '(none)';
  throw new AppError('DOCUMENT_UNSUPPORTED', `Unsupported file type for "${fileName}" (extension ${ext}).`, {
    details: { file: fileName, extension: ext, supported: supportedExtensions(options) },
  });
}

export function loaderForExtension(fileName: string, options: Partial<LoaderRegistryOptions> = {}): Loader | undefined {
  const { loaders } = { ...DEFAULT_LOADER_REGISTRY, ...options };
  const ext = path.extname(fileName).toLowerCase();
  return ext ? loaders.find((l) => l.extensions.includes(ext)) : undefined;
}

export function loaderForMimeType(mimeType: string, options: Partial<LoaderRegistryOptions> = {}): Loader | undefined {
  const { loaders } = { ...DEFAULT_LOADER_REGISTRY, ...options };
  const mime = mimeType.split(';')[0]!.trim().toLowerCase();
  return loaders.find((l) => l.mimeTypes.includes(mime));
}

export function supportedExtensions(options: Partial<LoaderRegistryOptions> = {}): string[] {
  const { loaders } = { ...DEFAULT_LOADER_REGISTRY, ...options };
  return loaders.flatMap((l) => [...l.extensions]);
}
