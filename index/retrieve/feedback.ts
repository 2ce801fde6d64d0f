/**
 * Pseudo-relevance feedback (RM3-style) for BM25: the best few passages of a first pass lend their
 * most characteristic terms (term frequency in the passage × IDF) to the query, so a paraphrased
 * question ("antenne permanente") reaches passages using the documents' own words ("Bureau du
 * Représentant spécial"). Each added term is its own weak group; the question's groups keep
 * their weights.
 */
import type { Bm25Index } from '../bm25/index.js';
import type { Bm25Query } from '../bm25/types.js';

export interface FeedbackOptions {
  /** Passages read (0 = feedback off). */
  docs: number;
  /** Terms added. */
  terms: number;
  /** Weight of an added term relative to a question word (1). */
  weight: number;
}

export const DEFAULT_FEEDBACK: FeedbackOptions = { docs: 0, terms: 10, weight: 0.3 };

export function expandWithFeedback(bm25: Bm25Index, query: Bm25Query, topIds: readonly string[], options: FeedbackOptions): Bm25Query {
  if (options.docs <= 0 || topIds.length === 0) return query;
  const own = new Set<string>();
  for (const g of query.groups) for (const a of g.alternatives) for (const s of a.stems) own.add(s);
  const scores = new Map<string, number>();
  for (const id of topIds.slice(0, options.docs)) {
    const entry = bm25.get(id);
    if (!entry || entry.terms.length === 0) continue;
    const tf = new Map<string, number>();
    for (const t of entry.terms) if (!/^\d/.test(t) && t.length > 2) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, n] of tf) if (!own.has(t)) scores.set(t, (scores.get(t) ?? 0) + (n / entry.terms.length) * bm25.idf(t));
  }
  const best = [...scores.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, options.terms);
  const top = best[0]?.[1] ?? 0;
  if (top <= 0) return query;
  return {
    groups: [...query.groups, ...best.map(([t, s]) => ({ alternatives: [{ stems: [t], weight: (options.weight * s) / top }] }))],
  };
}
