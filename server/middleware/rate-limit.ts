/**
 * Per-client rate limiting weighted by cost, fixed window: each client key (see client-ip.ts) gets
 * `max` units per `windowMs`, and each request spends what it costs (request-cost.ts: a short
 * search 1, a 4,000-character question 21, an upload 10 + its size); beyond that, 429 RATE_LIMITED
 * with Retry-After. Every limited response carries the IETF RateLimit-* headers (in units) so
 * well-behaved clients can pace themselves.
 *
 * Memory stays bounded without a timer: expired buckets are swept at most once per window, on a
 * request, and the table never holds more than `maxClients` buckets (oldest windows go first).
 */
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../core/errors.js';
import type { CidrRange } from '../../core/cidr.js';
import { clientIp } from './client-ip.js';
import { setResponseHeaders } from './headers.js';
import { DEFAULT_REQUEST_COST, requestCost, type RequestCostOptions } from './request-cost.js';

export interface RateLimitOptions {
  windowMs: number;
  /** Units per window and client (a plain search costs 1); 0 turns limiting off. */
  max: number;
  /** Bucket table bound: beyond it the buckets with the oldest windows are dropped. */
  maxClients: number;
  /** AppConfig.trustProxy (see client-ip.ts). */
  trustProxy: readonly CidrRange[];
  cost: RequestCostOptions;
  /** Injectable clock (tests step time instead of sleeping). */
  now: () => number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = {
  windowMs: 60_000,
  max: 120,
  maxClients: 10_000,
  trustProxy: [],
  cost: DEFAULT_REQUEST_COST,
  now: () => Date.now(),
};

interface Bucket {
  count: number;
  resetAt: number;
}

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets (≥ 1). */
  resetSeconds: number;
}

export class RateLimiter {
  readonly options: RateLimitOptions;
  /** Insertion order = window start order, because a bucket is re-inserted when its window restarts. */
  private readonly buckets = new Map<string, Bucket>();
  private nextSweep = 0;

  constructor(options: Partial<RateLimitOptions> = {}) {
    this.options = { ...DEFAULT_RATE_LIMIT, ...options };
  }

  get size(): number {
    return this.buckets.size;
  }

  /** Spend `cost` units of `key`'s budget (at most the whole budget: any single request can pass once a window). */
  hit(key: string, cost = 1): RateDecision {
    const { windowMs, max } = this.options;
    const now = this.options.now();
    this.sweep(now);
    let bucket = this.buckets.get(key);
    if (!bucket || bucket.resetAt <= now) {
      this.buckets.delete(key);
      bucket = { count: 0, resetAt: now + windowMs };
      this.buckets.set(key, bucket);
      this.enforceBound();
    }
    bucket.count += Math.max(1, Math.min(cost, max));
    return {
      allowed: bucket.count <= max,
      limit: max,
      remaining: Math.max(0, max - bucket.count),
      resetSeconds: Math.max(1, Math.ceil((bucket.resetAt - now) / 1000)),
    };
  }

  private sweep(now: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + this.options.windowMs;
    for (const [key, bucket] of this.buckets) {
      if (bucket.resetAt <= now) this.buckets.delete(key);
    }
  }

  private enforceBound(): void {
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= this.options.maxClients) return;
      this.buckets.delete(key);
    }
  }
}

/** The middleware; returns a pass-through when `max` is 0 (limiting off). */
export function rateLimit(options: Partial<RateLimitOptions> = {}): MiddlewareHandler {
  const limiter = new RateLimiter(options);
  const { max, windowMs } = limiter.options;
  if (max <= 0) return async (_c, next) => next();
  const policy = `${max};w=${Math.ceil(windowMs / 1000)}`;
  return async (c, next) => {
    const d = limiter.hit(clientIp(c, { trustProxy: limiter.options.trustProxy }), requestCost(c, limiter.options.cost));
    const headers: Record<string, string> = {
      'RateLimit-Policy': policy,
      'RateLimit-Limit': String(d.limit),
      'RateLimit-Remaining': String(d.remaining),
      'RateLimit-Reset': String(d.resetSeconds),
    };
    if (!d.allowed) {
      for (const [k, v] of Object.entries(headers)) c.header(k, v);
      throw new AppError('RATE_LIMITED', `Too many requests: at most ${d.limit} units every ${Math.ceil(windowMs / 1000)} s per client (a search costs 1, long questions and uploads more).`, {
        details: { retryAfterSeconds: d.resetSeconds },
      });
    }
    await next();
    setResponseHeaders(c, headers);
  };
}
