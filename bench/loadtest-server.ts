/**
 * The server under test: `server/main.ts` in a child process, exactly as `npm start` runs it, bound
 * to 127.0.0.1 on a free port, on a private copy of the corpus and a private index (data/index is
 * never touched). Its RSS is read from /proc (Linux) so the soak measures the server, not the
 * load generator.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../core/logger.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Hosts the load test may target: this machine only. */
export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '::1'] as const;

export interface BenchServerOptions {
  host: string;
  corpusDir: string;
  indexDir: string;
  /** Extra environment (limits for the run). */
  env: Record<string, string>;
  logger: Logger;
  /** Longest wait for "Assistant ready" (the first start ingests the corpus). */
  startTimeoutMs: number;
}

export const DEFAULT_BENCH_SERVER: Omit<BenchServerOptions, 'corpusDir' | 'indexDir' | 'logger'> = {
  host: '127.0.0.1',
  env: {},
  startTimeoutMs: 600_000,
};

export interface BenchServer {
  url: string;
  pid: number;
  /** Resident set size in bytes, or null when it cannot be read. */
  rss(): number | null;
  /** SIGTERM and wait; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export function assertLoopback(host: string): void {
  if (!(LOOPBACK_HOSTS as readonly string[]).includes(host)) {
    throw new Error(`refusing to load-test host "${host}": only ${LOOPBACK_HOSTS.join(', ')} (a server this tool starts itself).`);
  }
}

export async function startBenchServer(options: Partial<BenchServerOptions> & Pick<BenchServerOptions, 'corpusDir' | 'indexDir' | 'logger'>): Promise<BenchServer> {
  const o: BenchServerOptions = { ...DEFAULT_BENCH_SERVER, ...options };
  assertLoopback(o.host);
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      EMBEDDER: 'lexical',
      HOST: o.host === 'localhost' ? '127.0.0.1' : o.host,
      PORT: '0',
      CORPUS_DIR: o.corpusDir,
      INDEX_DIR: o.indexDir,
      LOG_LEVEL: 'warn',
      FORCE_COLOR: '0',
      ...o.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-20_000);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server not ready after ${o.startTimeoutMs} ms:\n${stderr}`)), o.startTimeoutMs);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Assistant ready on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1].replace('localhost', '127.0.0.1'));
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before it was ready:\n${stderr}`));
    });
  });
  const health = await fetch(`${url}/health`);
  if (health.status !== 200) throw new Error(`server /health answered ${health.status}`);
  o.logger.info('server ready', { url, pid: child.pid, env: o.env });
  return {
    url,
    pid: child.pid!,
    rss: () => rssOf(child.pid!),
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** VmRSS from /proc/PID/status, in bytes. */
export function rssOf(pid: number): number | null {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}
