/**
 * The first-stage rankers, in fusion order (ties in the fused ranking keep this order). To add a
 * ranker: write rankers/<name>.ts exporting a RankerFactory (types.ts), add it here, and give it a
 * fusion weight in config/retrieval.json (fusion.weights.<name>; 1 when absent).
 */
import { bm25Ranker } from './bm25.js';
import { denseRanker } from './dense.js';
import type { RankerFactory } from './types.js';

export const RANKERS: readonly RankerFactory[] = [bm25Ranker, denseRanker];

export type { FirstStageRanker, RankedPassage, RankerDeps, RankerFactory } from './types.js';
