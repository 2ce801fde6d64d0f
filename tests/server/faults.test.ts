/**
 * Persistence under faults, on real processes and real files:
 * - a running server keeps answering while an ingest of its index is killed with SIGKILL midway,
 *   and afterwards; the next start takes over the dead ingest's lock and completes the ingest;
 * - `npm start` (server/main.ts) rebuilds a corrupted or partial index and serves, instead of
 *   crashing (or crash-looping under a supervisor); `npm run ingest` names the problem and the fix;
 * - unreadable, binary, empty and huge corpus files are skipped with a warning, the rest ingested;
 * - a second concurrent ingest is refused by the lock (exit code 5, a message naming the holder).
 * Ingests that must be "in the middle" are frozen with SIGSTOP once they report progress, so the
 * tests never depend on how long anything takes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger, silentLogger } from '../../core/logger.js';
import { createEmbedder } from '../../index/embedders/auto.js';
import { acquireIndexLock } from '../../index/lock.js';
import { currentGeneration } from '../../index/store/generations.js';
import { indexStatus, updateIndex } from '../../ingest/indexer.js';
import { TEST_CORPUS_DIR } from '../helpers/test-index.js';
import { addBulk, get, killIfRunning, multipart, request, ROOT, startIngest, startServer, type ProcessOptions, type Proc } from './process-helpers.js';

const running: Proc[] = [];
const track = <T extends Proc>(p: T): T => {
  running.push(p);
  return p;
};
afterEach(async () => {
  for (const p of running.splice(0)) {
    if (p.child.signalCode === null && p.child.exitCode === null) p.child.kill('SIGCONT');
    await killIfRunning(p);
  }
});

const temps: string[] = [];
async function tempDirs(prefix: string, withCorpus = true) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  const dirs = { dir, corpusDir: path.join(dir, 'corpus'), indexDir: path.join(dir, 'index') };
  if (withCorpus) await fs.cp(TEST_CORPUS_DIR, dirs.corpusDir, { recursive: true });
  return dirs;
}
afterAll(async () => {
  for (const d of temps) await fs.rm(d, { recursive: true, force: true });
});

interface Health {
  documents: number;
  passages: number;
}
const health = async (url: string) => JSON.parse((await get(`${url}/health`)).body) as Health;
const searchOk = async (url: string) => {
  const res = await get(`${url}/api/search?q=${encodeURIComponent('Qui dirige INTERPOL ?')}&k=3`);
  expect(res.status).toBe(200);
  expect((JSON.parse(res.body) as { results: unknown[] }).results.length).toBe(3);
};
const upload = (url: string, name: string, text: string) => {
  const { body, type } = multipart(name, text);
  return request(`${url}/api/documents`, { method: 'POST', headers: { 'Content-Type': type }, body });
};

const PROGRESS = /"msg":"embedding passages","done":\d+/;

describe('an ingest killed with SIGKILL while the server runs', () => {
  it('never interrupts the server; the next start takes over the stale lock and completes the ingest', async () => {
    const dirs = await tempDirs('faults-kill-');
    const server = track(await startServer(dirs));
    const before = await health(server.url);
    const current = readFileSync(path.join(dirs.indexDir, 'CURRENT'), 'utf8');

    await addBulk(dirs.corpusDir, 300);
    const ingest = track(startIngest(dirs));
    await ingest.waitFor(PROGRESS, 'stderr');
    ingest.child.kill('SIGSTOP'); // frozen midway, holding the lock

    // During: the server answers from the index it loaded; a live upload is refused by the lock.
    await searchOk(server.url);
    expect(await health(server.url)).toMatchObject({ documents: before.documents, passages: before.passages });
    const refused = await upload(server.url, 'pendant.txt', 'Un document envoyé pendant une ingestion.\n');
    expect(refused.status).toBe(409);
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'INGEST_LOCKED' } });

    ingest.child.kill('SIGKILL');
    expect(await ingest.exit).toEqual({ code: null, signal: 'SIGKILL' });

    // After: still answering, the committed index untouched, the dead process's lock left behind.
    await searchOk(server.url);
    expect(await health(server.url)).toMatchObject({ documents: before.documents });
    expect(readFileSync(path.join(dirs.indexDir, 'CURRENT'), 'utf8')).toBe(current);
    expect(existsSync(path.join(dirs.indexDir, 'ingest.lock'))).toBe(true);
    // The server itself takes over the stale lock for a live upload.
    const accepted = await upload(server.url, 'apres.txt', 'Le centre de formation de Lyon ouvre ses portes en 2025.\n');
    expect(accepted.status).toBe(201);
    expect((await health(server.url)).documents).toBe(before.documents + 1);

    server.child.kill('SIGTERM');
    expect((await server.exit).code).toBe(0);

    // Next `npm start`: the corpus has 300 more files than the index; it ingests them and serves.
    const again = track(await startServer(dirs));
    expect(again.stderr()).toMatch(/"msg":"index needs ingest","state":"stale"/);
    const after = await health(again.url);
    expect(after.documents).toBe(before.documents + 1 + 300);
    await searchOk(again.url);
    expect(existsSync(path.join(dirs.indexDir, 'ingest.lock'))).toBe(false);
    const leftovers = (await fs.readdir(dirs.indexDir)).filter((e) => e.startsWith('.tmp-'));
    expect(leftovers).toEqual([]);
  }, 180_000);
});

describe('a corrupted or partial index', () => {
  let template: Awaited<ReturnType<typeof tempDirs>>;
  beforeAll(async () => {
    template = await tempDirs('faults-template-');
    await updateIndex({ corpusDir: template.corpusDir, indexDir: template.indexDir, databaseUrl: null, embedder: createEmbedder('lexical', {}, silentLogger) });
  });

  /** A copy of the healthy index to damage. */
  async function copy() {
    const dirs = await tempDirs('faults-corrupt-', false);
    await fs.cp(template.corpusDir, dirs.corpusDir, { recursive: true });
    await fs.cp(template.indexDir, dirs.indexDir, { recursive: true });
    return { ...dirs, gen: (await currentGeneration(dirs.indexDir))! };
  }

  const CASES: [string, 'corrupt' | 'missing', (d: { indexDir: string; gen: string }) => Promise<void>][] = [
    ['hnswlib.index truncated', 'corrupt', async ({ gen }) => {
      const f = path.join(gen, 'hnswlib.index');
      const bytes = await fs.readFile(f);
      await fs.writeFile(f, bytes.subarray(0, bytes.length >> 1));
    }],
    ['hnswlib.index overwritten with zeros (same size)', 'corrupt', async ({ gen }) => {
      const f = path.join(gen, 'hnswlib.index');
      await fs.writeFile(f, Buffer.alloc((await fs.stat(f)).size));
    }],
    ['docstore.json not JSON', 'corrupt', async ({ gen }) => fs.writeFile(path.join(gen, 'docstore.json'), '[[["0",{"pageContent":')],
    ['manifest.json not JSON', 'corrupt', async ({ gen }) => fs.writeFile(path.join(gen, 'manifest.json'), '{"formatVersion": 1, "embed')],
    ['manifest.json missing', 'corrupt', async ({ gen }) => fs.rm(path.join(gen, 'manifest.json'))],
    ['manifest.json valid JSON of the wrong shape', 'corrupt', async ({ gen }) => fs.writeFile(path.join(gen, 'manifest.json'), '{"hello":"world"}')],
    ['generation folder emptied', 'corrupt', async ({ gen }) => {
      for (const f of await fs.readdir(gen)) await fs.rm(path.join(gen, f));
    }],
    ['CURRENT pointing to a missing folder', 'missing', async ({ indexDir }) => fs.writeFile(path.join(indexDir, 'CURRENT'), 'gen-doesnotexist-00000000\n')],
    ['CURRENT pointing outside the index', 'missing', async ({ indexDir }) => fs.writeFile(path.join(indexDir, 'CURRENT'), '../../etc\n')],
    ['CURRENT empty', 'missing', async ({ indexDir }) => fs.writeFile(path.join(indexDir, 'CURRENT'), '')],
  ];

  it.each(CASES)('%s: npm start rebuilds it from the corpus and serves', async (_label, state, damage) => {
    const dirs = await copy();
    await damage(dirs);
    const server = track(await startServer(dirs));
    expect(server.stderr()).toContain(`"msg":"index needs ingest","state":"${state}"`);
    expect((await health(server.url)).documents).toBe(5);
    await searchOk(server.url);
    server.child.kill('SIGTERM');
    expect((await server.exit).code).toBe(0);
    // Rebuilt for good: the next start would find it fresh.
    const status = await indexStatus({ ...dirs, databaseUrl: null, embedder: createEmbedder('lexical', {}, silentLogger) });
    expect(status.state).toBe('fresh');
  }, 120_000);

  it('npm run ingest names the damage and the fix (exit 4), and --rebuild repairs it', async () => {
    const dirs = await copy();
    await fs.writeFile(path.join(dirs.gen, 'hnswlib.index'), 'garbage');
    const plain = track(startIngest(dirs));
    expect((await plain.exit).code).toBe(4);
    expect(plain.stderr()).toMatch(/^ingest: hnswlib\.index in .* is damaged .*\n {2}→ Rebuild with `npm run ingest -- --rebuild`/m);
    expect(plain.stderr()).not.toMatch(/\n\s+at /); // no stack trace for an expected failure
    const rebuild = track(startIngest(dirs, { args: ['--rebuild'] }));
    expect((await rebuild.exit).code).toBe(0);
    expect(rebuild.stdout()).toMatch(/^Indexed 5 documents/);
  }, 120_000);
});

describe('bad files in the corpus folder', () => {
  it('binary, empty, unsupported and huge files are skipped with a warning; the rest is ingested', async () => {
    const dirs = await tempDirs('faults-files-');
    const c = dirs.corpusDir;
    await fs.writeFile(path.join(c, 'vide.txt'), '');
    await fs.writeFile(path.join(c, 'blancs.md'), '   \n\n\t\n');
    await fs.writeFile(path.join(c, 'binaire.txt'), Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919 + 13) % 256)));
    await fs.writeFile(path.join(c, 'faux.pdf'), 'ceci n’est pas un PDF');
    await fs.writeFile(path.join(c, 'archive.zip'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]));
    // 60 MB without using 60 MB of disk: a sparse file, over the 50 MB scan limit.
    const huge = await fs.open(path.join(c, 'enorme.txt'), 'w');
    await huge.truncate(60 * 1024 * 1024);
    await huge.close();
    const logger = memoryLogger('warn');
    const report = await updateIndex({ corpusDir: c, indexDir: dirs.indexDir, databaseUrl: null, embedder: createEmbedder('lexical', {}, silentLogger), logger });
    expect(report.documents).toBe(5);
    const bad = ['vide.txt', 'blancs.md', 'binaire.txt', 'faux.pdf', 'archive.zip', 'enorme.txt'];
    const skipped = Object.fromEntries(report.skipped.map((s) => [s.source, s.reason]));
    expect(Object.keys(skipped).sort()).toEqual([...bad].sort());
    expect(skipped['enorme.txt']).toMatch(/too large/);
    const warned = new Set(logger.lines.filter((l) => l.level === 'warn' && l.msg === 'skipping file').map((l) => l.fields['source']));
    for (const f of bad) expect(warned.has(f), `warning for ${f}`).toBe(true);
  }, 120_000);

  it('a file over the pipeline size limit is skipped at the scan, before being read', async () => {
    const dirs = await tempDirs('faults-limit-');
    await fs.writeFile(path.join(dirs.corpusDir, 'long.txt'), 'Une phrase assez longue sur INTERPOL et la coopération policière. '.repeat(40_000));
    const report = await updateIndex({
      corpusDir: dirs.corpusDir,
      indexDir: dirs.indexDir,
      databaseUrl: null,
      embedder: createEmbedder('lexical', {}, silentLogger),
      pipeline: { maxFileBytes: 1024 * 1024 },
    });
    expect(report.documents).toBe(5);
    expect(report.skipped).toEqual([{ source: 'long.txt', reason: expect.stringMatching(/file too large \(\d+ bytes > limit 1048576\)/) }]);
  }, 60_000);

  const isRoot = process.getuid?.() === 0;
  it(`an unreadable file (chmod 000) is skipped with a warning${isRoot ? ' (running as root, which reads anything: the ingest runs without the file-permission override)' : ''}`, async (ctx) => {
    const dirs = await tempDirs('faults-unreadable-');
    const secret = path.join(dirs.corpusDir, 'secret.txt');
    await fs.writeFile(secret, 'Un document confidentiel sur INTERPOL.\n');
    await fs.chmod(secret, 0o000);
    if (!isRoot) {
      const logger = memoryLogger('warn');
      const report = await updateIndex({ ...dirs, databaseUrl: null, embedder: createEmbedder('lexical', {}, silentLogger), logger });
      expect(report.documents).toBe(5);
      expect(report.skipped).toEqual([{ source: 'secret.txt', reason: 'unreadable (EACCES)' }]);
      expect(logger.lines.some((l) => l.msg === 'skipping file' && l.fields['source'] === 'secret.txt')).toBe(true);
      return;
    }
    // Root bypasses file permissions through two capabilities; the ingest runs without them.
    const run = await unprivilegedRun(dirs);
    if ('skip' in run) {
      ctx.skip(run.skip);
      return;
    }
    const ingest = track(startIngest(dirs, run.options));
    const exit = await ingest.exit;
    expect(exit.code, ingest.stderr().slice(-2000)).toBe(0);
    expect(ingest.stdout()).toMatch(/^Indexed 5 documents/);
    expect(ingest.stdout()).toContain('skipped secret.txt: unreadable (EACCES)');
    expect(ingest.stderr()).toMatch(/"level":"warn","msg":"skipping file","source":"secret\.txt","reason":"unreadable \(EACCES\)"/);
  }, 120_000);
});

/**
 * How root can run the ingest so that chmod 000 applies to it:
 * 1. as root without CAP_DAC_OVERRIDE / CAP_DAC_READ_SEARCH (util-linux `setpriv`): it keeps
 *    reaching what root owns — the checkout and its node_modules, even under a 0700 folder —
 *    while a mode-000 file is refused like for anyone;
 * 2. else as uid 65534, when that user can reach node_modules (a checkout others can enter);
 * 3. else the test is skipped, saying why.
 * Each way is probed first with a child that only checks it can read the checkout's tsx.
 */
async function unprivilegedRun(dirs: { dir: string; corpusDir: string; indexDir: string }): Promise<{ options: Partial<ProcessOptions> } | { skip: string }> {
  const probe = path.join(ROOT, 'node_modules', 'tsx', 'package.json');
  const reaches = (command: string, args: string[], ids: { uid?: number; gid?: number } = {}) =>
    spawnSync(command, [...args, process.execPath, '-e', `require('node:fs').readFileSync(${JSON.stringify(probe)})`], { stdio: 'ignore', ...ids }).status === 0;
  const setpriv = ['setpriv', '--bounding-set', '-dac_override,-dac_read_search', '--'];
  if (reaches(setpriv[0]!, setpriv.slice(1))) return { options: { wrapper: setpriv } };
  const NOBODY = 65534;
  if (reaches('env', [], { uid: NOBODY, gid: NOBODY })) {
    for (const d of [dirs.dir, dirs.corpusDir]) await fs.chmod(d, 0o755);
    for (const f of await fs.readdir(dirs.corpusDir)) if (f !== 'secret.txt') await fs.chmod(path.join(dirs.corpusDir, f), 0o644);
    await fs.mkdir(dirs.indexDir);
    await fs.chown(dirs.indexDir, NOBODY, NOBODY);
    return { options: { uid: NOBODY, gid: NOBODY } };
  }
  return { skip: `neither setpriv (dropping CAP_DAC_OVERRIDE) nor uid ${NOBODY} can reach ${probe}; chmod 000 does not stop root from reading` };
}

describe('the ingest lock', () => {
  const otherLive = (token = 'other') => JSON.stringify({ pid: process.ppid, since: 'test', token });

  it('release() never removes a lock another process took over; assertHeld() reports the takeover', async () => {
    const { indexDir } = await tempDirs('faults-lockfile-', false);
    const lock = await acquireIndexLock(indexDir);
    await lock.assertHeld();
    // Another (live) process replaced the file, e.g. after wrongly judging ours stale.
    await fs.writeFile(lock.file, otherLive());
    await expect(lock.assertHeld()).rejects.toMatchObject({ code: 'INGEST_LOCKED', message: expect.stringMatching(/taken over/) });
    await lock.release();
    expect(JSON.parse(readFileSync(lock.file, 'utf8'))).toMatchObject({ token: 'other' });
  });

  it('a second holder in the same process is refused; a lock left by an earlier process with our pid is stale', async () => {
    const { indexDir } = await tempDirs('faults-lockfile-', false);
    const first = await acquireIndexLock(indexDir);
    await expect(acquireIndexLock(indexDir)).rejects.toMatchObject({ code: 'INGEST_LOCKED' });
    await first.release();
    expect(existsSync(first.file)).toBe(false);
    // pid 1 in a restarted container: same pid, unknown token → taken over.
    await fs.writeFile(first.file, JSON.stringify({ pid: process.pid, since: 'before the restart', token: 'gone' }));
    const again = await acquireIndexLock(indexDir);
    await again.release();
  });

  it.each([
    ['empty', ''],
    ['junk', 'not json'],
    ['pid 0 (would probe a process group)', JSON.stringify({ pid: 0 })],
    ['negative pid', JSON.stringify({ pid: -1 })],
    ['dead pid', JSON.stringify({ pid: 999_999_99, since: 'long ago' })],
  ])('a %s lock file is stale and taken over', async (_label, content) => {
    const { indexDir } = await tempDirs('faults-lockfile-', false);
    await fs.mkdir(indexDir, { recursive: true });
    await fs.writeFile(path.join(indexDir, 'ingest.lock'), content);
    const lock = await acquireIndexLock(indexDir);
    await lock.assertHeld();
    await lock.release();
    expect(await fs.readdir(indexDir)).toEqual([]);
  });
});

describe('two ingests at once', () => {
  it('the second is refused by the lock (exit 5, names the holder); the first completes', async () => {
    const dirs = await tempDirs('faults-lock-');
    await addBulk(dirs.corpusDir, 100);
    const first = track(startIngest(dirs));
    await first.waitFor(PROGRESS, 'stderr');
    first.child.kill('SIGSTOP'); // still alive, still holding the lock, whatever the machine's speed

    const second = track(startIngest(dirs));
    expect((await second.exit).code).toBe(5);
    expect(second.stderr()).toMatch(
      new RegExp(`^ingest: Another ingest \\(pid ${first.pid}, since [^)]+\\) is writing .*\\n {2}→ Another ingest is running; wait for it or remove a stale lock file\\.`, 'm'),
    );
    expect(second.stdout()).toBe('');

    first.child.kill('SIGCONT');
    expect((await first.exit).code).toBe(0);
    expect(first.stdout()).toMatch(/^Indexed 105 documents/);
    expect(existsSync(path.join(dirs.indexDir, 'ingest.lock'))).toBe(false);
  }, 120_000);
});
