/**
 * Graceful shutdown of the real server process (`server/main.ts` as `npm start` runs it): on
 * SIGTERM an in-flight request (a slow client's upload, held open with Expect: 100-continue)
 * still completes and its document is persisted, new connections are refused at once, idle
 * keep-alive connections do not delay the exit, and the process exits 0; past the hard deadline
 * it exits anyway (code 1). No timing assertions: the test waits on events, never on durations.
 */
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { currentGeneration } from '../../index/store/generations.js';
import { TEST_CORPUS_DIR } from '../helpers/test-index.js';
import { connects, get, heldUpload, killIfRunning, startServer, type ServerProc } from './process-helpers.js';

let dir: string;
let dirs: { corpusDir: string; indexDir: string };
let server: ServerProc | null = null;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'shutdown-'));
  dirs = { corpusDir: path.join(dir, 'corpus'), indexDir: path.join(dir, 'index') };
  await fs.cp(TEST_CORPUS_DIR, dirs.corpusDir, { recursive: true });
});
afterEach(async () => {
  await killIfRunning(server);
  server = null;
  await fs.rm(dir, { recursive: true, force: true });
});

const NOTE = 'Note de service\n\nLe bureau régional de Lyon organise une formation sur la cybercriminalité en mars 2024.\n';

describe('SIGTERM', () => {
  it('lets the in-flight request finish (its upload is persisted), refuses new connections, exits 0', async () => {
    server = await startServer(dirs);
    // An idle keep-alive connection, as a browser leaves one: it must not hold the exit back.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const warm = await new Promise<number>((resolve, reject) => {
      http.get(`${server!.url}/health`, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      }).on('error', reject);
    });
    expect(warm).toBe(200);

    const upload = heldUpload(server.url, 'note-lyon.txt', NOTE);
    await upload.inFlight;
    server.child.kill('SIGTERM');
    await server.waitFor(/"msg":"shutting down"/, 'stderr');

    // The listening socket is closed as soon as the signal is handled.
    expect(await connects(server.port)).toBe(false);

    // The slow client now sends the rest: the request completes normally.
    upload.finish();
    const res = await upload.response;
    expect(res.status).toBe(201);
    expect(res.headers['connection']).toBe('close');
    expect(JSON.parse(res.body)).toMatchObject({ source: expect.stringContaining('note-lyon') });

    expect(await server.exit).toEqual({ code: 0, signal: null });
    expect(server.stderr()).toMatch(/"msg":"all requests finished"/);
    agent.destroy();

    // Nothing lost: the uploaded document is in the corpus and in the committed index.
    const uploads = await fs.readdir(path.join(dirs.corpusDir, 'uploads'));
    expect(uploads.some((f) => f.includes('note-lyon'))).toBe(true);
    const gen = (await currentGeneration(dirs.indexDir))!;
    const manifest = JSON.parse(await fs.readFile(path.join(gen, 'manifest.json'), 'utf8')) as { documents: Record<string, unknown> };
    expect(Object.keys(manifest.documents).some((s) => s.includes('note-lyon'))).toBe(true);
    expect(existsSync(path.join(dirs.indexDir, 'ingest.lock'))).toBe(false);
  }, 120_000);

  it('with nothing in flight, exits 0 at once; the restarted server serves the same index', async () => {
    server = await startServer(dirs);
    const before = JSON.parse((await get(`${server.url}/health`)).body) as { passages: number };
    server.child.kill('SIGTERM');
    expect(await server.exit).toEqual({ code: 0, signal: null });
    server = await startServer(dirs);
    const after = JSON.parse((await get(`${server.url}/health`)).body) as { passages: number };
    expect(after.passages).toBe(before.passages);
    // Fresh index: no re-ingest on the second start.
    expect(server.stderr()).not.toMatch(/index needs ingest/);
  }, 120_000);

  it('past the hard deadline, ends the stuck request and exits anyway (code 1)', async () => {
    server = await startServer(dirs, { SHUTDOWN_TIMEOUT_MS: '300' });
    const upload = heldUpload(server.url, 'jamais-fini.txt', NOTE);
    await upload.inFlight;
    server.child.kill('SIGTERM');
    // The client never sends the rest of its body.
    expect(await server.exit).toEqual({ code: 1, signal: null });
    expect(server.stderr()).toMatch(/"msg":"shutdown forced; ending open connections"/);
    await expect(upload.response).rejects.toThrow(/socket hang up|ECONNRESET/);
    // The half-received upload left nothing behind.
    expect(existsSync(path.join(dirs.corpusDir, 'uploads'))).toBe(false);
  }, 120_000);

  it('a second signal forces the exit', async () => {
    server = await startServer(dirs);
    const upload = heldUpload(server.url, 'jamais-fini.txt', NOTE);
    await upload.inFlight;
    server.child.kill('SIGTERM');
    await server.waitFor(/"msg":"shutting down"/, 'stderr');
    server.child.kill('SIGINT');
    expect(await server.exit).toEqual({ code: 1, signal: null });
    await expect(upload.response).rejects.toThrow();
  }, 120_000);
});
