/**
 * Core data types shared by every stage (ingest → index → answer → server).
 * Kept deliberately small: stages exchange these and nothing else.
 */

export type Lang = 'fr' | 'en';

/** A page of a paginated source (PDF): text[start, end) of the cleaned document. */
export interface PageSpan {
  page: number;
  start: number;
  end: number;
}

/** A document after loading, cleaning and metadata extraction. */
export interface SourceDocument {
  /** File name relative to the corpus folder, POSIX separators (e.g. "000_87e5c8281a3b5988.txt"). */
  source: string;
  title: string;
  /** Publication date as ISO 8601 (YYYY-MM-DD), or null when the document gives none. */
  date: string | null;
  /** Cleaned text. Passage offsets index into this string and citations quote it verbatim. */
  text: string;
  /** sha256 (hex) of the raw file bytes: drives incremental re-ingest and duplicate detection. */
  hash: string;
  /** Loader that produced it: txt, md, html, pdf, docx. */
  format: string;
  /** Page boundaries for paginated formats. */
  pages?: PageSpan[];
}

/** A retrievable unit: a span of a cleaned document. */
export interface Passage {
  /** Stable id (16 hex chars) derived from source, offsets and text: same content → same id. */
  id: string;
  source: string;
  title: string;
  date: string | null;
  /** Exactly document.text.slice(start, end). */
  text: string;
  start: number;
  end: number;
  /** 0-based position of the passage in its document (neighbours are ordinal ± 1). */
  ordinal: number;
  /** First page the passage lies on, for paginated sources. */
  page?: number;
  /** Paginated sources: the pages the passage covers, each with its part of the passage
   * (document offsets, clipped to [start, end)). Read through core/pages.ts. */
  pageSpans?: PageSpan[];
}

/** A retrieved passage with its fused score and its rank in each contributing ranking. */
export interface Hit {
  passage: Passage;
  score: number;
  ranks: Partial<Record<string, number>>;
}

/** Per-document entry of the index manifest / document listing. */
export interface DocumentRecord {
  source: string;
  title: string;
  date: string | null;
  hash: string;
  format: string;
  passages: number;
  chars: number;
  ingestedAt: string;
}
