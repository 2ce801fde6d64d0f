/** Plain text: the only work is getting the encoding right (see ./decode.ts). */
import { decodeText, type DecodeOptions } from './decode.js';
import type { Loader, LoadedDocument } from './types.js';

export type TxtLoaderOptions = Partial<DecodeOptions>;
export const DEFAULT_TXT_LOADER: TxtLoaderOptions = {};

export function createTxtLoader(options: TxtLoaderOptions = {}): Loader {
  const opts = { ...DEFAULT_TXT_LOADER, ...options };
  return {
    name: 'txt',
    extensions: ['.txt', '.text'],
    mimeTypes: ['text/plain'],
    async load(bytes: Uint8Array, fileName: string): Promise<LoadedDocument> {
      const decoded = decodeText(bytes, fileName, opts);
      const doc: LoadedDocument = { text: decoded.text, format: 'txt', encoding: decoded.encoding };
      if (decoded.via === 'fallback') doc.warnings = [`encoding not recognised: decoded as ${decoded.encoding}`];
      return doc;
    },
  };
}
