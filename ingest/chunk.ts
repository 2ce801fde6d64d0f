/**
 * Passages from whole sentences. Each passage is an exact slice of the cleaned text (citations
 * quote it verbatim), headings travel with the text that follows them, and consecutive passages
 * share `overlapSentences` sentences so a fact stated across a sentence boundary is whole in at
 * least one passage.
 *
 * Defaults (target 500 / max 900 chars, overlap 1 sentence), for retrieval over news:
 *   - 500 chars is 2–4 sentences of French news prose: one fact or one quote per passage, so a
 *     citation points at the sentence that answers, and BM25 is not biased towards long passages;
 *   - 900 chars is ~250 tokens for the multilingual-e5-small tokenizer on French (≈3.5 chars per
 *     token), comfortably inside its 512-token window with the "passage: " prefix and the heading,
 *     so nothing is silently truncated at embedding time;
 *   - 1 sentence of overlap keeps the antecedent of "il"/"ce dernier"/"l'accord" that the next
 *     sentence refers to, at ~20–30 % extra passages instead of the 50 % a half-window overlap costs;
 *   - a passage closes once it reaches the target, or just before it when the next sentence would
 *     overshoot the target by more than the passage falls short of it (news sentences run 150–400
 *     chars, so "first to pass 500" alone would average ~650);
 *   - a passage is closed early at a section heading once it is half the target, so sections are
 *     not glued to the end of the previous one.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../core/errors.js';
import { pageSpansWithin } from '../core/pages.js';
import type { Passage, SourceDocument } from '../core/types.js';
import type { ChunkingInfo } from '../index/index.js';
import { splitSentences, type SentenceOptions, type SentenceSpan } from '../text/index.js';

export interface ChunkOptions {
  targetChars: number;
  maxChars: number;
  overlapSentences: number;
  /** Before a heading, close the passage once it has at least this many chars. */
  headingBreakChars: number;
  /** Bumped whenever the algorithm changes the passages it produces (the index manifest records it). */
  version: number;
  sentences: Partial<SentenceOptions>;
}

export const DEFAULT_CHUNKING: ChunkOptions = {
  targetChars: 500,
  maxChars: 900,
  overlapSentences: 1,
  headingBreakChars: 250,
  version: 1,
  sentences: {},
};

/** The parameters the index manifest records; any change means "rebuild". */
export function chunkingInfo(options: Partial<ChunkOptions> = {}): ChunkingInfo {
  const o = resolve(options);
  return { targetChars: o.targetChars, maxChars: o.maxChars, overlapSentences: o.overlapSentences, version: o.version };
}

export const CHUNKING_INFO: ChunkingInfo = chunkingInfo();

/** Stable id: same source, offsets and text → same id; any change in the text → a new id. */
export function passageId(source: string, start: number, end: number, text: string): string {
  return createHash('sha256').update(`${source}\n${start}\n${end}\n${text}`).digest('hex').slice(0, 16);
}

export function chunkDocument(doc: SourceDocument, options: Partial<ChunkOptions> = {}): Passage[] {
  const opts = resolve(options);
  const units = splitOversized(splitSentences(doc.text, opts.sentences), doc.text, opts.maxChars);
  const spans = pack(units, opts);
  return spans.map(([start, end], ordinal) => {
    const text = doc.text.slice(start, end);
    const passage: Passage = {
      id: passageId(doc.source, start, end, text),
      source: doc.source,
      title: doc.title,
      date: doc.date,
      text,
      start,
      end,
      ordinal,
    };
    const page = doc.pages ? pageAt(doc.pages, start) : undefined;
    if (page !== undefined) passage.page = page;
    if (doc.pages?.length) passage.pageSpans = pageSpansWithin(doc.pages, start, end);
    return passage;
  });
}

function resolve(options: Partial<ChunkOptions>): ChunkOptions {
  const o: ChunkOptions = { ...DEFAULT_CHUNKING, ...options };
  const ok = (n: number) => Number.isInteger(n) && n >= 0;
  if (!ok(o.targetChars) || !ok(o.maxChars) || !ok(o.overlapSentences) || o.targetChars < 1 || o.maxChars < o.targetChars) {
    throw new AppError(
      'INVALID_PARAMETER',
      `Invalid chunking: targetChars=${o.targetChars}, maxChars=${o.maxChars}, overlapSentences=${o.overlapSentences} ` +
        '(need integers, 1 <= targetChars <= maxChars, overlap >= 0).',
    );
  }
  return o;
}

/** Greedy packing of sentences into [start, end) spans; see the module comment for the rules. */
function pack(s: SentenceSpan[], o: ChunkOptions): [number, number][] {
  const out: [number, number][] = [];
  const hasBody = (a: number, b: number) => {
    for (let x = a; x < b; x++) if (!s[x]!.heading) return true;
    return false;
  };
  let i = 0;
  // Sentences from here on are not in the previous passage: a passage must hold at least one of
  // them, or it would only repeat the previous passage's overlap.
  let firstNew = 0;
  while (i < s.length) {
    // Shrink the overlap when it and the first new sentence would not fit together.
    while (i < firstNew && s[firstNew]!.end - s[i]!.start > o.maxChars) i++;
    const from = s[i]!.start;
    let k = i + 1;
    while (k < s.length) {
      if (k > firstNew && hasBody(i, k)) {
        const size = s[k - 1]!.end - from;
        const grown = s[k]!.end - from;
        if (size >= o.targetChars || grown > o.maxChars) break;
        if (s[k]!.heading && size >= o.headingBreakChars) break;
        // Stop short of the target when taking the next sentence would land further from it.
        if (grown > o.targetChars && grown - o.targetChars > o.targetChars - size) break;
      }
      k++;
    }
    // Headings belong to what follows them: never end a passage on one.
    while (k - 1 > Math.max(i, firstNew) && s[k - 1]!.heading && hasBody(i, k - 1)) k--;

    out.push([from, s[k - 1]!.end]);
    if (k >= s.length) break;
    if (!hasBody(k, s.length)) {
      // Only heading-like lines are left (a closing line, a signature): they end the last passage
      // when it has room, else they go with its last sentence; never a passage of their own.
      const last = out[out.length - 1]!;
      const tailEnd = s[s.length - 1]!.end;
      if (tailEnd - last[0] <= o.maxChars || k - 1 <= i) last[1] = tailEnd;
      else out.push([s[k - 1]!.start, tailEnd]);
      break;
    }
    let next = k - o.overlapSentences;
    if (next <= i || s[k]!.heading) next = k; // progress, and no overlap into a new section
    firstNew = k;
    i = next;
  }
  return out;
}

/** Sentences longer than maxChars (tables, lists without punctuation) are cut at whitespace. */
function splitOversized(sentences: SentenceSpan[], text: string, maxChars: number): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  for (const s of sentences) {
    let start = s.start;
    while (s.end - start > maxChars) {
      let cut = text.lastIndexOf(' ', start + maxChars);
      if (cut <= start) cut = start + maxChars;
      let end = cut;
      while (end > start && /\s/u.test(text[end - 1]!)) end--;
      out.push({ start, end, heading: false });
      start = cut;
      while (start < s.end && /\s/u.test(text[start]!)) start++;
    }
    if (start < s.end) out.push({ start, end: s.end, heading: s.heading && start === s.start });
  }
  return out;
}

function pageAt(pages: NonNullable<SourceDocument['pages']>, offset: number): number | undefined {
  let best: number | undefined;
  for (const p of pages) {
    if (p.start <= offset) best = p.page;
    if (offset >= p.start && offset < p.end) return p.page;
  }
  return best ?? pages[0]?.page;
}
