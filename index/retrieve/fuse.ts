/**
 * The fuse stage: the first-stage rankers' lists (BM25, dense, …) into one ranking. One list keeps
 * its own scores; several are fused:
 * - 'rrf': reciprocal rank fusion, Σ w / (k + rank): needs no score calibration between rankers.
 * - 'weighted': Σ w · normalised score, each list divided by its best score, so a ranker that is
 *   sure (one passage far ahead) keeps that margin, which RRF flattens.
 */
import type { RetrievalConfig } from './config.js';

export interface RankedList {
  name: string;
  /** Best first; scores higher = better. */
  items: readonly { id: string; score: number }[];
}

export type FusionOptions = RetrievalConfig['fusion'];

export interface Fused {
  id: string;
  score: number;
  /** 1-based rank in each list that holds the item. */
  ranks: Record<string, number>;
  /** Raw score in each list that holds the item. */
  scores: Record<string, number>;
}

export function fuse(lists: readonly RankedList[], opts: FusionOptions): Fused[] {
  const out = new Map<string, Fused>();
  for (const list of lists) {
    const w = opts.weights[list.name] ?? 1;
    const top = list.items[0]?.score ?? 0;
    const bottom = Math.min(0, list.items[list.items.length - 1]?.score ?? 0);
    list.items.forEach((item, i) => {
      let f = out.get(item.id);
      if (!f) {
        f = { id: item.id, score: 0, ranks: {}, scores: {} };
        out.set(item.id, f);
      }
      f.ranks[list.name] = i + 1;
      f.scores[list.name] = item.score;
      if (opts.method === 'rrf') f.score += w / (opts.rrfK + i + 1);
      else f.score += top > bottom ? (w * (item.score - bottom)) / (top - bottom) : 0;
    });
  }
  // Ties (same fused score) keep the order of the first list, then the id: deterministic.
  const order = new Map<string, number>();
  let n = 0;
  for (const list of lists) for (const item of list.items) if (!order.has(item.id)) order.set(item.id, n++);
  return [...out.values()].sort((a, b) => b.score - a.score || (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}

/** One list keeps its own scores and ranks; several are fused. */
export function combine(lists: readonly RankedList[], options: FusionOptions): Fused[] {
  if (lists.length === 1) {
    const list = lists[0]!;
    return list.items.map((it, i) => ({ id: it.id, score: it.score, ranks: { [list.name]: i + 1 }, scores: { [list.name]: it.score } }));
  }
  return fuse(lists, options);
}
