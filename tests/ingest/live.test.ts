/**
 * Live index updates on a real HNSW index over a temp copy of corpus/ (lexical embedder): uploads
 * written atomically into the corpus, duplicates, refusals that leave nothing behind, deletes, the
 * ingest lock, in-process serialisation and the per-file sync the watched folder uses. Each result
 * is checked in memory (search) and on disk (a store re-opened from the index folder, indexStatus).
 */
import { cpSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { LexicalEmbeddings } from '../../index/embedders/lexical.js';
import { LOCK_FILE } from '../../index/lock.js';
import { IndexService } from '../../index/service.js';
import { currentGeneration } from '../../index/store/generations.js';
import { HnswStore } from '../../index/store/hnsw.js';
import { VectorsOnlyEmbeddings } from '../../index/store/open.js';
import { indexStatus } from '../../ingest/indexer.js';
import { addDocument, checkUploadType, corpusFilePath, createLiveContext, removeDocument, safeFileName, syncFile, type LiveContext } from '../../ingest/live.js';
import { buildTestIndex, TEST_CORPUS_DIR, type TestIndex } from '../helpers/test-index.js';
import { FIXTURES, imageOnlyPdf } from './helpers.js';

let dir: string;
let corpus: string;
let index: TestIndex;
let live: LiveContext;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'live-'));
  corpus = path.join(dir, 'corpus');
  cpSync(TEST_CORPUS_DIR, corpus, { recursive: true });
  index = await buildTestIndex({ corpusDir: corpus });
  live = createLiveContext(index.service, { corpusDir: corpus, indexDir: index.indexDir });
});
afterEach(async () => {
  await index.close();
  await fs.rm(dir, { recursive: true, force: true });
});

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const REYKJAVIK = '# Note de synthèse\n\nLe centre de formation de Reykjavik a accueilli 65 enquêteurs spécialisés dans la pêche illégale.\n';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);

const status = () => indexStatus({ corpusDir: corpus, indexDir: index.indexDir, databaseUrl: null, embedder: index.embedder });
const reopen = () => HnswStore.load(new VectorsOnlyEmbeddings(), { root: index.indexDir });
const topSource = async (q: string) => (await index.retriever.search(q, { k: 3 })).hits[0]?.passage.source;
const uploadsListing = async () => (await fs.readdir(path.join(corpus, 'uploads')).catch(() => [] as string[])).sort();

describe('addDocument', () => {
  it('writes the file under uploads/, updates the live store and a new generation, and search sees it at once', async () => {
    const before = await currentGeneration(index.indexDir);
    const added = await addDocument(utf8(REYKJAVIK), 'Note de synthèse.md', live);
    expect(added).toMatchObject({ source: 'uploads/Note de synthèse.md', title: 'Note de synthèse', format: 'md', duplicate: false });
    expect(added.passages).toBeGreaterThan(0);
    expect(added.hash).toMatch(/^[0-9a-f]{64}$/);
    // The corpus holds exactly the uploaded bytes, and no temp file is left beside it.
    expect(readFileSync(path.join(corpus, 'uploads', 'Note de synthèse.md'), 'utf8')).toBe(REYKJAVIK);
    expect(await fs.readdir(path.join(corpus, 'uploads'))).toEqual(['Note de synthèse.md']);

    expect(await topSource('Combien d’enquêteurs le centre de Reykjavik a-t-il accueillis ?')).toBe(added.source);
    expect(index.service.documents().map((d) => d.source)).toContain(added.source);
    expect(index.service.passagesOf(added.source)).toHaveLength(added.passages);

    expect(await currentGeneration(index.indexDir)).not.toBe(before);
    expect((await reopen()).manifest().documents[added.source]).toMatchObject({ hash: added.hash, passages: added.passages });
    expect(await status()).toEqual({ state: 'fresh', reasons: [] });
  });

  it('does not duplicate identical bytes; another file under a taken name gets a suffix', async () => {
    const first = await addDocument(utf8(REYKJAVIK), 'note.md', live);
    const count = (await index.store.count());
    const again = await addDocument(utf8(REYKJAVIK), 'autre-nom.md', live);
    expect(again).toMatchObject({ source: first.source, duplicate: true, hash: first.hash });
    expect(await index.store.count()).toBe(count);
    expect(await uploadsListing()).toEqual(['note.md']);

    const other = await addDocument(utf8('Le port de Walvis Bay a reçu une équipe cynophile en 2020.\n'), 'note.md', live);
    expect(other).toMatchObject({ source: 'uploads/note-2.md', duplicate: false });
    expect(await uploadsListing()).toEqual(['note-2.md', 'note.md']);
    expect(await status()).toMatchObject({ state: 'fresh' });
  });

  it('refuses unsupported types and unreadable content, leaving nothing behind', async () => {
    const generation = await currentGeneration(index.indexDir);
    const docs = index.service.documents().length;
    const attempts: [string, Uint8Array, string, RegExp][] = [
      ['setup.exe', new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03]), 'DOCUMENT_UNSUPPORTED', /Unsupported file type "\.exe"/],
      ['photo.png', PNG, 'DOCUMENT_UNSUPPORTED', /"\.png"/],
      ['photo.pdf', PNG, 'DOCUMENT_UNSUPPORTED', /PNG image, not a document/],
      ['notes.txt', PNG, 'DOCUMENT_UNSUPPORTED', /PNG image/],
      ['archive.docx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), 'DOCUMENT_UNSUPPORTED', /ZIP archive/],
      ['sans-extension', utf8('du texte'), 'DOCUMENT_UNSUPPORTED', /no extension/],
      ['vide.txt', new Uint8Array(), 'DOCUMENT_UNREADABLE', /empty/],
      ['bruit.txt', new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), 'DOCUMENT_UNREADABLE', /binary/],
      ['verrouillé.pdf', new Uint8Array(readFileSync(path.join(FIXTURES, 'encrypted-user-password.pdf'))), 'DOCUMENT_UNREADABLE', /encrypted/],
      ['scan.pdf', await imageOnlyPdf(), 'DOCUMENT_UNREADABLE', /no text layer/],
      ['cassé.pdf', utf8('%PDF-1.7\n1 0 obj << /Type /Catalog >>\n'), 'DOCUMENT_UNREADABLE', /Cannot read/],
    ];
    for (const [name, bytes, code, message] of attempts) {
      const err = await addDocument(bytes, name, live).catch((e: unknown) => e);
      expect(err, name).toBeInstanceOf(AppError);
      expect((err as AppError).code, name).toBe(code);
      expect((err as AppError).message, name).toMatch(message);
    }
    expect(await uploadsListing()).toEqual([]);
    expect(index.service.documents()).toHaveLength(docs);
    expect(await currentGeneration(index.indexDir)).toBe(generation);
    expect(await status()).toMatchObject({ state: 'fresh' });
  });

  it('leaves nothing behind when embedding fails midway', async () => {
    class FailingEmbeddings extends LexicalEmbeddings {
      override async embedDocuments(texts: string[]): Promise<number[][]> {
        if (texts.some((t) => t.includes('Reykjavik'))) throw new Error('out of memory');
        return super.embedDocuments(texts);
      }
    }
    const failing = new IndexService(index.store, new FailingEmbeddings(), index.retriever);
    const ctx = createLiveContext(failing, { corpusDir: corpus, indexDir: index.indexDir });
    await expect(addDocument(utf8(REYKJAVIK), 'note.md', ctx)).rejects.toMatchObject({ code: 'EMBEDDING_FAILED' });
    expect(await uploadsListing()).toEqual([]);
    expect(index.service.documents()).toHaveLength(5);
  });

  it('refuses while another process holds the ingest lock (INGEST_LOCKED), writing nothing', async () => {
    const lockFile = path.join(index.indexDir, LOCK_FILE);
    // A live process other than this one (as a CLI ingest would be).
    await fs.writeFile(lockFile, JSON.stringify({ pid: process.ppid, since: 'test' }));
    try {
      await expect(addDocument(utf8(REYKJAVIK), 'note.md', live)).rejects.toMatchObject({ code: 'INGEST_LOCKED' });
      await expect(removeDocument('000_87e5c8281a3b5988.txt', live)).rejects.toMatchObject({ code: 'INGEST_LOCKED' });
      expect(await uploadsListing()).toEqual([]);
      expect(readFileSync(path.join(corpus, '000_87e5c8281a3b5988.txt'), 'utf8').length).toBeGreaterThan(0);
    } finally {
      await fs.rm(lockFile, { force: true });
    }
    expect((await addDocument(utf8(REYKJAVIK), 'note.md', live)).duplicate).toBe(false);
    // The lock is released after each update.
    await expect(fs.stat(lockFile)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('serialises concurrent updates of one process: every change lands, on disk too', async () => {
    const texts = ['Walvis Bay', 'Tromsø', 'Ushuaïa', 'Hobart'].map((place, i) => `Le port de ${place} a reçu ${i + 2} chiens détecteurs en 2020.\n`);
    const results = await Promise.all([
      ...texts.map((t, i) => addDocument(utf8(t), `port-${i}.txt`, live)),
      removeDocument('004_9afdffdf36575cd6.txt', live),
    ]);
    expect(results).toHaveLength(5);
    const m = (await reopen()).manifest();
    expect(Object.keys(m.documents).sort()).toEqual([
      '000_87e5c8281a3b5988.txt',
      '001_9e0b992cc2ec1990.txt',
      '002_58e4ed2aa27687eb.txt',
      '003_ae5fb4e1d94c0dac.txt',
      'uploads/port-0.txt',
      'uploads/port-1.txt',
      'uploads/port-2.txt',
      'uploads/port-3.txt',
    ]);
    expect(m.passages).toBe(await index.store.count());
    expect(await status()).toMatchObject({ state: 'fresh' });
  });
});

describe('removeDocument', () => {
  it('removes the passages, the corpus file and the manifest entry; restart agrees', async () => {
    const added = await addDocument(utf8(REYKJAVIK), 'note.md', live);
    const removed = await removeDocument(added.source, live);
    expect(removed.source).toBe(added.source);
    expect(await uploadsListing()).toEqual([]);
    expect(index.service.passagesOf(added.source)).toEqual([]);
    expect((await index.store.listPassages()).some((p) => p.source === added.source)).toBe(false);
    expect((await reopen()).manifest().documents[added.source]).toBeUndefined();
    expect(await status()).toMatchObject({ state: 'fresh' });
    await expect(removeDocument(added.source, live)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('only knows manifest documents: traversal and unknown sources are NOT_FOUND and touch nothing', async () => {
    const outside = path.join(dir, 'secret.txt');
    await fs.writeFile(outside, 'ne pas toucher');
    for (const source of ['../secret.txt', '../../secret.txt', 'uploads/../../secret.txt', outside, 'absent.txt']) {
      await expect(removeDocument(source, live), source).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(readFileSync(outside, 'utf8')).toBe('ne pas toucher');
    expect(index.service.documents()).toHaveLength(5);
  });
});

describe('corpusFilePath', () => {
  it('resolves corpus documents and refuses paths leaving the corpus, symlinked folders included', async () => {
    expect(await corpusFilePath(corpus, 'uploads/a b.pdf')).toBe(path.join(await fs.realpath(corpus), 'uploads', 'a b.pdf'));
    const elsewhere = path.join(dir, 'elsewhere');
    await fs.mkdir(elsewhere);
    await fs.writeFile(path.join(elsewhere, 'x.txt'), 'dehors');
    await fs.symlink(elsewhere, path.join(corpus, 'lien'));
    for (const source of ['lien/x.txt', '../elsewhere/x.txt', '/etc/passwd', '', 'a//b.txt', './x.txt', 'a\0b.txt']) {
      await expect(corpusFilePath(corpus, source), JSON.stringify(source)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
  });
});

describe('syncFile (the watched folder)', () => {
  it('follows a corpus file through add, unchanged, change, breakage and removal, keeping the index fresh', async () => {
    const file = path.join(corpus, 'dossier', 'hobart.txt');
    await fs.mkdir(path.dirname(file));
    await fs.writeFile(file, 'Le port de Hobart a reçu deux chiens détecteurs en 2020.\n');
    expect(await syncFile('dossier/hobart.txt', live)).toMatchObject({ action: 'added', record: { source: 'dossier/hobart.txt' } });
    expect(await topSource('chiens détecteurs Hobart')).toBe('dossier/hobart.txt');
    expect(await syncFile('dossier/hobart.txt', live)).toMatchObject({ action: 'unchanged' });

    await fs.appendFile(file, 'Le port de Hobart a aussi reçu un scanner mobile pour les conteneurs.\n');
    expect(await syncFile('dossier/hobart.txt', live)).toMatchObject({ action: 'updated' });
    expect(index.service.passagesOf('dossier/hobart.txt').map((p) => p.text).join(' ')).toContain('scanner mobile');
    expect(await status()).toMatchObject({ state: 'fresh' });

    // Broken now: its stale passages go, it is recorded as skipped (not retried, not "stale").
    await fs.writeFile(file, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    expect(await syncFile('dossier/hobart.txt', live)).toMatchObject({ action: 'skipped', reason: expect.stringMatching(/binary/) });
    expect(index.service.passagesOf('dossier/hobart.txt')).toEqual([]);
    expect((await reopen()).manifest().skipped?.['dossier/hobart.txt']).toBeDefined();
    expect(await status()).toMatchObject({ state: 'fresh' });
    expect(await syncFile('dossier/hobart.txt', live)).toMatchObject({ action: 'unchanged' });

    await fs.rm(file);
    expect(await syncFile('dossier/hobart.txt', live)).toMatchObject({ action: 'ignored' });
    expect((await reopen()).manifest().skipped?.['dossier/hobart.txt']).toBeUndefined();

    await fs.rm(path.join(corpus, '001_9e0b992cc2ec1990.txt'));
    expect(await syncFile('001_9e0b992cc2ec1990.txt', live)).toMatchObject({ action: 'removed' });
    expect(index.service.documents().map((d) => d.source)).not.toContain('001_9e0b992cc2ec1990.txt');
    expect(await status()).toEqual({ state: 'fresh', reasons: [] });
  });

  it('ignores what the ingest scan ignores: hidden files, other types, paths outside the corpus', async () => {
    await fs.writeFile(path.join(corpus, '.brouillon.txt'), 'caché');
    await fs.writeFile(path.join(corpus, 'image.png'), PNG);
    expect(await syncFile('.brouillon.txt', live)).toMatchObject({ action: 'ignored' });
    expect(await syncFile('image.png', live)).toMatchObject({ action: 'ignored' });
    expect(await syncFile('../secret.txt', live)).toMatchObject({ action: 'ignored' });
    // A symlink to a file outside the corpus is skipped by the ingest scan, so here too.
    await fs.writeFile(path.join(dir, 'dehors.txt'), 'Le port de Hobart a reçu deux chiens détecteurs.');
    await fs.symlink(path.join(dir, 'dehors.txt'), path.join(corpus, 'lien.txt'));
    expect(await syncFile('lien.txt', live)).toMatchObject({ action: 'ignored' });
    expect(index.service.documents()).toHaveLength(5);
  });
});

describe('upload names and types', () => {
  it.each([
    ['rapport.pdf', 'rapport.pdf'],
    ['Rapport Final.PDF', 'Rapport Final.pdf'],
    ['../../etc/passwd.txt', 'passwd.txt'],
    ['C:\\Users\\ana\\Documents\\note.docx', 'note.docx'],
    ['..', 'document'],
    ['.bashrc', 'bashrc'],
    ['...pdf', 'document.pdf'],
    ['  .cachée.txt  ', 'cachée.txt'],
    ['évil\u202Egnp.txt', 'évilgnp.txt'],
    ['a\u0000b\nc.md', 'abc.md'],
    ['rapport: version 2?.html', 'rapport_ version 2_.html'],
    ['con.txt', '_con.txt'],
    ['rapport..txt', 'rapport.txt'],
  ])('safeFileName(%j) = %j', (raw, safe) => {
    expect(safeFileName(raw)).toBe(safe);
  });

  it('bounds long names by UTF-8 bytes and keeps the extension', () => {
    const safe = safeFileName(`${'é'.repeat(300)}.pdf`, 150);
    expect(safe.endsWith('.pdf')).toBe(true);
    expect(Buffer.byteLength(safe)).toBeLessThanOrEqual(154);
  });

  it('accepts content a loader recognises whatever the extension, refuses known non-documents', () => {
    expect(() => checkUploadType('rapport.txt', utf8('%PDF-1.7\n'))).not.toThrow();
    expect(() => checkUploadType('page.html', utf8('<!doctype html><p>x</p>'))).not.toThrow();
    // A signature made of letters is not enough: text stays text.
    expect(() => checkUploadType('note.txt', utf8('MZ est un sigle ; ID3 aussi'))).not.toThrow();
    expect(() => checkUploadType('setup.txt', new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]))).toThrow(/Windows executable/);
    expect(() => checkUploadType('clip.txt', utf8('\u0000\u0000\u0000\u0018ftypmp42'))).toThrow(/ISO media/);
  });
});
