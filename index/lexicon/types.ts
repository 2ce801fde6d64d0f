/** English → French bilingual lexicon used to carry English questions over to French passages. */
export interface Lexicon {
  /**
   * French translations (lowercase, accents kept, may be multi-word) of an English lowercase word
   * or multi-word phrase, best first; undefined when unknown.
   */
  lookup(en: string): readonly string[] | undefined;
  /** English base form(s) of an inflected English word ("met" → ["meet"], "agencies" → ["agency"]). */
  lemmas(en: string): readonly string[];
  /** Longest English entry, in words: phrase matching tries spans up to this length. */
  readonly maxPhraseWords: number;
  readonly size: number;
  /** Changes whenever the data changes: part of the lexical embedder's fingerprint. */
  readonly version: string;
}
