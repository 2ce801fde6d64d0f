/**
 * The README's examples hold: its HTTP examples (the bash block of "HTTP API") run as written —
 * real curl, real bash — against a real server (real index of a copy of corpus/, uploads on), each
 * curl failing the script on an HTTP error; every `npm run <script>` it names exists, and every
 * `npx tsx <file>` / `node <file>` it names is in the repository. (`npm run bench -- --quick` is run
 * by tests/bench/bench.test.ts, `npm run eval` by tests/eval/.)
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../web/server.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** The fenced ```bash blocks of a README section (from its heading to the next one of the same level). */
function bashBlocks(heading: string): string[] {
  const start = README.indexOf(`\n${heading}\n`);
  expect(start, heading).toBeGreaterThan(0);
  const level = heading.split(' ')[0]!;
  const rest = README.slice(start + heading.length + 2);
  const next = rest.search(new RegExp(`\\n${level} `));
  const section = next < 0 ? rest : rest.slice(0, next);
  return [...section.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

let server: AppServer;
let work = '';

beforeAll(async () => {
  server = await startAppServer();
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'readme-'));
  // The upload example sends ./rapport.pdf: a small real PDF.
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf.addPage([595, 842]).drawText('Rapport annuel : INTERPOL a ouvert un bureau a Vienne en 2019.', { x: 50, y: 780, size: 12, font });
  await fs.writeFile(path.join(work, 'rapport.pdf'), await pdf.save());
}, 120_000);
afterAll(async () => {
  await server?.close();
  if (work) await fs.rm(work, { recursive: true, force: true });
});

describe('README', () => {
  it('HTTP API examples run as written and succeed', async () => {
    const blocks = bashBlocks('### HTTP API');
    expect(blocks).toHaveLength(1);
    const script = blocks[0]!;
    expect(script).toContain('curl');
    const host = server.url.replace(/^http:\/\//, '');
    // Each curl fails the script on an HTTP error status (and shows the body); a newline after each
    // output keeps them apart.
    const prelude = ['set -euo pipefail', 'curl() { command curl --fail-with-body "$@"; }'].join('\n');
    const body = script
      .replaceAll('localhost:3000', host)
      .split('\n')
      .map((line) => (line.startsWith('curl ') ? `${line}; echo` : line))
      .join('\n');
    // Asynchronously: the server answering curl lives in this process.
    const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn('bash', ['-c', `${prelude}\n${body}`], { cwd: work, timeout: 60_000 });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
    expect(run.status, `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`).toBe(0);
    expect(run.stdout.split('\n').filter((l) => l.trim()).length).toBeGreaterThanOrEqual((body.match(/^curl /gm) ?? []).length);
    // What each one says, roughly: search results, answers, a stream that ends, a list, an upload.
    expect(run.stdout).toContain('"results":[');
    expect(run.stdout).toContain('event: done');
    expect(run.stdout).toContain('"conversations":[');
    expect(run.stdout).toMatch(/"source":"uploads\/rapport\.pdf"/);
    expect(run.stdout).toContain('Vienne en 2019');
  }, 120_000);

  it('names only npm scripts that exist and files that are in the repository', () => {
    const scripts = Object.keys((JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);
    const named = [...README.matchAll(/npm run ([a-z][\w:-]*)/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter((n) => !scripts.includes(n))).toEqual([]);
    const files = [...README.matchAll(/(?:npx tsx|node(?: --import tsx)?) ((?:[\w.-]+\/)+[\w.-]+\.(?:ts|mjs|js))/g)].map((m) => m[1]!);
    expect(files.length).toBeGreaterThan(3);
    expect(files.filter((f) => !existsSync(path.join(ROOT, f)))).toEqual([]);
  });
});
