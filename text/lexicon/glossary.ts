/**
 * The hand-written domain glossary (text/lexicon/glossary.tsv): organisation names, acronyms and
 * fixed phrases that general dictionaries miss or translate word by word.
 *
 * Format, one entry a line, `#` starts a comment line, blank lines ignored:
 *   english form|other english form<TAB>french translation|other translation
 * English forms are aliases of one entry (e.g. "un|united nations"); French translations are best
 * first. Both sides are normalised like every lexicon key (lowercase, accents kept).
 */
import { AppError } from '../../core/errors.js';
import { normalizeKey } from './normalize.js';

export interface GlossaryEntry {
  english: string[];
  french: string[];
  line: number;
}

/** Parses glossary text; a malformed line is an error naming the line, never skipped silently. */
export function parseGlossary(text: string, source = 'glossary.tsv'): GlossaryEntry[] {
  const entries: GlossaryEntry[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line.length === 0 || line.startsWith('#')) return;
    const cols = raw.split('\t');
    const split = (col: string | undefined) =>
      (col ?? '')
        .split('|')
        .map(normalizeKey)
        .filter((s) => s.length > 0);
    const english = split(cols[0]);
    const french = split(cols[1]);
    if (cols.length !== 2 || english.length === 0 || french.length === 0) {
      throw new AppError('INTERNAL', `${source}:${i + 1}: expected "english|…<TAB>french|…", got "${raw}"`, {
        details: { source, line: i + 1 },
      });
    }
    entries.push({ english, french, line: i + 1 });
  });
  return entries;
}
