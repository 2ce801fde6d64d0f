/**
 * Merges the three sources into one ranked list per English key. A translation's score is the sum
 * of what each source gives it, so agreement between sources ranks first; within a source, earlier
 * senses and earlier equivalents score a little higher.
 */
import type { LexiconRow, LexiconSource } from '../../text/lexicon/format.js';
import type { DictEntry } from './freedict.js';
import type { PivotTranslation } from './apertium.js';
import { cleanEnglish, cleanFrench } from './clean.js';

export interface MergeOptions {
  /** Translations kept per English key. */
  maxTranslations: number;
  /**
   * An English gloss found in more French headwords than this is too generic for the reversed
   * dictionary to say anything (e.g. "take", "put"): its reversed pairs are only kept if another
   * source agrees.
   */
  maxReverseFanout: number;
}

export const DEFAULT_MERGE: MergeOptions = { maxTranslations: 8, maxReverseFanout: 12 };

interface Candidate {
  score: number;
  sources: Set<LexiconSource>;
  /** Tie-break: order of first appearance. */
  order: number;
}

type Table = Map<string, Map<string, Candidate>>;

/** Per-source scores; agreement of two sources beats any single source. */
const SCORE = {
  engFra: (sense: number, position: number) => Math.max(0.6, 1 - 0.05 * sense - 0.02 * position),
  fraEng: (sense: number, position: number) => Math.max(0.5, 0.9 - 0.08 * sense - 0.02 * position),
  pivot: (t: PivotTranslation) => Math.max(0.3, 0.7 - 0.1 * t.enRank - 0.05 * t.esRank) + (t.roundTrip ? 0.15 : 0),
};

function add(table: Table, en: string, fr: string, source: LexiconSource, score: number, counter: { n: number }): void {
  let row = table.get(en);
  if (!row) table.set(en, (row = new Map()));
  const existing = row.get(fr);
  if (!existing) {
    row.set(fr, { score, sources: new Set([source]), order: counter.n++ });
  } else if (!existing.sources.has(source)) {
    existing.sources.add(source);
    existing.score += score;
  } else {
    // Same source twice (two senses give the same word): keep its best score only.
    existing.score = Math.max(existing.score, score);
  }
}

const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '');
const marks = (text: string): number => text.normalize('NFD').length - fold(text).length;

/**
 * FreeDict sometimes drops accents ("edition" beside "édition"): merge such variants into the
 * accented one, which is the spelling French passages use.
 */
function foldAccentVariants(row: Map<string, Candidate>): void {
  const byFold = new Map<string, string>();
  for (const fr of [...row.keys()]) {
    const key = fold(fr);
    const other = byFold.get(key);
    if (other === undefined) {
      byFold.set(key, fr);
      continue;
    }
    const [keep, drop] = marks(fr) > marks(other) ? [fr, other] : [other, fr];
    const a = row.get(keep)!;
    const b = row.get(drop)!;
    for (const source of b.sources) {
      if (!a.sources.has(source)) {
        a.sources.add(source);
        a.score += b.score;
      }
    }
    a.order = Math.min(a.order, b.order);
    row.delete(drop);
    byFold.set(key, keep);
  }
}

export interface MergeInput {
  engFra: DictEntry[];
  fraEng: DictEntry[];
  pivot: Map<string, PivotTranslation[]>;
}

export interface MergeStats {
  keys: number;
  /** Keys with at least one kept translation from each source. */
  keysBySource: Record<LexiconSource, number>;
  /** Keys that only the Apertium pivot provides (FreeDict has nothing for them). */
  keysOnlyApertium: number;
  pairsBySource: Record<LexiconSource, number>;
}

export function merge(input: MergeInput, options: Partial<MergeOptions> = {}): { rows: LexiconRow[]; stats: MergeStats } {
  const opts: MergeOptions = { ...DEFAULT_MERGE, ...options };
  const table: Table = new Map();
  const counter = { n: 0 };

  for (const entry of input.engFra) {
    const en = cleanEnglish(entry.headword);
    if (!en) continue;
    entry.senses.forEach((sense, s) =>
      sense.forEach((raw, p) => {
        const fr = cleanFrench(raw);
        if (fr) add(table, en, fr, 'freedict-eng-fra', SCORE.engFra(s, p), counter);
      }),
    );
  }

  // Reverse fra-eng: collect first so a gloss's fan-out (how many French words it glosses) is known.
  const reversed = new Map<string, { fr: string; score: number }[]>();
  for (const entry of input.fraEng) {
    const fr = cleanFrench(entry.headword);
    if (!fr) continue;
    entry.senses.forEach((sense, s) =>
      sense.forEach((raw, p) => {
        const en = cleanEnglish(raw);
        if (!en) return;
        const list = reversed.get(en) ?? [];
        if (!list.some((x) => x.fr === fr)) list.push({ fr, score: SCORE.fraEng(s, p) });
        reversed.set(en, list);
      }),
    );
  }
  for (const [en, list] of reversed) {
    const generic = list.length > opts.maxReverseFanout;
    for (const { fr, score } of list) {
      if (generic && !table.get(en)?.has(fr)) continue;
      add(table, en, fr, 'freedict-fra-eng', score, counter);
    }
  }

  for (const [en, list] of input.pivot) {
    for (const t of list) add(table, en, t.fr, 'apertium', SCORE.pivot(t), counter);
  }

  const rows: LexiconRow[] = [];
  const keysBySource: Record<LexiconSource, number> = { 'freedict-eng-fra': 0, 'freedict-fra-eng': 0, apertium: 0 };
  const pairsBySource: Record<LexiconSource, number> = { 'freedict-eng-fra': 0, 'freedict-fra-eng': 0, apertium: 0 };
  let keysOnlyApertium = 0;
  for (const [en, row] of table) {
    foldAccentVariants(row);
    const ranked = [...row.entries()]
      .sort((a, b) => b[1].score - a[1].score || a[1].order - b[1].order)
      .slice(0, opts.maxTranslations);
    const seen = new Set<LexiconSource>();
    for (const [, c] of ranked) {
      for (const s of c.sources) {
        seen.add(s);
        pairsBySource[s]++;
      }
    }
    for (const s of seen) keysBySource[s]++;
    if (seen.size === 1 && seen.has('apertium')) keysOnlyApertium++;
    rows.push({ en, translations: ranked.map(([fr, c]) => ({ fr, sources: [...c.sources].sort() })) });
  }
  rows.sort((a, b) => (a.en < b.en ? -1 : a.en > b.en ? 1 : 0));
  return { rows, stats: { keys: rows.length, keysBySource, keysOnlyApertium, pairsBySource } };
}
