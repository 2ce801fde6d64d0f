/**
 * Public entry point of text analysis, shared by the lexical embedder and BM25 so both index and
 * match the very same terms:
 * - `analyzeFrench` / `analyzeFrenchTokens` for documents and French questions;
 * - `analyzeQuery` for questions in either language (English through the lexicon);
 * - `detectLanguage` for short questions; `Vocabulary` for cognates and query-side IDF.
 */
export { ANALYZER_VERSION, DEFAULT_ANALYZE, analyzeFrench, analyzeFrenchTokens } from './french.js';
export type { AnalyzeOptions, AnalyzedToken } from './french.js';
export { DEFAULT_QUERY_ANALYSIS, analyzeQuery } from './query.js';
export type { QueryAnalysis, QueryAnalysisOptions, QueryGroup, QueryTerm, QueryTermOrigin } from './query.js';
export { DEFAULT_LANG_DETECT, detectLanguage, languageScores } from './lang.js';
export type { LangDetectOptions, LangScores } from './lang.js';
export { DEFAULT_VOCABULARY, Vocabulary, charGrams } from './vocabulary.js';
export type { SimilarWord, VocabularyData, VocabularyEntry, VocabularyOptions } from './vocabulary.js';
export { foldAccents, foldText, lowerText, normalizeText } from './normalize.js';
export { DEFAULT_TOKENIZE, FRENCH_ELISIONS, tokenize } from './tokenize.js';
export type { Token, TokenKind, TokenizeOptions } from './tokenize.js';
export { ENGLISH_STOPWORDS, FRENCH_STOPWORDS, isStopword } from './stopwords.js';
export { STEMMER_ID, stem, stemEnglish, stemFrench } from './stem.js';
