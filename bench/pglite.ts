/**
 * A PGlite database (WASM Postgres + real pgvector) in a child process, for the server-memory-per-
 * store runs: the store colleague's `bench/stores.ts --serve-pglite` mode (its protocol: one JSON
 * line {url} on stdout, stops when its stdin closes). Its own peak RSS is the database's memory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { procMemory } from './machine.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface PgliteChild {
  url: string;
  pid: number;
  peakRssMiB(): number | null;
  stop(): Promise<void>;
}

export async function startPgliteChild(): Promise<PgliteChild> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'stores.ts'), '--serve-pglite'], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0) {
        try {
          resolve((JSON.parse(buf.slice(0, nl)) as { url: string }).url);
        } catch (err) {
          reject(err as Error);
        }
      }
    });
    child.on('exit', (code) => reject(new Error(`PGlite server exited (${code}) before it was ready`)));
  });
  let peak: number | null = null;
  return {
    url,
    pid: child.pid as number,
    peakRssMiB: () => {
      peak = procMemory(child.pid as number)?.peakMiB ?? peak;
      return peak;
    },
    async stop() {
      peak = procMemory(child.pid as number)?.peakMiB ?? peak;
      child.stdin?.end();
      await closed;
    },
  };
}
