/**
 * Smoke test of `npm run bench -- --quick`: the real entry point in its own process (real ingest,
 * real server, real autocannon, real PGlite), into a temporary folder. Checks the report's
 * structure and invariants only — never how fast anything was.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_LABEL } from '../../bench/embedders.js';
import type { BenchReport } from '../../bench/report.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let out = '';
let code: number | null = null;
let stdout = '';
let stderr = '';
let report: BenchReport & { errors: string[] };

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'bench-smoke-'));
  // MODEL_DIR and DATABASE_URL cleared: the run must not depend on the developer's environment.
  const env = { ...process.env, MODEL_DIR: '', DATABASE_URL: '', FORCE_COLOR: '0' };
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'run.ts'), '--quick', '--out', out, '--log-level', 'warn'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as BenchReport & { errors: string[] };
  // A guard, not a speed claim: the smoke run starts many server processes, and on 2 shared cores
  // with the rest of the suite running beside it, it has taken more than 10 minutes.
}, 1_800_000);

afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

describe('npm run bench -- --quick', () => {
  it('exits 0 with no failed section, writing report.md and report.json', () => {
    expect(report.errors, stderr.slice(-4000)).toEqual([]);
    expect(code, stderr.slice(-4000)).toBe(0);
    expect(existsSync(path.join(out, 'report.md'))).toBe(true);
    expect(report.sections.map((s) => s.name)).toEqual(['corpora', 'ingest', 'memory', 'http', 'scaling', 'stores']);
    expect(report.sections.every((s) => s.ok)).toBe(true);
  });

  it('records the machine and the questions', () => {
    expect(report.machine.cores).toBeGreaterThan(0);
    expect(report.machine.cpuModel.length).toBeGreaterThan(0);
    expect(report.machine.ramGiB).toBeGreaterThan(0);
    expect(report.machine.node).toBe(process.version);
    expect(report.source.start.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(report.source.start.files).toBeGreaterThan(50);
    expect(report.sections.every((s) => Date.parse(s.startedAt) >= Date.parse(report.startedAt))).toBe(true);
    expect(Date.parse(report.machine.date)).not.toBeNaN();
    expect(report.questions.fr).toBeGreaterThan(0);
    expect(report.questions.en).toBeGreaterThan(0);
    expect(report.questions.total).toBe(report.questions.fr + report.questions.en);
  });

  it('generates the synthetic corpus with the exact passage count and ingests it', () => {
    const synthetic = report.corpora.find((c) => c.synthetic);
    expect(synthetic).toMatchObject({ name: 'synthetic-300-s1', passages: 300 });
    expect(existsSync(path.join(out, 'corpora', 'synthetic-300-s1'))).toBe(true);
    const lexical = report.ingest?.filter((r) => r.embedder.kind === 'lexical') ?? [];
    expect(lexical.map((r) => r.corpus)).toEqual(['shipped', 'synthetic-300-s1']);
    expect(lexical[1]?.passages).toBe(300);
    for (const r of report.ingest ?? []) {
      expect(r.passages).toBeGreaterThan(0);
      expect(r.ingestSeconds).toBeGreaterThan(0);
      expect(r.embedSeconds).toBeLessThanOrEqual(r.ingestSeconds);
      expect(r.peakRssMiB).toBeGreaterThan(0);
      expect(r.indexBytes).toBeGreaterThan(0);
    }
  });

  it('labels the tiny model and skips e5 with a note when MODEL_DIR is unset', () => {
    const tiny = report.ingest?.filter((r) => r.embedder.kind === 'tiny') ?? [];
    expect(tiny.length).toBe(2);
    for (const r of tiny) expect(r.embedder.label).toContain(TINY_LABEL);
    expect(report.ingest?.some((r) => r.embedder.kind === 'e5')).toBe(false);
    expect(report.embedders.skipped).toEqual([expect.objectContaining({ kind: 'e5', reason: expect.stringContaining('MODEL_DIR') })]);
  });

  it('measures /api/search over HTTP for every k × clients pair, without failures', () => {
    const rows = report.http?.rows ?? [];
    expect(rows.map((r) => `${r.k}@${r.connections}`)).toEqual(['5@1', '5@8', '5@32', '10@1', '10@8', '10@32']);
    for (const r of rows) {
      expect(r.failures).toBe(0);
      expect(r.requests).toBeGreaterThan(0);
      expect(r.p50Ms).toBeLessThanOrEqual(r.p95Ms);
      expect(r.p95Ms).toBeLessThanOrEqual(r.p99Ms);
    }
    expect(report.http?.server.readyRssMiB).toBeGreaterThan(0);
  });

  it('reports index memory at each loading step and in-process latency per mode', () => {
    const rows = report.memory ?? [];
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const r of rows) {
      expect(r.before.rssMiB).toBeGreaterThan(0);
      expect(r.loaded.rssMiB).toBeGreaterThan(0);
      expect(r.indexBytes).toBeGreaterThan(0);
      expect(r.latency.map((l) => `${l.mode}/${l.clients}`)).toEqual(['hybrid/1', 'bm25/1', 'dense/1', 'hybrid/8']);
    }
  });

  it('has one scaling row per corpus, shipped first, with ingest, memory and HTTP figures', () => {
    const rows = report.scaling ?? [];
    expect(rows.map((r) => r.corpus)).toEqual(['shipped', 'synthetic-300-s1']);
    for (const r of rows) {
      expect(r.ingestSeconds).not.toBeNull();
      expect(r.indexBytes).toBeGreaterThan(0);
      expect(r.hybridP95Ms).not.toBeNull();
      expect(r.http?.failures).toBe(0);
      expect(r.http1?.failures).toBe(0);
      expect(r.serverReadyRssMiB).toBeGreaterThan(0);
    }
  });

  it('runs the store bench and the server with each store', () => {
    expect(report.stores?.bench.map((b) => b.store).sort()).toEqual(['hnsw', 'postgres']);
    const servers = report.stores?.servers ?? [];
    expect(servers.map((s) => `${s.store}/${s.embedder.startsWith('lexical') ? 'lexical' : 'tiny'}`)).toEqual(['hnsw/lexical', 'postgres/lexical', 'hnsw/tiny', 'postgres/tiny']);
    // The lexical embedder's 1024 dimensions fit pgvector's HNSW limit (2000): every pair serves.
    expect(report.memory?.find((m) => m.embedder.kind === 'lexical')?.dimension).toBeLessThanOrEqual(2000);
    for (const s of servers) {
      expect(s?.error).toBeNull();
      expect(s?.serving?.readyRssMiB).toBeGreaterThan(0);
      expect(s?.load?.failures).toBe(0);
    }
    expect(servers[3]?.dbPeakRssMiB).toBeGreaterThan(0);
  });

  it('checks the targets, leaving the 100k ones unmeasured in quick mode', () => {
    const shipped = report.targets.filter((t) => t.name.includes('shipped'));
    expect(shipped.length).toBe(2);
    for (const t of shipped) expect(typeof t.met).toBe('boolean');
    const big = report.targets.filter((t) => t.name.startsWith('100k'));
    expect(big.length).toBe(2);
    for (const t of big) expect(t.met).toBeNull();
  });

  it('prints the Markdown (a table per section, machine, commands) and writes the same file', () => {
    const md = readFileSync(path.join(out, 'report.md'), 'utf8');
    expect(stdout).toContain(md.trim().slice(0, 200));
    for (const heading of ['## Targets', '## 1. Ingest throughput', '## 2. Search latency over HTTP', '## 3. Index memory', '## 4. Scaling', '## 5. Stores', '## Commands']) {
      expect(md).toContain(heading);
    }
    expect(md).toContain(report.machine.cpuModel);
    for (const command of Object.values(report.commands)) expect(md).toContain(command);
    expect(report.commands.scaling).toContain('npm run bench -- --quick --sections scaling --sizes 300');
    expect(md).toContain(`Code measured: sha256 ${report.source.start.sha256.slice(0, 12)}`);
  });
});
