/**
 * One interface for every file format: the registry (./index.ts) picks a loader by extension and
 * content sniffing, the pipeline only ever sees a `LoadedDocument`.
 */
import type { PageSpan } from '../../core/types.js';

export interface LoadedDocument {
  /** Extracted text, not cleaned yet (cleaning is format-independent, see ../clean.ts). */
  text: string;
  /** Title stated by the format itself (<h1>/<title>, `# heading`, DOCX heading / core properties, PDF info). */
  title?: string;
  /** Publication date stated by the format itself (ISO 8601 YYYY-MM-DD). */
  date?: string;
  /** Loader name: txt, md, html, pdf, docx. */
  format: string;
  /** Page boundaries over `text` (paginated formats). */
  pages?: PageSpan[];
  /** Character encoding the bytes were decoded from (text formats). */
  encoding?: string;
  /** Non-fatal problems the caller may log (e.g. mammoth conversion messages, encoding guessed). */
  warnings?: string[];
}

export interface Loader {
  /** Short format name, also stored as SourceDocument.format. */
  readonly name: string;
  /** Lower-case extensions with the dot, e.g. ".htm". */
  readonly extensions: readonly string[];
  readonly mimeTypes: readonly string[];
  /**
   * True when the bytes are recognisably this format whatever the file is called (magic numbers).
   * Only formats with a reliable signature implement it.
   */
  sniff?(bytes: Uint8Array): boolean;
  /** Throws AppError DOCUMENT_UNREADABLE when the bytes cannot yield text. */
  load(bytes: Uint8Array, fileName: string): Promise<LoadedDocument>;
}
