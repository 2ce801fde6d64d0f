/**
 * The listening socket of a real `npm start` (server/main.ts): bound to 127.0.0.1 by default (no
 * connection through another interface), refusing to start on a network address without API_KEY
 * (one line saying how), and closing an upload whose body stalls instead of holding it 300 s.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { TEST_CORPUS_DIR } from '../helpers/test-index.js';
import { killIfRunning, ROOT, startServer, type Proc } from './process-helpers.js';

const running: Proc[] = [];
afterEach(async () => {
  for (const p of running.splice(0)) await killIfRunning(p);
});
const temps: string[] = [];
afterAll(async () => {
  for (const d of temps) await fs.rm(d, { recursive: true, force: true });
});
async function dirs() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'network-'));
  temps.push(dir);
  const corpusDir = path.join(dir, 'corpus');
  await fs.cp(TEST_CORPUS_DIR, corpusDir, { recursive: true });
  return { corpusDir, indexDir: path.join(dir, 'index') };
}

/** A non-loopback IPv4 address of this machine, if it has one. */
function externalAddress(): string | null {
  for (const list of Object.values(os.networkInterfaces())) for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  return null;
}

const connects = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect({ host, port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });

describe('listen address', () => {
  it('defaults to 127.0.0.1: reachable on loopback, not through another interface', async () => {
    const server = await startServer(await dirs(), { HOST: '' });
    running.push(server);
    expect(await connects('127.0.0.1', server.port)).toBe(true);
    const external = externalAddress();
    if (external) expect(await connects(external, server.port)).toBe(false);
  }, 120_000);

  it('refuses a network address without API_KEY, in one line saying how, before doing any work', async () => {
    const d = await dirs();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/main.ts')], {
      cwd: ROOT,
      env: { ...process.env, HOST: '0.0.0.0', PORT: '0', EMBEDDER: 'lexical', CORPUS_DIR: d.corpusDir, INDEX_DIR: d.indexDir, API_KEY: '', ALLOW_REMOTE_WITHOUT_KEY: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(2);
    expect(err).toMatch(/^start: Refusing to listen on 0\.0\.0\.0 without API_KEY .*set API_KEY=<secret>, or HOST=127\.0\.0\.1, or ALLOW_REMOTE_WITHOUT_KEY=true/m);
    // Nothing was built.
    await expect(fs.stat(d.indexDir)).rejects.toMatchObject({ code: 'ENOENT' });
  }, 60_000);
});

describe('a stalled upload body', () => {
  it('has its socket closed after UPLOAD_IDLE_TIMEOUT_MS, not 300 s; the server keeps answering', async () => {
    const server = await startServer(await dirs(), { UPLOAD_IDLE_TIMEOUT_MS: '1000' });
    running.push(server);
    const socket = net.connect({ host: '127.0.0.1', port: server.port });
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const boundary = 'stall';
    socket.write(
      `POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\n` +
        `Content-Length: 100000\r\n\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="lent.txt"\r\n\r\nDébut`,
    );
    const started = Date.now();
    await new Promise<void>((resolve) => socket.once('close', () => resolve()));
    // Closed by the idle timeout (1 s), far from Node's 300 s request timeout.
    expect(Date.now() - started).toBeLessThan(60_000);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  }, 120_000);
});
