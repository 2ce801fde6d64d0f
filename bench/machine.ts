/** Facts about the machine and processes the bench measures (Linux /proc where needed). */
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface MachineFacts {
  cpuModel: string;
  cores: number;
  ramGiB: number;
  node: string;
  platform: string;
  /** Load average (1, 5, 15 min) when the bench started and ended: other work on a shared
   * machine shows up here and explains noisy figures. */
  loadAvgStart: number[];
  loadAvgEnd: number[];
  date: string;
  hostname: string;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function machineFacts(date: string, loadAvgStart: number[]): MachineFacts {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? '?',
    cores: cpus.length,
    ramGiB: round1(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAvgStart: loadAvgStart.map(round1),
    loadAvgEnd: os.loadavg().map(round1),
    date,
    hostname: os.hostname(),
  };
}

/** VmRSS / VmHWM (peak) of a live process, MiB; null when /proc cannot be read. */
export function procMemory(pid: number): { rssMiB: number; peakMiB: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    const hwm = /^VmHWM:\s+(\d+)\s+kB/m.exec(status)?.[1];
    if (!rss || !hwm) return null;
    return { rssMiB: Number(rss) / 1024, peakMiB: Number(hwm) / 1024 };
  } catch {
    return null;
  }
}

/** Bytes under a folder (files only; symlinks are not followed). */
export async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  let entries: import('node:fs').Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) total += await dirBytes(p);
    else if (e.isFile()) total += (await fs.stat(p)).size;
  }
  return total;
}

