/**
 * The text layer's one public face, shared by ingest, index, answer, eval and bench (they import
 * from here, never from a file inside text/):
 * - characters and words: `normalizeText`, `foldText`, `tokenize`, stop words, Snowball stems;
 * - French analysis (`analyzeFrenchTokens`): the index terms documents and questions share;
 * - questions in either language (`analyzeQuery`: English through the bilingual lexicon);
 * - `detectLanguage`, `splitSentences`, number words, French inflection checks;
 * - the English → French lexicon (`loadLexicon`) and the corpus `Vocabulary` (cognates, IDF).
 */
export { ANALYZER_VERSION, DEFAULT_ANALYZE, analyzeFrench, analyzeFrenchTokens } from './french.js';
export type { AnalyzeOptions, AnalyzedToken } from './french.js';
export { DEFAULT_QUERY_ANALYSIS, analyzeQuery } from './query.js';
export type { QueryAnalysis, QueryAnalysisOptions, QueryGroup, QueryTerm, QueryTermOrigin } from './query.js';
export { DEFAULT_LANG_DETECT, detectLanguage, languageScores } from './lang.js';
export type { LangDetectOptions, LangScores } from './lang.js';
export { DEFAULT_VOCABULARY, Vocabulary, charGrams } from './vocabulary.js';
export type { SimilarWord, VocabularyData, VocabularyEntry, VocabularyOptions } from './vocabulary.js';
export { APOSTROPHE_CHARS, HYPHEN_CHARS, foldAccents, foldText, lowerText, normalizeText } from './normalize.js';
export { DEFAULT_TOKENIZE, FRENCH_ELISIONS, tokenize } from './tokenize.js';
export type { Token, TokenKind, TokenizeOptions } from './tokenize.js';
export { ENGLISH_STOPWORDS, FRENCH_STOPWORDS, isStopword } from './stopwords.js';
export { STEMMER_ID, stem, stemEnglish, stemFrench } from './stem.js';
export { DEFAULT_SENTENCES, isHeadingLike, splitSentences } from './sentences.js';
export type { SentenceOptions, SentenceSpan } from './sentences.js';
export { numberWordValue } from './number-words.js';
export { sameFrenchWord } from './french-inflection.js';
export { ALL_LEXICON_SOURCES, DEFAULT_LEXICON_OPTIONS, loadLexicon, translateWord } from './lexicon/lexicon.js';
export type { LexiconOptions, LexiconSource } from './lexicon/lexicon.js';
export type { Lexicon } from './lexicon/types.js';
export { LEXICON_FILE, LEMMAS_FILE } from './lexicon/format.js';
export { APERTIUM_INSTALL_HINT, APERTIUM_PACKAGES, DEFAULT_TRANSLATOR_OPTIONS, apertiumAvailability, openTranslator } from './translate.js';
export type { Availability, TranslationDirection, Translator, TranslatorOptions } from './translate.js';
