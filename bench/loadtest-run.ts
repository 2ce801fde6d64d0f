/**
 * One autocannon run: a fixed list of requests cycled by every connection for a bounded time,
 * every response's latency recorded (autocannon's histogram has no p95), status codes counted,
 * and the limit headers of refused responses (Retry-After, RateLimit-*) sampled.
 */
import type { IncomingHttpHeaders } from 'node:http';
import autocannon from 'autocannon';
import { percentile } from '../core/stats.js';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadRunOptions {
  url: string;
  name: string;
  requests: LoadRequest[];
  connections: number;
  durationSec: number;
  /** Per-request timeout, seconds. */
  timeoutSec: number;
}

export interface LoadRunResult {
  name: string;
  connections: number;
  durationSec: number;
  requests: number;
  rps: number;
  latencyMs: { mean: number; p50: number; p95: number; p99: number; max: number };
  /** Latency of 2xx responses only (what accepted clients experience under refusal runs). */
  okLatencyMs: { p50: number; p95: number; p99: number } | null;
  /** Latency of 429/503 responses (a refusal should be immediate). */
  refusedLatencyMs: { p50: number; p95: number; p99: number } | null;
  statuses: Record<string, number>;
  /** Connection errors and timeouts (never intended). */
  errors: number;
  timeouts: number;
  /** Headers seen on refused (429/503) responses: how many carried each. */
  refusedHeaders: { count: number; retryAfter: number; rateLimit: number; retryAfterValues: number[] };
}

export const DEFAULT_LOAD_RUN: Omit<LoadRunOptions, 'url' | 'name' | 'requests'> = {
  connections: 8,
  durationSec: 10,
  timeoutSec: 30,
};


const round = (x: number) => Math.round(x * 100) / 100;

export async function runLoad(options: Partial<LoadRunOptions> & Pick<LoadRunOptions, 'url' | 'name' | 'requests'>): Promise<LoadRunResult> {
  const o: LoadRunOptions = { ...DEFAULT_LOAD_RUN, ...options };
  const latencies: number[] = [];
  const okLatencies: number[] = [];
  const refusedLatencies: number[] = [];
  const statuses: Record<string, number> = {};
  const refused = { count: 0, retryAfter: 0, rateLimit: 0, retryAfterValues: [] as number[] };
  const onResponse = (status: number, _body: string, _ctx: object, headers: IncomingHttpHeaders | undefined) => {
    if ((status !== 429 && status !== 503) || !headers) return;
    refused.count++;
    const retry = headers['retry-after'];
    if (retry !== undefined) {
      refused.retryAfter++;
      if (refused.retryAfterValues.length < 1000) refused.retryAfterValues.push(Number(retry));
    }
    if (headers['ratelimit-limit'] !== undefined) refused.rateLimit++;
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: o.url,
        connections: o.connections,
        duration: o.durationSec,
        timeout: o.timeoutSec,
        requests: o.requests.map((r) => ({ ...r, onResponse })),
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_client, statusCode: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
      if (statusCode >= 200 && statusCode < 300) okLatencies.push(responseTime);
      else if (statusCode === 429 || statusCode === 503) refusedLatencies.push(responseTime);
      statuses[String(statusCode)] = (statuses[String(statusCode)] ?? 0) + 1;
    });
  });
  for (const xs of [latencies, okLatencies, refusedLatencies]) xs.sort((a, b) => a - b);
  const summary = (xs: number[]) => (xs.length ? { p50: round(percentile(xs, 50)), p95: round(percentile(xs, 95)), p99: round(percentile(xs, 99)) } : null);
  const total = latencies.length;
  const mean = total ? latencies.reduce((s, x) => s + x, 0) / total : Number.NaN;
  return {
    name: o.name,
    connections: o.connections,
    durationSec: result.duration,
    requests: total,
    rps: round(total / result.duration),
    latencyMs: {
      mean: round(mean),
      p50: round(percentile(latencies, 50)),
      p95: round(percentile(latencies, 95)),
      p99: round(percentile(latencies, 99)),
      max: round(latencies[total - 1] ?? Number.NaN),
    },
    okLatencyMs: summary(okLatencies),
    refusedLatencyMs: summary(refusedLatencies),
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
    refusedHeaders: refused,
  };
}

/** Responses outside 2xx plus connection errors: must be 0 in a throughput run. */
export function unintendedErrors(r: LoadRunResult): number {
  const non2xx = Object.entries(r.statuses).filter(([s]) => !s.startsWith('2')).reduce((n, [, c]) => n + c, 0);
  return non2xx + r.errors;
}
