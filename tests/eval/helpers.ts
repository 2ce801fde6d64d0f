/**
 * A small but real Retriever for eval tests: scores passages by the share of query words they
 * contain (accent- and case-insensitive). It implements the interface the eval consumes; the
 * real retrievers are tested in tests/index.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Lang, Passage } from '../../core/types.js';
import type { Retriever, SearchOptions, SearchResult } from '../../index/retrieve/types.js';

export const CORPUS_DIR = path.resolve(import.meta.dirname, '../../corpus');
export const EVAL_DIR = path.resolve(import.meta.dirname, '../../eval');

export function makePassage(source: string, text: string, ordinal: number, start = 0): Passage {
  const id = createHash('sha256').update(`${source}\0${start}\0${text}`).digest('hex').slice(0, 16);
  return { id, source, title: source, date: null, text, start, end: start + text.length, ordinal };
}

/** The real corpus cut into one passage per non-empty line (paragraph). */
export function corpusPassages(dir: string = CORPUS_DIR): Passage[] {
  const out: Passage[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const text = readFileSync(path.join(dir, file), 'utf8');
    let offset = 0;
    let ordinal = 0;
    for (const line of text.split('\n')) {
      if (line.trim() !== '') out.push(makePassage(file, line, ordinal++, offset));
      offset += line.length + 1;
    }
  }
  return out;
}

const FRENCH_HINTS = /[àâçéèêëîïôûùœ]|\b(le|la|les|des|du|quel|quelle|quels|quelles|combien|qui|est|sont|avec|dans|pour)\b/i;

function words(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 3);
}

export interface WordOverlapOptions {
  /** Minimum best score for `answerable: true`. */
  threshold: number;
}

export class WordOverlapRetriever implements Retriever {
  readonly calls: { query: string; options: SearchOptions }[] = [];
  closed = false;
  private readonly index: { passage: Passage; words: Set<string> }[];

  constructor(
    passages: readonly Passage[],
    private readonly options: WordOverlapOptions = { threshold: 0.5 },
  ) {
    this.index = passages.map((p) => ({ passage: p, words: new Set(words(p.text)) }));
  }

  async search(query: string, options: SearchOptions): Promise<SearchResult> {
    this.calls.push({ query, options });
    const q = [...new Set(words(query))];
    const scored = this.index
      .map(({ passage, words: w }) => ({ passage, score: q.length ? q.filter((x) => w.has(x)).length / q.length : 0 }))
      .filter((h) => h.score > 0)
      .sort((a, b) => b.score - a.score || a.passage.source.localeCompare(b.passage.source) || a.passage.ordinal - b.passage.ordinal)
      .slice(0, options.k);
    const lang: Lang = options.lang ?? (FRENCH_HINTS.test(query) ? 'fr' : 'en');
    return {
      answerable: (scored[0]?.score ?? 0) >= this.options.threshold,
      lang,
      hits: scored.map((h, i) => ({ passage: h.passage, score: h.score, ranks: { overlap: i + 1 } })),
      diagnostics: { topScore: scored[0]?.score ?? 0 },
    };
  }

  async listPassages(): Promise<Passage[]> {
    return this.index.map((x) => x.passage);
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

/** Returns fixed rankings per query: for exact metric checks through evaluate(). */
export class ScriptedRetriever implements Retriever {
  constructor(private readonly script: Record<string, { answerable: boolean; lang?: Lang; passages: Passage[] }>) {}

  async search(query: string, options: SearchOptions): Promise<SearchResult> {
    const entry = this.script[query];
    if (!entry) throw new Error(`no scripted answer for "${query}"`);
    return {
      answerable: entry.answerable,
      lang: entry.lang ?? 'fr',
      hits: entry.passages.slice(0, options.k).map((p, i) => ({ passage: p, score: 1 - i / 100, ranks: { scripted: i + 1 } })),
    };
  }
}
