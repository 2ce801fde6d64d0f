import { createHash } from 'node:crypto';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { memoryLogger } from '../../core/logger.js';
import { documentFromBytes, loadDocument, passagesOf, scanCorpus } from '../../ingest/pipeline.js';
import { CORPUS, CORPUS_FILES, NEWS_HTML, tempDir } from './helpers.js';

async function appError(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected an AppError');
}

describe('loadDocument on the real corpus', () => {
  it('builds a SourceDocument: relative source, sha256 of the raw bytes, cleaned text, metadata', async () => {
    const file = path.join(CORPUS, CORPUS_FILES[1]);
    const doc = await loadDocument(file, CORPUS);
    expect(doc.source).toBe(CORPUS_FILES[1]);
    expect(doc.hash).toBe(createHash('sha256').update(await readFile(file)).digest('hex'));
    expect(doc.format).toBe('txt');
    expect(doc.title).toBe('Les chefs d’INTERPOL et de l’ONU se saisissent des questions de sécurité mondiale');
    expect(doc.date).toBe('2018-02-05');
    expect(doc.text.startsWith('05 février 2018')).toBe(true);
    expect(doc.text).not.toContain('cookies');
    expect(doc.pages).toBeUndefined();
  });

  it('logs what cleaning removed through the Logger', async () => {
    const logger = memoryLogger();
    await loadDocument(path.join(CORPUS, CORPUS_FILES[3]), CORPUS, { logger });
    const line = logger.lines.find((l) => l.msg === 'boilerplate removed');
    expect(line?.level).toBe('debug');
    expect(line?.fields).toMatchObject({ source: CORPUS_FILES[3], removed: { repeated: 8, separator: 1 } });
    expect(logger.lines.find((l) => l.msg === 'document loaded')?.fields).toMatchObject({ format: 'txt', encoding: 'utf-8' });
  });

  it('scans the corpus folder: five supported files, nothing skipped, all ingestible', async () => {
    const { files, skipped } = await scanCorpus(CORPUS);
    expect(files.map((f) => f.source)).toEqual([...CORPUS_FILES]);
    expect(skipped).toEqual([]);
    for (const f of files) {
      const doc = await loadDocument(f.path, CORPUS);
      expect(passagesOf(doc).length).toBeGreaterThan(3);
    }
  });
});

describe('pipeline on generated files', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let outside: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    tmp = await tempDir();
    outside = await tempDir();
  });
  afterAll(async () => {
    await tmp.cleanup();
    await outside.cleanup();
  });

  it('uses POSIX sources relative to the root for nested files, and loader metadata', async () => {
    const dir = path.join(tmp.dir, 'docs', 'web');
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, 'Article ONU.html');
    await writeFile(file, NEWS_HTML);
    const doc = await loadDocument(file, tmp.dir);
    expect(doc.source).toBe('docs/web/Article ONU.html');
    expect(doc.format).toBe('html');
    expect(doc.title).toBe('Coopération renforcée entre l’ONU et INTERPOL');
    expect(doc.date).toBe('2019-03-14');
    const passages = passagesOf(doc);
    expect(passages[0]!.text.startsWith('Coopération renforcée entre l’ONU et INTERPOL\n\nPublié le 14 mars 2019')).toBe(true);
    for (const p of passages) expect(p.source).toBe('docs/web/Article ONU.html');
  });

  it('refuses files outside the root, missing files, oversized files and boilerplate-only files', async () => {
    const out = path.join(outside.dir, 'x.txt');
    await writeFile(out, 'Texte.');
    expect((await appError(loadDocument(out, tmp.dir))).code).toBe('INVALID_PARAMETER');
    expect((await appError(loadDocument(path.join(tmp.dir, 'absent.txt'), tmp.dir))).message).toMatch(/ENOENT/);
    const big = path.join(tmp.dir, 'big.txt');
    await writeFile(big, 'x'.repeat(2000));
    expect((await appError(loadDocument(big, tmp.dir, { maxFileBytes: 1000 }))).message).toMatch(/too large/);
    const nav = await appError(documentFromBytes(new TextEncoder().encode('All news\n|\nPrint\n'), 'nav.txt'));
    expect(nav.code).toBe('DOCUMENT_UNREADABLE');
    expect(nav.message).toMatch(/no text left/);
  });

  it('keeps PDF page numbers through cleaning and warns about pages without text', async () => {
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    for (const [i, text] of ['Texte de la page un.', '', 'Texte de la page trois.'].entries()) {
      const page = pdf.addPage([300, 300]);
      page.drawText('Rapport annuel', { x: 20, y: 270, size: 10, font });
      if (text) page.drawText(text, { x: 20, y: 250, size: 10, font });
      page.drawText(`Page ${i + 1} sur 3`, { x: 20, y: 20, size: 10, font });
    }
    const logger = memoryLogger();
    const doc = await documentFromBytes(await pdf.save(), 'rapport.pdf', { logger });
    // The running header repeats 3 times (first kept), the page numbers go.
    expect(doc.text).toBe('Rapport annuel\n\nTexte de la page un.\n\nTexte de la page trois.');
    expect(doc.pages?.map((p) => [p.page, doc.text.slice(p.start, p.end)])).toEqual([
      [1, 'Rapport annuel\n\nTexte de la page un.'],
      [3, 'Texte de la page trois.'],
    ]);
    expect(passagesOf(doc, { targetChars: 20, maxChars: 40, overlapSentences: 0 }).map((p) => p.page)).toEqual([1, 3]);
    expect(logger.lines.some((l) => l.level === 'warn' && l.msg === 'loader warning')).toBe(false);

    const blank = await PDFDocument.create();
    blank.addPage([300, 300]).drawText('Seule page avec du texte.', { x: 20, y: 250, size: 10, font: await blank.embedFont(StandardFonts.Helvetica) });
    blank.addPage([300, 300]);
    const warnLogger = memoryLogger();
    await documentFromBytes(await blank.save(), 'partiel.pdf', { logger: warnLogger });
    expect(warnLogger.lines.find((l) => l.level === 'warn')?.fields).toMatchObject({
      source: 'partiel.pdf',
      warning: expect.stringMatching(/page\(s\) 2 have no text layer/),
    });
  });

  it('scanCorpus lists supported files recursively and reports what it skips', async () => {
    const root = path.join(tmp.dir, 'corpus');
    await mkdir(path.join(root, 'sub', 'deeper'), { recursive: true });
    await mkdir(path.join(root, '.git'), { recursive: true });
    await writeFile(path.join(root, 'a.txt'), 'Texte A.');
    await writeFile(path.join(root, 'sub', 'b.md'), '# B');
    await writeFile(path.join(root, 'sub', 'deeper', 'c.HTML'), '<p>C</p>');
    await writeFile(path.join(root, '.hidden.txt'), 'caché');
    await writeFile(path.join(root, '.git', 'config.txt'), 'git');
    await writeFile(path.join(root, 'photo.png'), 'png');
    await writeFile(path.join(root, 'huge.pdf'), Buffer.alloc(5000));
    const secret = path.join(outside.dir, 'secret.txt');
    await writeFile(secret, 'hors corpus');
    await symlink(secret, path.join(root, 'escape.txt'));
    await symlink(path.join(root, 'a.txt'), path.join(root, 'alias.txt'));
    await symlink(root, path.join(root, 'sub', 'loop'));
    await symlink(path.join(root, 'nowhere.txt'), path.join(root, 'broken.txt'));

    const logger = memoryLogger();
    const { files, skipped } = await scanCorpus(root, { maxFileBytes: 1000, logger });
    expect(files.map((f) => f.source)).toEqual(['a.txt', 'alias.txt', 'sub/b.md', 'sub/deeper/c.HTML']);
    expect(files[0]).toMatchObject({ path: path.join(root, 'a.txt'), size: 8 });
    expect(Object.fromEntries(skipped.map((s) => [s.source, s.reason]))).toEqual({
      'broken.txt': 'broken symbolic link',
      'escape.txt': 'symbolic link pointing outside the corpus folder',
      'huge.pdf': 'file too large (5000 bytes > limit 1000)',
      'photo.png': expect.stringMatching(/^unsupported file type/),
    });
    expect(logger.lines.filter((l) => l.msg === 'skipped')).toHaveLength(4);
  });

  it('scanCorpus refuses a missing folder with CORPUS_NOT_FOUND', async () => {
    expect((await appError(scanCorpus(path.join(tmp.dir, 'nope')))).code).toBe('CORPUS_NOT_FOUND');
  });
});
