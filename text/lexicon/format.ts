/**
 * The committed data files, written by scripts/lexicon/build.ts and read by the loader. Plain,
 * sorted TSV so a rebuild shows as a readable diff.
 *
 * lexicon.tsv  `english<TAB>fr1|fr2|…<TAB>src1|src2|…` — translations best first; each src is the set
 *              of sources that gave that translation (letters of SOURCE_LETTERS).
 * lemmas.tsv   `surface<TAB>lemma1|lemma2|…` — only forms the inflection rules get wrong; an empty
 *              lemma list means "no base form" (e.g. "news" is not the plural of "new").
 * VERSION      one line, the data version (content hash of the two files above).
 */

export const LEXICON_FILE = 'lexicon.tsv';
export const LEMMAS_FILE = 'lemmas.tsv';
export const VERSION_FILE = 'VERSION';
export const FORMAT_VERSION = 1;
export const FORMAT_HEADER = `# format ${FORMAT_VERSION}`;

export type LexiconSource = 'freedict-eng-fra' | 'freedict-fra-eng' | 'apertium';

export const SOURCE_LETTERS: Record<LexiconSource, string> = {
  'freedict-eng-fra': 'e',
  'freedict-fra-eng': 'f',
  apertium: 'a',
};

export interface LexiconRow {
  en: string;
  translations: { fr: string; sources: LexiconSource[] }[];
}

export function encodeSources(sources: readonly LexiconSource[]): string {
  return sources.map((s) => SOURCE_LETTERS[s]).sort().join('');
}

/** Field separators may not occur inside a value; the build drops such values before writing. */
export function isEncodable(value: string): boolean {
  return value.length > 0 && !/[\t|\n\r]/.test(value);
}

export function encodeLexiconRow(row: LexiconRow): string {
  return `${row.en}\t${row.translations.map((t) => t.fr).join('|')}\t${row.translations
    .map((t) => encodeSources(t.sources))
    .join('|')}`;
}

export function encodeLemmaRow(surface: string, lemmas: readonly string[]): string {
  return `${surface}\t${lemmas.join('|')}`;
}
