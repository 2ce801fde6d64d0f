/**
 * Bring your own documents, end to end on the real app (app.request, no socket) over a real HNSW
 * index of a temp copy of corpus/ (lexical embedder): real files generated here — a PDF printed by
 * headless Chromium with a fact on its 2nd page, a DOCX written with `docx`, an HTML page, a
 * Latin-1 text — uploaded, searched in French and English, cited with their page, deleted, and
 * checked again after a "restart" (store re-opened from disk, corpus re-checked).
 */
import { cpSync, existsSync, readFileSync, statSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type AppConfig } from '../../core/config.js';
import { silentLogger } from '../../core/logger.js';
import { createRetriever } from '../../index/retrieve/factory.js';
import { IndexService } from '../../index/service.js';
import { LOCK_FILE } from '../../index/lock.js';
import { openStore } from '../../index/store/open.js';
import { chunkingInfo } from '../../ingest/chunk.js';
import { indexStatus } from '../../ingest/indexer.js';
import { createLiveContext } from '../../ingest/live.js';
import { createApp } from '../../server/app.js';
import { createPdfPrinter, ivoryReportHtml, IVORY_FACT } from '../helpers/pdf.js';
import { buildTestIndex, TEST_CORPUS_DIR, type TestIndex } from '../helpers/test-index.js';
import { docxFile, FIXTURES, imageOnlyPdf, ROOT } from '../ingest/helpers.js';

const FR_QUESTION = "Combien d'ivoire le bureau de Nairobi a-t-il saisi ?";
const EN_QUESTION = "How much ivory did INTERPOL's Nairobi office seize?";

const DOCX_FACT = 'La brigade fluviale de Manaus a démantelé un réseau de trafic de bois de rose en juin 2019';
const HTML_FACT = 'Le centre de formation de Reykjavik a accueilli 65 enquêteurs spécialisés dans la pêche illégale';
// Plain apostrophe: ’ does not exist in Latin-1.
const LATIN1_FACT = 'Les garde-côtes de Valparaíso ont intercepté un chalutier chargé de 900 kilos d\'ailerons de requin';

const HTML_PAGE = `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Formation | Site</title>
<meta property="article:published_time" content="2022-05-10"></head>
<body><nav><a href="/">Accueil</a></nav><main><article><h1>Une session de formation en Islande</h1>
<p>${HTML_FACT}, du 2 au 6 mai 2022.</p><p>La session a réuni des agents de douze pays nordiques et baltes.</p></article></main>
<footer>© Site</footer></body></html>`;

let dir: string;
let corpus: string;
let index: TestIndex;
let app: ReturnType<typeof createApp>;
let config: AppConfig;
let pdf: Buffer;
let brokenPdf: Buffer;
let docx: Buffer;
let pdfSource: string;
let pdfPassageId: string;

interface SearchBody {
  answerable: boolean;
  results: { id: string; source: string; title: string; text: string; score: number; page?: number }[];
}
interface ListBody {
  documents: { source: string; title: string; date: string | null; format: string; passages: number; chars: number; ingestedAt: string }[];
}
interface ErrorBody {
  error: { code: string; message: string; hint: string };
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'documents-api-'));
  // Sentinels beside (and above) the corpus: a traversal would reach them.
  corpus = path.join(dir, 'work', 'corpus');
  cpSync(TEST_CORPUS_DIR, corpus, { recursive: true });
  await fs.writeFile(path.join(dir, 'work', 'package.json'), '{"sentinel":1}');
  await fs.writeFile(path.join(dir, 'package.json'), '{"sentinel":2}');

  const printer = await createPdfPrinter();
  try {
    pdf = await printer.print(ivoryReportHtml());
  } finally {
    await printer.close();
  }
  brokenPdf = pdf.subarray(0, Math.floor(pdf.length / 3));
  docx = await docxFile({
    heading: 'Opération en Amazonie',
    body: [`${DOCX_FACT}.`, 'Les enquêteurs ont suivi les flux financiers vers plusieurs ports européens.'],
  });

  index = await buildTestIndex({ corpusDir: corpus });
  config = { ...DEFAULT_CONFIG, uploadLimitBytes: 2 * 1024 * 1024, rateLimit: { windowMs: 60_000, max: 1_000_000 } };
  const documents = createLiveContext(index.service, { corpusDir: corpus, indexDir: index.indexDir });
  app = createApp({ config, logger: silentLogger, service: index.service, startedAt: Date.now(), documents });
});
afterAll(async () => {
  await index?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

const upload = async (name: string, bytes: Uint8Array | string, type = 'application/octet-stream', target = app) => {
  const form = new FormData();
  form.append('file', new File([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], name, { type }));
  const res = await target.request('/api/documents', { method: 'POST', body: form });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & Partial<ErrorBody>, headers: res.headers };
};
const search = async (q: string, k = 5) => {
  const res = await app.request(`/api/search?q=${encodeURIComponent(q)}&k=${k}`);
  expect(res.status).toBe(200);
  return (await res.json()) as SearchBody;
};
const list = async () => ((await (await app.request('/api/documents')).json()) as ListBody).documents;
const del = (source: string) => app.request(`/api/documents/${encodeURIComponent(source)}`, { method: 'DELETE' });
const uploadsListing = async () => (await fs.readdir(path.join(corpus, 'uploads')).catch(() => [] as string[])).sort();

describe('POST /api/documents', () => {
  it('uploads a Chromium-printed PDF: 201 with its description, the file lands in the corpus', async () => {
    const { status, body, headers } = await upload('Rapport Nairobi.pdf', pdf, 'application/pdf');
    expect(status).toBe(201);
    expect(body).toMatchObject({
      source: 'uploads/Rapport Nairobi.pdf',
      title: "Rapport sur la criminalité environnementale en Afrique de l'Est",
      format: 'pdf',
      pages: 2,
      duplicate: false,
    });
    expect(body['passages']).toBeGreaterThan(1);
    expect(Object.keys(body)).toEqual(expect.arrayContaining(['source', 'title', 'date', 'passages', 'format', 'pages']));
    pdfSource = body['source'] as string;
    expect(headers.get('location')).toBe(`/api/documents/${encodeURIComponent(pdfSource)}`);
    expect(readFileSync(path.join(corpus, 'uploads', 'Rapport Nairobi.pdf')).equals(pdf)).toBe(true);
  });

  it.each([
    ['French', FR_QUESTION],
    ['English', EN_QUESTION],
  ])('ranks the PDF passage holding the 2nd-page fact first for the %s question, cited with page 2', async (_lang, q) => {
    const { results } = await search(q);
    const top = results[0]!;
    expect(top.source).toBe(pdfSource);
    expect(top.text).toContain(IVORY_FACT);
    expect(top.page).toBe(2);
    pdfPassageId = top.id;
    const res = await app.request(`/api/sources/${top.id}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: top.id, source: pdfSource, page: 2, document: { source: pdfSource, format: 'pdf' } });
  });

  it.each([
    ['a DOCX written with docx', 'Opération Amazonie.docx', () => docx, 'docx', 'Opération en Amazonie', 'Qui a démantelé un réseau de trafic de bois de rose à Manaus ?'],
    ['an HTML page', 'formation.html', () => Buffer.from(HTML_PAGE), 'html', 'Une session de formation en Islande', 'Combien d’enquêteurs le centre de Reykjavik a-t-il accueillis ?'],
    [
      'a Latin-1 text',
      'garde-côtes.txt',
      () => iconv.encode(`Saisie au large du Chili\n\n${LATIN1_FACT}.\n`, 'latin1'),
      'txt',
      'Saisie au large du Chili',
      'Qu’ont intercepté les garde-côtes de Valparaíso ?',
    ],
  ])('uploads %s and finds it first', async (_what, name, bytes, format, title, question) => {
    const { status, body } = await upload(name, bytes());
    expect(status).toBe(201);
    expect(body).toMatchObject({ source: `uploads/${name}`, format, title, duplicate: false });
    expect(body['pages']).toBeUndefined();
    const top = (await search(question)).results[0]!;
    expect(top.source).toBe(`uploads/${name}`);
    expect(top.page).toBeUndefined();
  });

  it('decodes the Latin-1 upload (no mojibake in what is cited)', async () => {
    // The stored file is the Latin-1 bytes (not valid UTF-8): the text below had to be decoded.
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path.join(corpus, 'uploads', 'garde-côtes.txt')))).toThrow();
    const top = (await search('garde-côtes Valparaíso ailerons de requin')).results[0]!;
    expect(top.text).toContain(LATIN1_FACT);
  });

  it('lists every document with the contract fields', async () => {
    const docs = await list();
    expect(docs.map((d) => d.source)).toEqual([
      '000_87e5c8281a3b5988.txt',
      '001_9e0b992cc2ec1990.txt',
      '002_58e4ed2aa27687eb.txt',
      '003_ae5fb4e1d94c0dac.txt',
      '004_9afdffdf36575cd6.txt',
      'uploads/garde-côtes.txt',
      'uploads/formation.html',
      'uploads/Opération Amazonie.docx',
      'uploads/Rapport Nairobi.pdf',
    ].sort((a, b) => a.localeCompare(b)));
    for (const d of docs) {
      expect(Object.keys(d).sort()).toEqual(['chars', 'date', 'format', 'ingestedAt', 'passages', 'source', 'title']);
      expect(d.passages).toBeGreaterThan(0);
    }
    expect(docs.find((d) => d.source === 'uploads/formation.html')).toMatchObject({ date: '2022-05-10', format: 'html' });
  });

  it('answers 200 with the existing document for the same bytes under another name, writing nothing', async () => {
    const before = await list();
    const { status, body } = await upload('copie du rapport.pdf', pdf, 'application/pdf');
    expect(status).toBe(200);
    expect(body).toMatchObject({ source: pdfSource, duplicate: true, format: 'pdf' });
    expect(await list()).toEqual(before);
    expect(await uploadsListing()).not.toContain('copie du rapport.pdf');
  });

  it('keeps both files when a different document arrives under a taken name', async () => {
    const { status, body } = await upload('formation.html', HTML_PAGE.replace('douze pays', 'quatorze pays'));
    expect(status).toBe(201);
    expect(body['source']).toBe('uploads/formation-2.html');
    expect((await del('uploads/formation-2.html')).status).toBe(204);
  });

  it('sanitises the client file name: no traversal, no control or bidi characters', async () => {
    const { status, body } = await upload('../../x/..\\evil\u202Egnp.txt', 'Le port de Hobart a reçu deux chiens détecteurs.');
    expect(status).toBe(201);
    expect(body['source']).toBe('uploads/evilgnp.txt');
    expect(existsSync(path.join(corpus, 'uploads', 'evilgnp.txt'))).toBe(true);
    expect((await del('uploads/evilgnp.txt')).status).toBe(204);
  });
});

describe('POST /api/documents refusals (JSON errors, nothing else lost)', () => {
  const unchanged = async (count: number) => {
    expect(await list()).toHaveLength(count);
    // The earlier uploads are still searchable.
    expect((await search(FR_QUESTION)).results[0]?.source).toBe(pdfSource);
  };

  it('413 PAYLOAD_TOO_LARGE over uploadLimitBytes', async () => {
    const count = (await list()).length;
    const small = createApp({
      config: { ...config, uploadLimitBytes: 4096 },
      logger: silentLogger,
      service: index.service,
      startedAt: Date.now(),
      documents: createLiveContext(index.service, { corpusDir: corpus, indexDir: index.indexDir }),
    });
    const { status, body } = await upload('gros.txt', 'Une phrase de remplissage sur la coopération policière. '.repeat(400), 'text/plain', small);
    expect(status).toBe(413);
    expect(body.error?.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await uploadsListing()).not.toContain('gros.txt');
    await unchanged(count);
  });

  it.each([
    ['setup.exe', new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]), /"\.exe"/],
    ['photo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /"\.png"/],
    ['photo.pdf', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]), /JPEG image/],
  ])('415 DOCUMENT_UNSUPPORTED for %s', async (name, bytes, message) => {
    const count = (await list()).length;
    const { status, body } = await upload(name, bytes);
    expect(status).toBe(415);
    expect(body.error).toMatchObject({ code: 'DOCUMENT_UNSUPPORTED', message: expect.stringMatching(message), hint: expect.stringMatching(/\.pdf/) });
    expect(await uploadsListing()).not.toContain(name);
    await unchanged(count);
  });

  it.each([
    ['an encrypted PDF', 'chiffré.pdf', () => readFileSync(path.join(FIXTURES, 'encrypted-user-password.pdf')), /encrypted \(password-protected\)/],
    ['a truncated PDF', 'tronqué.pdf', () => brokenPdf, /Cannot read "uploads\/tronqué\.pdf": the PDF/],
    ['a scanned PDF (no text layer)', 'scan.pdf', () => imageOnlyPdf(), /no text layer/],
  ])('422 DOCUMENT_UNREADABLE for %s, with a clear message', async (_what, name, bytes, message) => {
    const count = (await list()).length;
    const { status, body } = await upload(name, await bytes(), 'application/pdf');
    expect(status).toBe(422);
    expect(body.error).toMatchObject({ code: 'DOCUMENT_UNREADABLE', message: expect.stringMatching(message) });
    expect(body.error?.hint).toMatch(/damaged, encrypted/);
    expect(await uploadsListing()).not.toContain(name);
    await unchanged(count);
  });

  it('422 when the file field is missing or not a file; 415 when the body is not multipart', async () => {
    const empty = new FormData();
    empty.append('titre', 'sans fichier');
    let res = await app.request('/api/documents', { method: 'POST', body: empty });
    expect(res.status).toBe(422);
    expect(((await res.json()) as ErrorBody).error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/^file: /) });

    const text = new FormData();
    text.append('file', 'ceci est du texte, pas un fichier');
    res = await app.request('/api/documents', { method: 'POST', body: text });
    expect(res.status).toBe(422);

    res = await app.request('/api/documents', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"file":"x"}' });
    expect(res.status).toBe(415);
    expect(((await res.json()) as ErrorBody).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('409 INGEST_LOCKED while a CLI ingest holds the lock, writing nothing', async () => {
    const lockFile = path.join(index.indexDir, LOCK_FILE);
    await fs.writeFile(lockFile, JSON.stringify({ pid: process.ppid, since: 'test' }));
    try {
      const { status, body } = await upload('pendant-ingest.txt', 'Le port de Tromsø a reçu un scanner mobile.');
      expect(status).toBe(409);
      expect(body.error?.code).toBe('INGEST_LOCKED');
      expect(await uploadsListing()).not.toContain('pendant-ingest.txt');
    } finally {
      await fs.rm(lockFile, { force: true });
    }
  });
});

describe('DELETE /api/documents/:source', () => {
  it('404 for an unknown document, and for traversal attempts, touching no file', async () => {
    const sentinels = [path.join(dir, 'work', 'package.json'), path.join(dir, 'package.json'), path.join(ROOT, 'package.json')];
    const mtimes = sentinels.map((f) => statSync(f).mtimeMs);
    const count = (await list()).length;
    for (const [p, code] of [
      ['/api/documents/absent.pdf', 'NOT_FOUND'],
      ['/api/documents/..%2F..%2Fpackage.json', 'NOT_FOUND'],
      ['/api/documents/..%2Fpackage.json', 'NOT_FOUND'],
      ['/api/documents/uploads%2F..%2F..%2F..%2Fpackage.json', 'NOT_FOUND'],
      [`/api/documents/${encodeURIComponent(path.join(dir, 'package.json'))}`, 'NOT_FOUND'],
      // Raw dot segments are resolved by URL parsing before routing: /api/package.json.
      ['/api/documents/uploads/../../package.json', 'ROUTE_NOT_FOUND'],
    ] as const) {
      const res = await app.request(p, { method: 'DELETE' });
      expect(res.status, p).toBe(404);
      expect(((await res.json()) as ErrorBody).error.code, p).toBe(code);
    }
    sentinels.forEach((f, i) => expect(statSync(f).mtimeMs, f).toBe(mtimes[i]));
    expect(await list()).toHaveLength(count);
  });

  it('204 removes the PDF: gone from search, from the list, from the corpus folder', async () => {
    const res = await app.request(`/api/documents/${encodeURIComponent(pdfSource)}`, { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(existsSync(path.join(corpus, 'uploads', 'Rapport Nairobi.pdf'))).toBe(false);
    expect((await list()).map((d) => d.source)).not.toContain(pdfSource);
    for (const q of [FR_QUESTION, EN_QUESTION]) {
      const { results } = await search(q, 50);
      expect(results.some((r) => r.source === pdfSource || r.text.includes(IVORY_FACT))).toBe(false);
    }
    expect((await app.request(`/api/sources/${pdfPassageId}`)).status).toBe(404);
    expect((await del(pdfSource)).status).toBe(404);
  });

  it('also accepts the source with raw slashes', async () => {
    const { body } = await upload('temporaire.txt', 'Le port de Walvis Bay a reçu une équipe cynophile en 2020.');
    expect((await app.request(`/api/documents/${body['source'] as string}`, { method: 'DELETE' })).status).toBe(204);
    expect(await uploadsListing()).not.toContain('temporaire.txt');
  });

  it('stays consistent after a restart: re-opened store and corpus agree (fresh), same documents, same answers', async () => {
    const listed = (await list()).map((d) => d.source);
    const status = await indexStatus({ corpusDir: corpus, indexDir: index.indexDir, databaseUrl: null, embedder: index.embedder });
    expect(status).toEqual({ state: 'fresh', reasons: [] });

    const store = await openStore({ indexDir: index.indexDir, databaseUrl: null, embedder: index.embedder.info, chunking: chunkingInfo() });
    try {
      expect(Object.keys(store.manifest().documents).sort((a, b) => a.localeCompare(b))).toEqual(listed);
      const passages = await store.listPassages();
      expect(passages.some((p) => p.source === pdfSource)).toBe(false);
      const service = new IndexService(store, index.embedder, await createRetriever(store, index.embedder));
      await service.refresh();
      const restarted = createApp({ config, logger: silentLogger, service, startedAt: Date.now() });
      const res = await restarted.request(`/api/search?q=${encodeURIComponent('Qui a démantelé un réseau de trafic de bois de rose à Manaus ?')}`);
      expect(((await res.json()) as SearchBody).results[0]?.source).toBe('uploads/Opération Amazonie.docx');
      const gone = await restarted.request(`/api/search?q=${encodeURIComponent(FR_QUESTION)}&k=50`);
      expect(((await gone.json()) as SearchBody).results.some((r) => r.source === pdfSource)).toBe(false);
      // Without a live context, uploads are refused rather than half-done.
      const form = new FormData();
      form.append('file', new File(['x'], 'x.txt'));
      expect((await restarted.request('/api/documents', { method: 'POST', body: form })).status).toBe(405);
    } finally {
      await store.close();
    }
  });
});
