/**
 * The cost of a question is capped before any analysis or caching (issue 16): a 4,000-character
 * question of lexicon words cost 0.3–0.6 s of CPU (23 ms normally), and unique 3,999-character
 * tokens filled the word caches. limitQuery keeps the question's first words — at most
 * `maxWords`, of which at most `maxDistinctWords` distinct — and drops tokens longer than any word
 * (`maxTokenChars`). The longest shipped question has 24 words; these limits leave ordinary
 * questions untouched. A plain scan over whitespace: no normalisation, no cache.
 */

export interface QueryLimits {
  /** Words (whitespace-separated) kept, from the start. */
  maxWords: number;
  /** Distinct words (lower case) kept: the question is cut where one more would start. */
  maxDistinctWords: number;
  /** A longer whitespace-separated token is dropped (no word of French or English is that long). */
  maxTokenChars: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = { maxWords: 40, maxDistinctWords: 32, maxTokenChars: 48 };

const TOKEN = /\S+/g;

/** The question within the limits (the same string when it already is). */
export function limitQuery(text: string, limits: QueryLimits = DEFAULT_QUERY_LIMITS): string {
  const seen = new Set<string>();
  let out = '';
  let from = 0;
  let words = 0;
  let changed = false;
  for (const m of text.matchAll(TOKEN)) {
    const token = m[0];
    if (token.length > limits.maxTokenChars) {
      out += text.slice(from, m.index);
      from = m.index + token.length;
      changed = true;
      continue;
    }
    const key = token.toLowerCase();
    if (words >= limits.maxWords || (!seen.has(key) && seen.size >= limits.maxDistinctWords)) return tidy(out + text.slice(from, m.index));
    seen.add(key);
    words++;
  }
  return changed ? tidy(out + text.slice(from)) : text;
}

function tidy(text: string): string {
  return text.replace(/[ \t]{2,}/g, ' ').trim();
}
