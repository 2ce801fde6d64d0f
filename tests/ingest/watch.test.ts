/**
 * The watched corpus folder on a real file system watcher (chokidar), a real HNSW index over a temp
 * copy of corpus/ and the lexical embedder. Changes are made the way people make them (copy a file
 * in, overwrite it, delete it); the test polls for the resulting state, never sleeps a fixed time.
 */
import { cpSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../core/logger.js';
import { indexStatus } from '../../ingest/indexer.js';
import { addDocument, createLiveContext, removeDocument, type LiveContext } from '../../ingest/live.js';
import { watchCorpus, type CorpusWatcher } from '../../ingest/watch.js';
import { buildTestIndex, TEST_CORPUS_DIR, type TestIndex } from '../helpers/test-index.js';

let dir: string;
let corpus: string;
let index: TestIndex;
let live: LiveContext;
let watcher: CorpusWatcher;
let log: ReturnType<typeof memoryLogger>;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'watch-'));
  corpus = path.join(dir, 'corpus');
  cpSync(TEST_CORPUS_DIR, corpus, { recursive: true });
  index = await buildTestIndex({ corpusDir: corpus });
  log = memoryLogger('debug');
  live = createLiveContext(index.service, { corpusDir: corpus, indexDir: index.indexDir, logger: log });
  watcher = await watchCorpus(live);
});
afterEach(async () => {
  await watcher.close();
  await index.close();
  await fs.rm(dir, { recursive: true, force: true });
});

/** Poll until `condition` holds (the watcher debounces and waits for writes to settle). */
async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}\nlog:\n${log.lines.map((l) => `${l.level} ${l.msg}`).join('\n')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const has = (source: string) => index.service.documents().some((d) => d.source === source);
const logged = (level: string, msg: string | RegExp) => log.lines.some((l) => l.level === level && (typeof msg === 'string' ? l.msg === msg : msg.test(l.msg)));
const fresh = async () => {
  await watcher.idle();
  return indexStatus({ corpusDir: corpus, indexDir: index.indexDir, databaseUrl: null, embedder: index.embedder });
};

const PAGE = (extra: string) => `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Formation</title></head>
<body><main><h1>Une session de formation en Islande</h1>
<p>Le centre de formation de Reykjavik a accueilli 65 enquêteurs spécialisés dans la pêche illégale.</p><p>${extra}</p></main></body></html>`;

describe('watchCorpus', () => {
  it('ingests a file copied into the folder, re-ingests it when changed, forgets it when deleted — one log line each', async () => {
    const outside = path.join(dir, 'formation.html');
    await fs.writeFile(outside, PAGE('La session a réuni des agents de douze pays.'));
    await fs.mkdir(path.join(corpus, 'arrivées'));
    const target = path.join(corpus, 'arrivées', 'formation.html');
    await fs.copyFile(outside, target);

    const source = 'arrivées/formation.html';
    // The log line comes last (after flush and refresh): wait for it, not for the manifest entry.
    await waitFor('the copied file is indexed', () => logged('info', new RegExp(`^watch: added ${source} `)));
    expect(has(source)).toBe(true);
    const top = (await index.retriever.search('centre de formation de Reykjavik, pêche illégale', { k: 3 })).hits[0];
    expect(top?.passage.source).toBe(source);
    const passages = index.service.passagesOf(source).length;
    expect(logged('info', `watch: added ${source} (${passages} passages)`)).toBe(true);

    await fs.writeFile(target, PAGE('Un module sur les drones maritimes a été ajouté au programme.'));
    await waitFor('the change is indexed', () => logged('info', new RegExp(`^watch: updated ${source} \\(\\d+ passages\\)$`)));
    expect(index.service.passagesOf(source).some((p) => p.text.includes('drones maritimes'))).toBe(true);
    expect(index.service.passagesOf(source).some((p) => p.text.includes('douze pays'))).toBe(false);

    await fs.rm(target);
    await waitFor('the deletion is applied', () => logged('info', new RegExp(`^watch: removed ${source} \\(\\d+ passages\\)$`)));
    expect(has(source)).toBe(false);
    expect((await index.retriever.search('Reykjavik enquêteurs', { k: 10 })).hits.some((h) => h.passage.source === source)).toBe(false);
    expect(log.lines.filter((l) => l.level === 'info' && l.msg.startsWith('watch: ') && l.msg.includes(source))).toHaveLength(3);
    expect(await fresh()).toEqual({ state: 'fresh', reasons: [] });
  });

  it('follows a whole folder copied in and then deleted', async () => {
    const folder = path.join(dir, 'lot');
    await fs.mkdir(folder);
    await fs.writeFile(path.join(folder, 'hobart.txt'), 'Le port de Hobart a reçu deux chiens détecteurs en 2020.\n');
    await fs.writeFile(path.join(folder, 'tromso.md'), '# Tromsø\n\nLe port de Tromsø a reçu un scanner mobile pour les conteneurs.\n');
    await fs.cp(folder, path.join(corpus, 'lot'), { recursive: true });
    await waitFor('both files are indexed', () => logged('info', /^watch: added lot\/hobart\.txt /) && logged('info', /^watch: added lot\/tromso\.md /));
    await fs.rm(path.join(corpus, 'lot'), { recursive: true });
    await waitFor('both files are removed', () => logged('info', /^watch: removed lot\/hobart\.txt /) && logged('info', /^watch: removed lot\/tromso\.md /));
    expect(index.service.documents()).toHaveLength(5);
    expect(await fresh()).toMatchObject({ state: 'fresh' });
  });

  it('removes an original corpus document deleted from the folder', async () => {
    await fs.rm(path.join(corpus, '002_58e4ed2aa27687eb.txt'));
    await waitFor('the deleted document leaves the index', () => logged('info', /^watch: removed 002_58e4ed2aa27687eb\.txt /));
    expect(has('002_58e4ed2aa27687eb.txt')).toBe(false);
    expect((await index.store.listPassages()).some((p) => p.source === '002_58e4ed2aa27687eb.txt')).toBe(false);
    expect(await fresh()).toMatchObject({ state: 'fresh' });
  });

  it('does not ingest the upload route’s own files twice, and stays quiet about them', async () => {
    const added = await addDocument(Buffer.from('# Note\n\nLe port de Hobart a reçu deux chiens détecteurs en 2020.\n'), 'note.md', live);
    await waitFor('the watcher saw the uploaded file', () => logged('debug', `watch: unchanged ${added.source}`));
    await removeDocument(added.source, live);
    await waitFor('the watcher saw the deleted file', () => logged('debug', `watch: ignored ${added.source}`));
    expect(log.lines.filter((l) => l.level !== 'debug' && l.msg.startsWith('watch: ') && l.msg.includes(added.source))).toEqual([]);
    // Each change was applied once: one "document added", one "document removed".
    expect(log.lines.filter((l) => l.msg === 'document added')).toHaveLength(1);
    expect(log.lines.filter((l) => l.msg === 'document removed')).toHaveLength(1);
    expect(await fresh()).toMatchObject({ state: 'fresh' });
  });

  it('skips a broken file with a warning and keeps the index fresh; hidden and unsupported files are ignored', async () => {
    await fs.writeFile(path.join(corpus, '.brouillon.txt'), 'un brouillon caché');
    await fs.writeFile(path.join(corpus, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]));
    await fs.writeFile(path.join(corpus, 'cassé.pdf'), '%PDF-1.7\n1 0 obj << /Type /Catalog >>\n');
    await waitFor('the broken file is reported', () => logged('warn', /^watch: skipped cassé\.pdf: Cannot read "cassé\.pdf"/));
    expect(index.service.documents()).toHaveLength(5);
    expect(index.store.manifest().skipped?.['cassé.pdf']).toBeDefined();
    expect(log.lines.some((l) => l.msg.includes('brouillon'))).toBe(false);
    expect(await fresh()).toMatchObject({ state: 'fresh' });
  });
});
