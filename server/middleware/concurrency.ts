/**
 * A concurrency cap with a short queue in front of the answer pipeline: at most `concurrency`
 * requests run, up to `queue` more wait their turn (first come, first served), anything beyond is
 * refused at once with 503 OVERLOADED and a Retry-After estimated from recent service times.
 * Refusing early keeps latency bounded for the requests that are accepted, instead of letting
 * every request slow down together until all of them time out.
 *
 * A queued request leaves the queue when its client disconnects or its deadline passes
 * (c.var.requestSignal, see timeout.ts). A streamed response (SSE) keeps its slot until the stream
 * ends, since that is when its work ends.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from '../../core/errors.js';

export interface ConcurrencyOptions {
  /** Requests running at once (AppConfig.answerConcurrency). */
  concurrency: number;
  /** Requests waiting for a slot (AppConfig.answerQueue); 0 = refuse as soon as all slots are busy. */
  queue: number;
  /** Name in error messages ("answer", "search"). */
  name: string;
  /** Bounds of the Retry-After estimate, seconds. */
  minRetryAfterSeconds: number;
  maxRetryAfterSeconds: number;
}

export const DEFAULT_CONCURRENCY: ConcurrencyOptions = {
  concurrency: 4,
  queue: 16,
  name: 'answer',
  minRetryAfterSeconds: 1,
  maxRetryAfterSeconds: 30,
};

interface Waiter {
  grant: () => void;
  reject: (err: unknown) => void;
}

export class ConcurrencyGate {
  readonly options: ConcurrencyOptions;
  private running = 0;
  private readonly waiting: Waiter[] = [];
  /** Exponentially weighted mean time a request holds a slot, ms. */
  private meanServiceMs = 0;

  constructor(options: Partial<ConcurrencyOptions> = {}) {
    this.options = { ...DEFAULT_CONCURRENCY, ...options };
    if (this.options.concurrency < 1) throw new AppError('INVALID_PARAMETER', 'concurrency must be at least 1.');
  }

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Seconds a refused client should wait: the time for the current backlog to drain, bounded. */
  retryAfterSeconds(): number {
    const { concurrency, minRetryAfterSeconds: lo, maxRetryAfterSeconds: hi } = this.options;
    const backlogMs = (this.meanServiceMs * (this.waiting.length + 1)) / concurrency;
    return Math.min(hi, Math.max(lo, Math.ceil(backlogMs / 1000)));
  }

  /** Wait for a slot; resolves with its release function (call it exactly once). */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) throw signal.reason;
    if (this.running < this.options.concurrency) {
      this.running++;
      return this.releaser();
    }
    if (this.waiting.length >= this.options.queue) {
      const retryAfterSeconds = this.retryAfterSeconds();
      throw new AppError('OVERLOADED', `The server is busy (${this.running} ${this.options.name} requests running, ${this.waiting.length} waiting); retry in ${retryAfterSeconds} s.`, {
        details: { retryAfterSeconds },
      });
    }
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        reject,
      };
      const onAbort = () => {
        const i = this.waiting.indexOf(waiter);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
    return this.releaser();
  }

  private releaser(): () => void {
    const started = performance.now();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const ms = performance.now() - started;
      this.meanServiceMs = this.meanServiceMs === 0 ? ms : 0.8 * this.meanServiceMs + 0.2 * ms;
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter: `running` stays the same.
      if (next) next.grant();
      else this.running--;
    };
  }
}

export function concurrencyLimit(options: Partial<ConcurrencyOptions> = {}): MiddlewareHandler & { gate: ConcurrencyGate } {
  const gate = new ConcurrencyGate(options);
  const mw: MiddlewareHandler = async (c, next) => {
    const release = await gate.acquire(signalOf(c));
    let handedOver = false;
    try {
      await next();
      handedOver = holdUntilStreamEnds(c, release);
    } finally {
      if (!handedOver) release();
    }
  };
  return Object.assign(mw, { gate });
}

function signalOf(c: Context): AbortSignal {
  return c.get('requestSignal') ?? c.req.raw.signal;
}

/**
 * For an event stream, re-wrap the body so the slot is released when the stream finishes, fails
 * or is cancelled by the client. Returns whether the release was handed over to the stream.
 */
function holdUntilStreamEnds(c: Context, release: () => void): boolean {
  const res = c.res;
  const type = res.headers.get('content-type') ?? '';
  if (!res.body || !type.toLowerCase().startsWith('text/event-stream')) return false;
  const reader = res.body.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          release();
          controller.close();
        } else controller.enqueue(value);
      } catch (err) {
        release();
        controller.error(err);
      }
    },
    async cancel(reason) {
      release();
      await reader.cancel(reason);
    },
  });
  c.res = new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  return true;
}
