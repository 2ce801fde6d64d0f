/**
 * Soak: steady mixed load (search + chat) for a long time while the server's RSS is sampled every
 * few seconds, then a verdict on whether memory stays flat. Reported: the mean of the first and
 * the last minute and the least-squares slope over the run and over its second half. The verdict
 * uses the second half only: RSS climbs for a few minutes while V8 grows its heap to a steady size
 * and session maps fill to their bound (warm-up, not a leak); a leak keeps climbing after that.
 * At ~60 req/s a leak of 1 KB a request is ~3.5 MiB/min.
 */
import type { Logger } from '../core/logger.js';
import type { BenchServer } from './loadtest-server.js';
import { runLoad, type LoadRequest, type LoadRunResult } from './loadtest-run.js';

export interface SoakOptions {
  seconds: number;
  sampleMs: number;
  connections: number;
  requests: LoadRequest[];
  /** Flat when the second-half RSS slope stays under this many MiB per minute. */
  maxSlopeMiBPerMin: number;
  logger: Logger;
}

export interface RssSample {
  t: number;
  rssMiB: number;
}

export interface SoakResult {
  seconds: number;
  sampleMs: number;
  connections: number;
  load: LoadRunResult;
  samples: RssSample[];
  /** Length of the first/last windows compared, seconds (60, or a third of a short run). */
  windowSec: number;
  firstWindowMiB: number;
  lastWindowMiB: number;
  growth: number;
  slopeMiBPerMin: number;
  secondHalfSlopeMiBPerMin: number;
  minMiB: number;
  maxMiB: number;
  flat: boolean;
}

const MiB = 1024 * 1024;
const r2 = (x: number) => Math.round(x * 100) / 100;

export function slopePerMinute(samples: RssSample[]): number {
  const n = samples.length;
  if (n < 2) return 0;
  const mt = samples.reduce((s, x) => s + x.t, 0) / n;
  const mr = samples.reduce((s, x) => s + x.rssMiB, 0) / n;
  let num = 0;
  let den = 0;
  for (const s of samples) {
    num += (s.t - mt) * (s.rssMiB - mr);
    den += (s.t - mt) ** 2;
  }
  return den === 0 ? 0 : (num / den) * 60;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : Number.NaN);

export function analyseSoak(samples: RssSample[], seconds: number, o: Pick<SoakOptions, 'maxSlopeMiBPerMin'>) {
  const windowSec = Math.min(60, seconds / 3);
  const end = samples[samples.length - 1]?.t ?? 0;
  const first = mean(samples.filter((s) => s.t <= windowSec).map((s) => s.rssMiB));
  const last = mean(samples.filter((s) => s.t >= end - windowSec).map((s) => s.rssMiB));
  const growth = (last - first) / first;
  const slope = slopePerMinute(samples);
  const secondHalf = slopePerMinute(samples.filter((s) => s.t >= end / 2));
  const values = samples.map((s) => s.rssMiB);
  return {
    windowSec,
    firstWindowMiB: r2(first),
    lastWindowMiB: r2(last),
    growth: r2(growth * 1000) / 1000,
    slopeMiBPerMin: r2(slope),
    secondHalfSlopeMiBPerMin: r2(secondHalf),
    minMiB: r2(Math.min(...values)),
    maxMiB: r2(Math.max(...values)),
    flat: secondHalf <= o.maxSlopeMiBPerMin,
  };
}

export async function runSoak(server: BenchServer, o: SoakOptions): Promise<SoakResult> {
  const samples: RssSample[] = [];
  const t0 = Date.now();
  const sample = () => {
    const rss = server.rss();
    if (rss !== null) samples.push({ t: r2((Date.now() - t0) / 1000), rssMiB: r2(rss / MiB) });
  };
  sample();
  const timer = setInterval(() => {
    sample();
    const last = samples[samples.length - 1];
    if (last && samples.length % 12 === 0) o.logger.info('soak', { t: last.t, rssMiB: last.rssMiB });
  }, o.sampleMs);
  let load: LoadRunResult;
  try {
    load = await runLoad({ url: server.url, name: 'soak (search + chat)', requests: o.requests, connections: o.connections, durationSec: o.seconds });
  } finally {
    clearInterval(timer);
  }
  sample();
  if (samples.length < 3) throw new Error('too few RSS samples (is /proc readable?)');
  return { seconds: o.seconds, sampleMs: o.sampleMs, connections: o.connections, load, samples, ...analyseSoak(samples, o.seconds, o) };
}
