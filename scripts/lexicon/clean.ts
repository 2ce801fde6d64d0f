/**
 * Turns raw dictionary equivalents into lexicon keys and translations: no annotations, no
 * parentheses, lowercase, accents kept, multi-word phrases kept when short.
 */
import { keyWords, normalizeKey } from '../../text/lexicon/normalize.js';
import { isEncodable } from '../../text/lexicon/format.js';

export interface CleanOptions {
  /** Longer phrases are examples or definitions, not equivalents. */
  maxFrenchWords: number;
  maxEnglishWords: number;
}

export const DEFAULT_CLEAN: CleanOptions = { maxFrenchWords: 5, maxEnglishWords: 4 };

/** Placeholders that mark an English gloss as a usage pattern rather than an equivalent. */
const ENGLISH_PLACEHOLDERS = /\b(one's|oneself|someone|somebody|something|sth|sb|so\.)(\s|$)/;
/** A gloss that is a sentence ("We need something", "It is necessary that"). */
const ENGLISH_SENTENCE = /^(i|we|you|he|she|it|they|there|this|that|what|how|who)\s/;

function stripAnnotations(raw: string): string {
  let text = raw;
  // Nested parentheses are rare but exist; strip innermost first until none is left.
  for (let i = 0; i < 3; i++) text = text.replace(/\([^()]*\)|\[[^[\]]*\]|\{[^{}]*\}|<[^<>]*>/g, ' ');
  return text.replace(/[()[\]{}<>]/g, ' ').replace(/\.\.\.|…/g, ' ');
}

function acceptable(text: string, maxWords: number): boolean {
  if (!isEncodable(text) || text.length < 2) return false;
  if (/[0-9?!/=\\@#%&*+_"«»:]/.test(text)) return false;
  if (!/\p{L}/u.test(text)) return false;
  if (/^[-'.]|[-']$/.test(text)) return false;
  return keyWords(text).length <= maxWords;
}

/** A French translation, or undefined when the equivalent is not usable. */
export function cleanFrench(raw: string, options: CleanOptions = DEFAULT_CLEAN): string | undefined {
  const text = normalizeKey(stripAnnotations(raw)).replace(/\.$/, '').trim();
  return acceptable(text, options.maxFrenchWords) ? text : undefined;
}

/** An English key ("to sign" → "sign", "(kitchen) sink" → "sink"), or undefined. */
export function cleanEnglish(raw: string, options: CleanOptions = DEFAULT_CLEAN): string | undefined {
  let text = normalizeKey(stripAnnotations(raw)).replace(/\.$/, '').trim();
  if (ENGLISH_PLACEHOLDERS.test(text) || ENGLISH_SENTENCE.test(text)) return undefined;
  text = text.replace(/^(to|a|an|the)\s+/, '');
  return acceptable(text, options.maxEnglishWords) ? text : undefined;
}
