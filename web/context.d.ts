// Types for tests importing context.js from TypeScript (web/ is plain JS, not compiled).
export interface Brief {
  id: string;
  text: string;
  start: number;
  end: number;
  ordinal: number;
}
export interface SourceView {
  id: string;
  source: string;
  title: string;
  date: string | null;
  text: string;
  start: number;
  end: number;
  ordinal: number;
  page?: number;
  pages?: number[];
  previous: Brief | null;
  next: Brief | null;
  document: { source: string; title: string; date: string | null; format: string; passages: number } | null;
}
export function contextParts(s: Pick<SourceView, 'text' | 'start' | 'end' | 'previous' | 'next'>): {
  before: string;
  gapBefore: boolean;
  after: string;
  gapAfter: boolean;
};
export function splitQuotes(text: string, quotes: string[]): { text: string; quoted: boolean }[];
