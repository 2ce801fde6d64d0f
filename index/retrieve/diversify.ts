/**
 * The diversify stage: keeps near-duplicate passages from crowding the top: consecutive chunks share a sentence, and
 * documents repeat each other (a press release quoted by two sites, a caption repeated nine
 * times). Similarity is the containment of term-bigram shingles, |A ∩ B| / min(|A|, |B|), so a
 * short passage wholly inside a longer one counts as a duplicate.
 *
 * Two steps: passages at least `duplicate` similar to a better one go to the end (they add
 * nothing), then maximal marginal relevance re-orders the rest: λ · relevance − (1 − λ) · the
 * highest similarity to anything ranked above.
 */
import { BoundedCache } from '../../core/bounded-cache.js';
import type { IndexedPassage } from '../bm25/postings.js';
import type { Candidate } from './candidates.js';
import type { RetrievalConfig } from './config.js';

export type DedupOptions = RetrievalConfig['dedup'];

export interface DedupItem {
  id: string;
  /** Relevance, higher = better (any scale; normalised by the best). */
  score: number;
  /** Index terms in order. */
  terms: readonly string[];
  /** Precomputed shingles(terms) (the retriever caches them per passage). */
  shingles?: ReadonlySet<string>;
}

export function shingles(terms: readonly string[]): Set<string> {
  const out = new Set<string>();
  if (terms.length === 1) out.add(terms[0] ?? '');
  for (let i = 1; i < terms.length; i++) out.add(`${terms[i - 1]} ${terms[i]}`);
  return out;
}

export function containment(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let common = 0;
  for (const s of small) if (large.has(s)) common++;
  return common / small.size;
}

/**
 * Re-orders items (best first in, best first out); returns the new order and which were
 * duplicates. Only the first `limit` places are chosen by the rules (the caller shows no more);
 * the rest keep their order behind them, so the cost is O(limit · n), not O(n²).
 */
export function diversify<T extends DedupItem>(
  items: readonly T[],
  opts: DedupOptions,
  limit: number = items.length,
  cache: SimilarityCache | null = null,
): { items: T[]; duplicates: Set<string> } {
  const sets = new Map<string, ReadonlySet<string>>();
  const setOf = (it: T): ReadonlySet<string> => {
    let s = sets.get(it.id);
    if (!s) {
      s = it.shingles ?? shingles(it.terms);
      sets.set(it.id, s);
    }
    return s;
  };
  const similarity = (a: T, b: T): number => (cache ? cache.get(a.id, b.id, () => containment(setOf(a), setOf(b))) : containment(setOf(a), setOf(b)));
  const chosen: T[] = [];
  const duplicates = new Set<string>();
  const remaining = [...items];
  const top = Math.max(0, ...items.map((k) => k.score));
  const bottom = Math.min(0, ...items.map((k) => k.score));
  const rel = (it: T) => (top > bottom ? (it.score - bottom) / (top - bottom) : 0);
  const maxSim = new Map<string, number>();
  const useMmr = opts.lambda < 1;
  while (chosen.length < limit && remaining.length > 0) {
    let best = -1;
    let bestValue = -Infinity;
    for (let i = 0; i < remaining.length; i++) {
      const r = remaining[i]!;
      const value = useMmr ? opts.lambda * rel(r) - (1 - opts.lambda) * (maxSim.get(r.id) ?? 0) : -i;
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
      // Without MMR the first remaining item is the pick.
      if (!useMmr) break;
    }
    const [pick] = remaining.splice(best, 1);
    if (!pick) break;
    if (opts.duplicate <= 1 && chosen.some((c) => similarity(pick, c) >= opts.duplicate)) {
      duplicates.add(pick.id);
      continue;
    }
    chosen.push(pick);
    if (useMmr) for (const r of remaining) maxSim.set(r.id, Math.max(maxSim.get(r.id) ?? 0, similarity(pick, r)));
  }
  const rest = remaining.filter((r) => !duplicates.has(r.id));
  const dropped = items.filter((it) => duplicates.has(it.id));
  return { items: [...chosen, ...rest, ...dropped], duplicates };
}

/**
 * Pairwise passage similarity remembered across searches: it depends on the two passages only
 * (ids are content hashes), and the same candidates meet again and again, so most of a search's
 * comparisons become lookups. Bounded, oldest out (a hit does not reorder: lookups stay cheap).
 */
export class SimilarityCache {
  private readonly pairs: BoundedCache<string, number>;

  constructor(capacity = 200_000) {
    this.pairs = new BoundedCache({ capacity, policy: 'fifo' });
  }

  get(a: string, b: string, compute: () => number): number {
    return this.pairs.get(a < b ? `${a}|${b}` : `${b}|${a}`, compute);
  }

  get size(): number {
    return this.pairs.size;
  }
}

/** The stage as the retriever runs it, with its caches (shingles per passage, pair similarities) shared by all searches. */
export class Diversifier {
  private readonly similarities = new SimilarityCache();
  /** Term-bigram shingles of recently ranked passages; bounded, a large index never fits. */
  private readonly shingleCache = new BoundedCache<IndexedPassage, ReadonlySet<string>>({ capacity: 4096, policy: 'lru' });

  /** Candidates re-ordered by their final score, diversity and duplicates; the first `limit` places chosen by the rules. */
  run(candidates: readonly Candidate[], options: DedupOptions, limit: number): { ordered: Candidate[]; duplicates: Set<string> } {
    const { items, duplicates } = diversify(
      candidates.map((c) => ({ ...c, score: c.final, terms: c.entry.terms, shingles: this.shingleCache.get(c.entry, () => shingles(c.entry.terms)) })),
      options,
      limit,
      this.similarities,
    );
    return { ordered: items, duplicates };
  }
}
