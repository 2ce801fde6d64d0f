/**
 * Runs one bench task (tasks.ts) in a fresh Node process so its memory figures are its own:
 * the parent passes the task as JSON in argv, the child prints the result as the last stdout
 * line. Started with --expose-gc so heap snapshots are taken after a full collection.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isEntryPoint } from '../core/cli.js';
import { runIndexTask, runIngestTask, type IndexResult, type IndexTask, type IngestResult, type IngestTask } from './tasks.js';

const SELF = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SELF), '..');

export type ChildTask = IngestTask | IndexTask;
type ResultOf<T extends ChildTask> = T extends IngestTask ? IngestResult : IndexResult;

export interface ChildOptions {
  /** Extra Node flags (e.g. a heap limit). */
  nodeArgs: string[];
}

export const DEFAULT_CHILD: ChildOptions = { nodeArgs: [] };

export async function runInChild<T extends ChildTask>(task: T, options: Partial<ChildOptions> = {}): Promise<ResultOf<T>> {
  const o: ChildOptions = { ...DEFAULT_CHILD, ...options };
  const child = spawn(process.execPath, [...o.nodeArgs, '--expose-gc', '--import', 'tsx', SELF, JSON.stringify(task)], {
    cwd: ROOT,
    env: { ...process.env, FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const last = out.trim().split('\n').pop();
  if (code !== 0 || !last) throw new Error(`bench task ${task.kind} failed (exit ${code}); see the log above`);
  return JSON.parse(last) as ResultOf<T>;
}

if (isEntryPoint(import.meta.url)) {
  const raw = process.argv[2];
  if (!raw) {
    process.stderr.write('usage: node --import tsx bench/child.ts <task JSON>\n');
    process.exit(2);
  }
  const task = JSON.parse(raw) as ChildTask;
  try {
    const result = task.kind === 'ingest' ? await runIngestTask(task) : await runIndexTask(task);
    process.stdout.write(JSON.stringify(result) + '\n');
    // A model runtime's threads must not keep the child alive.
    process.exit(0);
  } catch (err) {
    process.stderr.write(`bench task ${task.kind}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  }
}
