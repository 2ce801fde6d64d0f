/** Markdown for the load-test and soak reports (the JSON beside them holds every number). */
import type { LoadRunResult } from './loadtest-run.js';
import { unintendedErrors } from './loadtest-run.js';
import type { SoakResult } from './loadtest-soak.js';

export interface LoadReport {
  date: string;
  machine: { cpus: number; cpuModel: string; memGiB: number; node: string; loadAvg: number[] };
  index: { documents: number; passages: number };
  throughput: LoadRunResult[];
  flood: { config: Record<string, string>; run: LoadRunResult } | null;
  overload: { config: Record<string, string>; run: LoadRunResult } | null;
  ok: boolean;
  problems: string[];
}

const fmt = (l: { p50: number; p95: number; p99: number } | null) => (l ? `${l.p50}/${l.p95}/${l.p99}` : '–');

const statusList = (s: Record<string, number>) =>
  Object.entries(s)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}×${v}`)
    .join(', ');

function header(r: LoadReport): string[] {
  return [
    `Date: ${r.date} · ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memGiB} GiB, Node ${r.machine.node}, load average at the end ${r.machine.loadAvg.join(' / ')}`,
    `Index: ${r.index.documents} documents, ${r.index.passages} passages (lexical embedder, HNSW files). ` +
      'Server and load generator share the machine: figures are a floor for a dedicated host.',
    '',
  ];
}

export function loadMarkdown(r: LoadReport): string {
  const lines = ['# Load test', '', ...header(r)];
  lines.push('## Throughput (rate limit off, concurrency cap above the connection count)', '');
  lines.push('| endpoint | connections | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | statuses | errors |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---|---:|');
  for (const t of r.throughput) {
    lines.push(
      `| ${t.name} | ${t.connections} | ${t.requests} | ${t.rps} | ${t.latencyMs.p50} | ${t.latencyMs.p95} | ${t.latencyMs.p99} | ${t.latencyMs.max} | ${statusList(t.statuses)} | ${unintendedErrors(t)} |`,
    );
  }
  if (r.flood) {
    const f = r.flood.run;
    lines.push('', `## Flood from one client (${Object.entries(r.flood.config).map(([k, v]) => `${k}=${v}`).join(' ')})`, '');
    lines.push(`${f.requests} requests in ${f.durationSec} s over ${f.connections} connections from 127.0.0.1: ${statusList(f.statuses)}.`);
    lines.push(`429 responses with Retry-After: ${f.refusedHeaders.retryAfter}/${f.refusedHeaders.count}, with RateLimit-* headers: ${f.refusedHeaders.rateLimit}/${f.refusedHeaders.count}` +
      (f.refusedHeaders.retryAfterValues.length ? ` (Retry-After ${Math.min(...f.refusedHeaders.retryAfterValues)}–${Math.max(...f.refusedHeaders.retryAfterValues)} s).` : '.'));
    lines.push(`Latency p50/p95/p99: accepted ${fmt(f.okLatencyMs)} ms, refused ${fmt(f.refusedLatencyMs)} ms; connection errors ${f.errors}.`);
  }
  if (r.overload) {
    const o = r.overload.run;
    lines.push('', `## Overload of the answer pipeline (${Object.entries(r.overload.config).map(([k, v]) => `${k}=${v}`).join(' ')})`, '');
    lines.push(`${o.requests} POST /api/chat in ${o.durationSec} s over ${o.connections} connections: ${statusList(o.statuses)}.`);
    lines.push(`503 responses with Retry-After: ${o.refusedHeaders.retryAfter}/${o.refusedHeaders.count}` +
      (o.refusedHeaders.retryAfterValues.length ? ` (Retry-After ${Math.min(...o.refusedHeaders.retryAfterValues)}–${Math.max(...o.refusedHeaders.retryAfterValues)} s).` : '.'));
    lines.push(`Latency p50/p95/p99: accepted ${fmt(o.okLatencyMs)} ms (bounded by the queue: at most ANSWER_QUEUE requests wait), refused ${fmt(o.refusedLatencyMs)} ms; connection errors ${o.errors}.`);
  }
  lines.push('', r.ok ? '**Result: OK** (no unintended errors; 429s and 503s only where provoked, all with Retry-After).' : `**Result: PROBLEMS**\n\n${r.problems.map((p) => `- ${p}`).join('\n')}`);
  return lines.join('\n') + '\n';
}

export function soakMarkdown(s: SoakResult, meta: Pick<LoadReport, 'date' | 'machine' | 'index'>): string {
  const l = s.load;
  const lines = ['# Soak test', '', ...header({ ...meta, throughput: [], flood: null, overload: null, ok: true, problems: [] })];
  lines.push(`${s.seconds} s of mixed load (search + chat, ${s.connections} connections), RSS of the server sampled every ${s.sampleMs / 1000} s (${s.samples.length} samples).`, '');
  lines.push('| requests | req/s | p50 ms | p95 ms | p99 ms | statuses | errors |', '|---:|---:|---:|---:|---:|---|---:|');
  lines.push(`| ${l.requests} | ${l.rps} | ${l.latencyMs.p50} | ${l.latencyMs.p95} | ${l.latencyMs.p99} | ${statusList(l.statuses)} | ${unintendedErrors(l)} |`, '');
  lines.push('| RSS | MiB |', '|---|---:|');
  lines.push(`| first ${s.windowSec} s (mean) | ${s.firstWindowMiB} |`);
  lines.push(`| last ${s.windowSec} s (mean) | ${s.lastWindowMiB} |`);
  lines.push(`| growth first → last (includes warm-up) | ${(s.growth * 100).toFixed(1)} % |`);
  lines.push(`| min / max | ${s.minMiB} / ${s.maxMiB} |`);
  lines.push(`| slope, whole run | ${s.slopeMiBPerMin} MiB/min |`);
  lines.push(`| slope, second half | ${s.secondHalfSlopeMiBPerMin} MiB/min |`, '');
  const minutes = new Map<number, number[]>();
  for (const x of s.samples) {
    const m = Math.min(Math.floor(x.t / 60), Math.max(0, Math.ceil(s.seconds / 60) - 1));
    minutes.set(m, [...(minutes.get(m) ?? []), x.rssMiB]);
  }
  lines.push(`Mean RSS per minute (MiB): ${[...minutes.entries()].map(([m, xs]) => `${m + 1}: ${(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(1)}`).join(' · ')}`, '');
  lines.push(
    s.flat
      ? `**RSS stays flat after warm-up** (second-half slope ${s.secondHalfSlopeMiBPerMin} MiB/min ≤ 2).`
      : `**RSS keeps growing after warm-up** (second-half slope ${s.secondHalfSlopeMiBPerMin} MiB/min > 2): investigate with a heap snapshot (--inspect).`,
  );
  return lines.join('\n') + '\n';
}
