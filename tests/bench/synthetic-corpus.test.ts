import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSyntheticCorpus, type SyntheticCorpus } from '../../bench/synthetic-corpus.js';
import { loadDocument, passagesOf, scanCorpus } from '../../ingest/pipeline.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CORPUS = path.join(ROOT, 'corpus');

function digest(dir: string): string {
  const hash = createHash('sha256');
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else hash.update(`${path.relative(dir, p)}\n`).update(readFileSync(p));
    }
  };
  walk(dir);
  return hash.digest('hex');
}

let tmp = '';
let a: SyntheticCorpus;
let b: SyntheticCorpus;
let other: SyntheticCorpus;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'synthetic-corpus-'));
  a = await ensureSyntheticCorpus({ passages: 250, seed: 7, sourceDir: CORPUS, outRoot: path.join(tmp, 'a') });
  b = await ensureSyntheticCorpus({ passages: 250, seed: 7, sourceDir: CORPUS, outRoot: path.join(tmp, 'b') });
  other = await ensureSyntheticCorpus({ passages: 250, seed: 8, sourceDir: CORPUS, outRoot: path.join(tmp, 'c') });
});

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('synthetic corpus generator', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    expect(digest(a.dir)).toBe(digest(b.dir));
    expect(digest(a.dir)).not.toBe(digest(other.dir));
  });

  it('yields exactly the requested passages through the real ingest pipeline', async () => {
    const scan = await scanCorpus(a.dir);
    expect(scan.skipped).toEqual([]);
    let passages = 0;
    for (const f of scan.files) passages += passagesOf(await loadDocument(f.path, a.dir)).length;
    expect(passages).toBe(250);
    expect(a.documents).toBe(scan.files.length);
  });

  it('writes article-sized files made of perturbed corpus sentences', () => {
    const files = readdirSync(path.join(a.dir, 'part-000'));
    const texts = files.map((f) => readFileSync(path.join(a.dir, 'part-000', f), 'utf8'));
    const sizes = texts.map((t) => Buffer.byteLength(t));
    // All but the last (trimmed to land on the count) are news-article sized: 1.2–12 K characters
    // drawn, plus the paragraph that crosses the drawn size and UTF-8's accents.
    expect(sizes.slice(0, -1).every((s) => s >= 1200 && s <= 16_000)).toBe(true);
    const source = readdirSync(CORPUS).map((f) => readFileSync(path.join(CORPUS, f), 'utf8')).join('\n');
    const all = texts.join('\n');
    // Recombined corpus text: long verbatim runs from the corpus survive …
    expect(all).toContain('INTERPOL');
    // … and it is perturbed: some sentences no longer occur verbatim in the corpus.
    const sentences = all.split(/(?<=[.!?])\s+/).filter((s) => s.length > 60);
    expect(sentences.some((s) => !source.includes(s))).toBe(true);
  });

  it('reuses an existing corpus when its manifest matches', async () => {
    const again = await ensureSyntheticCorpus({ passages: 250, seed: 7, sourceDir: CORPUS, outRoot: path.join(tmp, 'a') });
    expect(again.reused).toBe(true);
    expect(again.documents).toBe(a.documents);
    expect(a.reused).toBe(false);
  });

  it('refuses a non-positive size', async () => {
    await expect(ensureSyntheticCorpus({ passages: 0, sourceDir: CORPUS, outRoot: tmp })).rejects.toMatchObject({ code: 'INVALID_PARAMETER' });
  });
});
