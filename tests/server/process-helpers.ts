/**
 * Child processes for the start/shutdown/kill tests: `server/main.ts` exactly as `npm start` runs
 * it and `ingest/cli.ts` as `npm run ingest` does, on private corpus/index folders, plus small
 * HTTP helpers that do not hide what the socket does (no retries, no fetch connection pool).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { TEST_CORPUS_DIR } from '../helpers/test-index.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Proc {
  child: ChildProcess;
  pid: number;
  stdout(): string;
  stderr(): string;
  /** Resolves when stderr (JSON log lines) or stdout has matched `re`. */
  waitFor(re: RegExp, stream?: 'stdout' | 'stderr'): Promise<string>;
  exit: Promise<Exit>;
}

export interface ProcessOptions {
  env: Record<string, string>;
  args: string[];
  /** Run as another user (root only). */
  uid?: number;
  gid?: number;
  /** A command the process is started through, e.g. ['setpriv', '--bounding-set', '-dac_override', '--']. */
  wrapper?: string[];
}

function start(script: string, options: Partial<ProcessOptions> = {}): Proc {
  const argv = ['--import', 'tsx', path.join(ROOT, script), ...(options.args ?? [])];
  const [command, ...prefix] = options.wrapper?.length ? [...options.wrapper, process.execPath] : [process.execPath];
  const child = spawn(command!, [...prefix, ...argv], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', LOG_FORMAT: 'json', FORCE_COLOR: '0', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid ?? options.uid } : {}),
  });
  let out = '';
  let err = '';
  const waiters: { re: RegExp; stream: 'stdout' | 'stderr' | 'any'; resolve: (s: string) => void }[] = [];
  const check = () => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i]!;
      const text = w.stream === 'stdout' ? out : w.stream === 'stderr' ? err : out + err;
      const m = w.re.exec(text);
      if (m) {
        waiters.splice(i, 1);
        w.resolve(m[0]);
      }
    }
  };
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    check();
  });
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
    check();
  });
  const exit = new Promise<Exit>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    pid: child.pid!,
    stdout: () => out,
    stderr: () => err,
    waitFor(re, stream) {
      return new Promise<string>((resolve, reject) => {
        waiters.push({ re, stream: stream ?? 'any', resolve });
        check();
        void exit.then((e) => {
          const i = waiters.findIndex((w) => w.re === re);
          if (i >= 0) {
            waiters.splice(i, 1);
            reject(new Error(`process exited (${e.code ?? e.signal}) before ${re}:\n${out}\n${err.slice(-4000)}`));
          }
        });
      });
    },
    exit,
  };
}

export interface ServerProc extends Proc {
  url: string;
  port: number;
}

/** `npm start` on the given folders (lexical embedder, 127.0.0.1, a free port); resolves once /health answers 200. */
export async function startServer(dirs: { corpusDir: string; indexDir: string }, env: Record<string, string> = {}): Promise<ServerProc> {
  const proc = start('server/main.ts', {
    env: { EMBEDDER: 'lexical', HOST: '127.0.0.1', PORT: '0', CORPUS_DIR: dirs.corpusDir, INDEX_DIR: dirs.indexDir, ...env },
  });
  const line = await proc.waitFor(/Assistant ready on http:\/\/127\.0\.0\.1:(\d+)/, 'stdout');
  const port = Number(/:(\d+)$/.exec(line)![1]);
  const url = `http://127.0.0.1:${port}`;
  const health = await get(`${url}/health`);
  if (health.status !== 200) throw new Error(`/health answered ${health.status}: ${health.body}`);
  return { ...proc, url, port };
}

/** `npm run ingest` on the given folders (lexical embedder). */
export function startIngest(dirs: { corpusDir: string; indexDir: string }, options: Partial<ProcessOptions> = {}): Proc {
  return start('ingest/cli.ts', {
    ...options,
    args: ['--dir', dirs.corpusDir, '--index', dirs.indexDir, '--embedder', 'lexical', ...(options.args ?? [])],
    env: options.env ?? {},
  });
}

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request on its own connection (agent: false). */
export function get(url: string, headers: Record<string, string> = {}): Promise<Reply> {
  return request(url, { method: 'GET', headers });
}

export function request(url: string, options: { method: string; headers?: Record<string, string>; body?: string | Buffer; agent?: http.Agent | false }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method, headers: options.headers ?? {}, agent: options.agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Whether a new TCP connection to the port is accepted. */
export function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A multipart/form-data body with one file field. */
export function multipart(fileName: string, content: string): { body: Buffer; type: string } {
  const boundary = `----test${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/plain\r\n\r\n`),
    Buffer.from(content, 'utf8'),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, type: `multipart/form-data; boundary=${boundary}` };
}

export interface HeldUpload {
  /** Resolves once the server has read the request head and dispatched it (100 Continue received). */
  inFlight: Promise<void>;
  /** Send the rest of the body. */
  finish(): void;
  response: Promise<Reply>;
}

/**
 * POST /api/documents whose body is held back: `Expect: 100-continue` makes the server answer
 * "100 Continue" when it dispatches the request, so the test knows the request is in flight on
 * the server before it sends SIGTERM, without guessing a delay. A slow client, for real.
 */
export function heldUpload(url: string, fileName: string, content: string): HeldUpload {
  const { body, type } = multipart(fileName, content);
  let onContinue!: () => void;
  const inFlight = new Promise<void>((r) => (onContinue = r));
  let req!: http.ClientRequest;
  const response = new Promise<Reply>((resolve, reject) => {
    req = http.request(
      `${url}/api/documents`,
      { method: 'POST', agent: false, headers: { 'Content-Type': type, 'Content-Length': String(body.length), Expect: '100-continue' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('continue', () => {
      req.write(body.subarray(0, 10));
      onContinue();
    });
    req.on('error', reject);
    req.flushHeaders();
  });
  // Tests look at the outcome only after other awaits: a rejection must not count as unhandled meanwhile.
  response.catch(() => undefined);
  return { inFlight, finish: () => req.end(body.subarray(10)), response };
}

/** Copies of the corpus documents under corpus/bulk/: enough text that an ingest takes a while. */
export async function addBulk(corpusDir: string, count: number): Promise<void> {
  const texts = readdirSync(TEST_CORPUS_DIR).map((f) => readFileSync(path.join(TEST_CORPUS_DIR, f), 'utf8'));
  await fs.mkdir(path.join(corpusDir, 'bulk'), { recursive: true });
  for (let i = 0; i < count; i++) {
    await fs.writeFile(path.join(corpusDir, 'bulk', `copie-${i}.txt`), `Copie ${i}\n\n${texts[i % texts.length]}\nVariante numéro ${i}.\n`);
  }
}

/** Kill a child still running at the end of a test (a failed assertion must not leak processes). */
export function killIfRunning(proc: Proc | null | undefined): Promise<unknown> {
  if (!proc || proc.child.exitCode !== null || proc.child.signalCode !== null) return Promise.resolve();
  proc.child.kill('SIGKILL');
  return proc.exit;
}
