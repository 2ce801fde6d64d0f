/**
 * Acronyms the corpus defines itself: "Organisation des Nations Unies (ONU)", "Bureau de lutte
 * contre le terrorisme (BLT)". A question may use either form while the answering passage uses
 * the other ("Nations Unies" ↔ "l'ONU"), so the query side adds the other form as an alternative.
 *
 * A definition is "long form (SHORT)" where the content words of a suffix of the words before the
 * parenthesis, read backwards, start with the short form's letters (function words may lend their
 * initial or be skipped; content words may not be skipped) — Schwartz & Hearst's idea restricted to
 * word initials, which keeps French "des", "de la", "contre" from producing false definitions.
 * Maintained per passage, so a refresh mines only new passages.
 */
import type { Passage } from '../../core/types.js';
import { analyzeFrenchTokens, foldAccents, ENGLISH_STOPWORDS, FRENCH_STOPWORDS, tokenize } from '../../text/index.js';

export interface AcronymDefinition {
  /** Folded lowercase short form ("onu"). */
  short: string;
  /** Index terms of the long form ("organis nation uni"). */
  long: string[];
}

const PAREN = /\(\s*([\p{Lu}][\p{Lu}\p{N}]{1,9})\s*\)/gu;
const MAX_WORDS = 14;

function isFunctionWord(folded: string): boolean {
  return FRENCH_STOPWORDS.has(folded) || ENGLISH_STOPWORDS.has(folded);
}

/** Definitions found in one text. */
export function findDefinitions(text: string): AcronymDefinition[] {
  const out: AcronymDefinition[] = [];
  for (const m of text.matchAll(PAREN)) {
    const short = m[1] ?? '';
    const letters = foldAccents(short.toLowerCase()).replace(/[^a-z]/g, '');
    if (letters.length < 2) continue;
    // The clause before the parenthesis: stop at sentence or clause punctuation.
    const before = text.slice(Math.max(0, m.index - 200), m.index);
    const clause = before.split(/[.;:!?()«»"\n,–—]/).pop() ?? '';
    const words = tokenize(clause)
      .filter((t) => !t.compound && t.kind !== 'number')
      .slice(-MAX_WORDS)
      .map((t) => ({ raw: t.raw, folded: foldAccents(t.norm) }));
    const start = matchInitials(letters, words.map((w) => w.folded));
    if (start < 0) continue;
    const longText = words.slice(start).map((w) => w.raw).join(' ');
    const long = analyzeFrenchTokens(longText).filter((t) => !t.compound).map((t) => t.term);
    if (long.length >= 2) out.push({ short: foldAccents(short.toLowerCase()), long });
  }
  return out;
}

/** Index of the first word of the long form, or -1: letters consumed right to left. */
function matchInitials(letters: string, words: readonly string[]): number {
  // best[i][j]: can words[i..] be matched by letters[j..]? Solved right to left, greedy is not enough.
  const memo = new Map<string, boolean>();
  const fits = (i: number, j: number): boolean => {
    // All letters used: the remaining words (to the parenthesis) must be function words only.
    if (j === letters.length) return words.slice(i).every(isFunctionWord);
    if (i >= words.length) return false;
    const key = `${i},${j}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const w = words[i] ?? '';
    let ok = w[0] === letters[j] && fits(i + 1, j + 1);
    if (!ok && isFunctionWord(w)) ok = fits(i + 1, j);
    memo.set(key, ok);
    return ok;
  };
  // The long form starts at a content word whose initial is the first letter; prefer the longest.
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    if (isFunctionWord(w) || w[0] !== letters[0]) continue;
    if (fits(i, 0)) return i;
  }
  return -1;
}

export class AcronymTable {
  private readonly byPassage = new Map<string, AcronymDefinition[]>();
  private table: Map<string, string[]> | null = null;
  private reverse: Map<string, string> | null = null;

  /** Mines new passages, forgets removed ones. */
  sync(passages: readonly Passage[]): void {
    const wanted = new Set(passages.map((p) => p.id));
    let changed = false;
    for (const id of [...this.byPassage.keys()]) {
      if (!wanted.has(id)) {
        this.byPassage.delete(id);
        changed = true;
      }
    }
    for (const p of passages) {
      if (this.byPassage.has(p.id)) continue;
      this.byPassage.set(p.id, findDefinitions(p.text));
      changed = true;
    }
    if (changed) {
      this.table = null;
      this.reverse = null;
    }
  }

  /** Long-form terms of a folded short form (the most frequent definition). */
  longForm(short: string): readonly string[] | undefined {
    return this.ensure().table.get(short);
  }

  /** Short form whose long form is exactly these terms. */
  shortForm(long: readonly string[]): string | undefined {
    return this.ensure().reverse.get(long.join(' '));
  }

  /** Every definition: short → long terms. */
  entries(): [string, readonly string[]][] {
    return [...this.ensure().table.entries()];
  }

  private ensure(): { table: Map<string, string[]>; reverse: Map<string, string> } {
    if (this.table && this.reverse) return { table: this.table, reverse: this.reverse };
    const counts = new Map<string, Map<string, number>>();
    for (const defs of this.byPassage.values()) {
      for (const d of defs) {
        const forms = counts.get(d.short) ?? new Map<string, number>();
        const key = d.long.join(' ');
        forms.set(key, (forms.get(key) ?? 0) + 1);
        counts.set(d.short, forms);
      }
    }
    const table = new Map<string, string[]>();
    const reverse = new Map<string, string>();
    for (const [short, forms] of [...counts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const [best] = [...forms.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      if (!best) continue;
      table.set(short, best[0].split(' '));
      if (!reverse.has(best[0])) reverse.set(best[0], short);
    }
    this.table = table;
    this.reverse = reverse;
    return { table, reverse };
  }
}
