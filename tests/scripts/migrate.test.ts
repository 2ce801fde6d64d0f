/**
 * The migrate CLI end to end: a real child process, a real HNSW folder, real pgvector (PGlite
 * served over the wire protocol by this test process).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HnswStore } from '../../index/store/hnsw.js';
import { VectorsOnlyEmbeddings } from '../../index/store/open.js';
import { PgStore } from '../../index/store/postgres.js';
import { parseMigrateArgs } from '../../scripts/migrate.js';
import { startPglite, type PgliteServer } from '../helpers/pglite.js';
import { buildHnswFixture } from '../index/store/fixture-index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let server: PgliteServer;
let tmp: string;
let from: string;

beforeAll(async () => {
  server = await startPglite();
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'migrate-cli-'));
  from = path.join(tmp, 'index');
  await buildHnswFixture(from);
});
afterAll(async () => {
  await server?.stop();
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('scripts/migrate.ts', () => {
  it('--to postgres copies the index, verifies it, and refuses to overwrite without --replace', async () => {
    const ok = await cli(['--to', 'postgres', '--from', from, '--table-prefix', 'cli_', '--batch', '50'], { DATABASE_URL: server.url });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/copied\s+4 documents, 120 passages in 3 batches/);
    expect(ok.stdout).toMatch(/top hit equal for 32\/32/);
    expect(ok.stdout).toContain('postgres://postgres:***@');

    const store = await PgStore.open({ connectionString: server.url, tablePrefix: 'cli_', poolMax: 1 });
    try {
      expect(await store.count()).toBe(120);
    } finally {
      await store.close();
    }

    const again = await cli(['--to', 'postgres', '--from', from, '--table-prefix', 'cli_', '--database-url', server.url]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/not empty.*--replace/);

    const replaced = await cli(['--to', 'postgres', '--from', from, '--table-prefix', 'cli_', '--database-url', server.url, '--replace']);
    expect(replaced.code).toBe(0);
  });

  it('--to hnsw writes a verified index folder from Postgres', async () => {
    await cli(['--to', 'postgres', '--from', from, '--table-prefix', 'back_', '--database-url', server.url]);
    const out = path.join(tmp, 'from-pg');
    const res = await cli(['--to', 'hnsw', '--out', out, '--table-prefix', 'back_', '--database-url', server.url]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const loaded = await HnswStore.load(new VectorsOnlyEmbeddings(), { root: out });
    const original = await HnswStore.load(new VectorsOnlyEmbeddings(), { root: from });
    expect(await loaded.listPassages()).toStrictEqual(await original.listPassages());
    expect(loaded.manifest().documents).toEqual(original.manifest().documents);
  });

  it('reports a missing source, an unreachable database and bad flags with exit codes', async () => {
    const missing = await cli(['--to', 'postgres', '--from', path.join(tmp, 'nothing'), '--database-url', server.url]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/No index at/);

    const down = await cli(['--to', 'hnsw', '--out', path.join(tmp, 'x'), '--database-url', 'postgres://u:hunter2@127.0.0.1:1/db']);
    expect(down.code).toBe(3);
    expect(down.stderr).toMatch(/Cannot reach the Postgres store at postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/db/);
    expect(down.stderr).not.toContain('hunter2');

    expect(() => parseMigrateArgs(['--to', 'mysql'], { DATABASE_URL: 'postgres://x' })).toThrow(/--to must be postgres or hnsw/);
    expect(() => parseMigrateArgs(['--to', 'postgres'], {})).toThrow(/--database-url/);
    expect(() => parseMigrateArgs(['--to', 'postgres', '--batch', '0'], { DATABASE_URL: 'postgres://x' })).toThrow(/positive integer/);
    expect(parseMigrateArgs(['--to', 'postgres'], { DATABASE_URL: 'postgres://x', INDEX_DIR: 'idx' })).toMatchObject({ dir: 'idx', databaseUrl: 'postgres://x' });
  });
});
