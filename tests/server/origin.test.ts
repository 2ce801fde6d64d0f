/**
 * Writes only from where they should come, on the real app over a real index: a multipart upload
 * or a delete sent by a page of another origin (Origin + Sec-Fetch-Site as Chromium sends them,
 * cross-site and same-site: localhost:4201 is "same-site" with localhost:3000) is refused with 403
 * and changes nothing, while the page's own same-origin requests, listed CORS origins and
 * non-browser clients pass; a foreign Host header (DNS rebinding) is refused on every path. The
 * same attack from a real page in Chromium is in tests/web/cross-site.browser.test.ts.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type AppConfig } from '../../core/config.js';
import { silentLogger } from '../../core/logger.js';
import { createLiveContext } from '../../ingest/live.js';
import { createApp } from '../../server/app.js';
import { checkBindAddress } from '../../server/bind.js';
import { defaultAllowedHosts, hostName } from '../../server/middleware/host-check.js';
import { buildTestIndex, TEST_CORPUS_DIR, type TestIndex } from '../helpers/test-index.js';

let root: string;
let index: TestIndex;
beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'origin-'));
  const corpusDir = path.join(root, 'corpus');
  await fs.cp(TEST_CORPUS_DIR, corpusDir, { recursive: true });
  index = await buildTestIndex({ corpusDir });
});
afterAll(async () => {
  await index.close();
  await fs.rm(root, { recursive: true, force: true });
});

function appWith(config: Partial<AppConfig> = {}) {
  const full: AppConfig = { ...DEFAULT_CONFIG, corpusDir: index.corpusDir, indexDir: index.indexDir, embedder: 'lexical', rateLimit: { windowMs: 60_000, max: 0 }, ...config };
  const documents = createLiveContext(index.service, { corpusDir: index.corpusDir, indexDir: index.indexDir });
  return createApp({ config: full, logger: silentLogger, service: index.service, startedAt: Date.now(), documents });
}

const form = (name: string, text: string) => {
  const f = new FormData();
  f.append('file', new File([text], name, { type: 'text/plain' }));
  return f;
};
const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;
const sources = async (app: ReturnType<typeof appWith>) =>
  ((await (await app.request('/api/documents')).json()) as { documents: { source: string }[] }).documents.map((d) => d.source);

describe('cross-site writes', () => {
  it.each([
    ['another site (Sec-Fetch-Site: cross-site)', { Origin: 'https://attacker.example', 'Sec-Fetch-Site': 'cross-site' }],
    ['another port of localhost (same-site)', { Origin: 'http://localhost:4201', 'Sec-Fetch-Site': 'same-site' }],
    ['an old browser: Origin only, foreign', { Origin: 'https://attacker.example' }],
    ['a sandboxed page (Origin: null)', { Origin: 'null' }],
  ])('a multipart upload from %s is refused (403 CROSS_SITE_REQUEST) and nothing is written', async (_label, headers) => {
    const app = appWith();
    const before = await sources(app);
    const res = await app.request('/api/documents', { method: 'POST', headers, body: form('plante.txt', 'Un document planté par une autre page web.\n') });
    expect(res.status).toBe(403);
    expect(await errorCode(res)).toBe('CROSS_SITE_REQUEST');
    expect(await sources(app)).toEqual(before);
    await expect(fs.stat(path.join(index.corpusDir, 'uploads', 'plante.txt'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('a cross-site delete is refused and the file stays', async () => {
    const app = appWith();
    const target = (await sources(app))[0]!;
    const res = await app.request(`/api/documents/${encodeURIComponent(target)}`, {
      method: 'DELETE',
      headers: { Origin: 'http://localhost:4201', 'Sec-Fetch-Site': 'same-site' },
    });
    expect(res.status).toBe(403);
    expect(await sources(app)).toContain(target);
    await fs.access(path.join(index.corpusDir, target));
  });

  it('chat from another site is refused too (it writes conversations); reads (GET) are not affected', async () => {
    const app = appWith();
    const chat = await app.request('/api/chat', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'https://attacker.example', 'Sec-Fetch-Site': 'cross-site' },
      body: JSON.stringify({ message: 'Qui dirige INTERPOL ?' }),
    });
    expect(chat.status).toBe(403);
    // A GET carries no write; CORS (off) keeps another site from reading the answer.
    const search = await app.request('/api/search?q=INTERPOL', { headers: { Origin: 'https://attacker.example', 'Sec-Fetch-Site': 'cross-site' } });
    expect(search.status).toBe(200);
    expect(search.headers.has('access-control-allow-origin')).toBe(false);
  });

  it('the page itself (same-origin), a listed CORS origin and a non-browser client may write', async () => {
    const app = appWith();
    const same = await app.request('http://localhost/api/documents', {
      method: 'POST',
      headers: { Origin: 'http://localhost', 'Sec-Fetch-Site': 'same-origin' },
      body: form('page.txt', 'Un document envoyé par la page elle-même, sur la coopération policière.\n'),
    });
    expect(same.status).toBe(201);
    // An old browser without Sec-Fetch-Site, on a non-default port: Origin matches Host.
    const old = await app.request('http://127.0.0.1:3000/api/documents', {
      method: 'POST',
      headers: { Host: '127.0.0.1:3000', Origin: 'http://127.0.0.1:3000' },
      body: form('ancien.txt', 'Un document envoyé par un ancien navigateur, sur les douanes.\n'),
    });
    expect(old.status).toBe(201);
    const curl = await app.request('/api/documents', { method: 'POST', body: form('curl.txt', 'Un document envoyé par curl, sur la cybercriminalité.\n') });
    expect(curl.status).toBe(201);
    const listed = appWith({ corsOrigins: ['https://intranet.example'] });
    const cors = await listed.request('/api/documents', {
      method: 'POST',
      headers: { Origin: 'https://intranet.example', 'Sec-Fetch-Site': 'cross-site' },
      body: form('intranet.txt', 'Un document envoyé par l’intranet, sur les passeports volés.\n'),
    });
    expect(cors.status).toBe(201);
    for (const s of ['uploads/page.txt', 'uploads/ancien.txt', 'uploads/curl.txt', 'uploads/intranet.txt']) {
      expect((await app.request(`/api/documents/${encodeURIComponent(s)}`, { method: 'DELETE' })).status).toBe(204);
    }
  });
});

describe('Host allow-list (DNS rebinding)', () => {
  it.each(['/', '/health', '/api/search?q=INTERPOL', '/api/documents'])('a foreign Host is refused on %s', async (url) => {
    const res = await appWith().request(`http://attacker.example${url}`, { headers: { Host: 'attacker.example' } });
    expect(res.status).toBe(403);
    expect(await errorCode(res)).toBe('HOST_NOT_ALLOWED');
  });

  it('a rebinding upload (same-origin for the browser, foreign Host) is refused', async () => {
    const res = await appWith().request('http://attacker.example:3000/api/documents', {
      method: 'POST',
      headers: { Host: 'attacker.example:3000', Origin: 'http://attacker.example:3000', 'Sec-Fetch-Site': 'same-origin' },
      body: form('rebind.txt', 'Planté par rebinding DNS.\n'),
    });
    expect(res.status).toBe(403);
    expect(await errorCode(res)).toBe('HOST_NOT_ALLOWED');
  });

  it('loopback names with any port pass by default; ALLOWED_HOSTS adds names; * turns the check off', async () => {
    const app = appWith();
    for (const host of ['localhost:3000', '127.0.0.1:3000', '[::1]:3000', 'LOCALHOST', 'app.localhost:3000']) {
      expect((await app.request('/health', { headers: { Host: host } })).status, host).toBe(200);
    }
    const named = appWith({ allowedHosts: ['assistant.intranet'] });
    expect((await named.request('/health', { headers: { Host: 'assistant.intranet:8080' } })).status).toBe(200);
    expect((await named.request('/health', { headers: { Host: 'localhost:3000' } })).status).toBe(403);
    expect((await appWith({ allowedHosts: ['*'] }).request('/health', { headers: { Host: 'anything.example' } })).status).toBe(200);
    expect(hostName('[::1]:3000')).toBe('::1');
    expect(hostName('Example.ORG:80')).toBe('example.org');
  });

  it('the default list follows the listen address', () => {
    expect(defaultAllowedHosts('127.0.0.1')).toEqual(['localhost', '127.0.0.1', '::1']);
    expect(defaultAllowedHosts('192.0.2.7')).toContain('192.0.2.7');
    const wildcard = defaultAllowedHosts('0.0.0.0');
    expect(wildcard).toContain(os.hostname().toLowerCase());
    expect(wildcard).not.toContain('attacker.example');
  });
});

describe('listen address', () => {
  it('loopback is the default; a network address needs API_KEY or an explicit opt-out', () => {
    expect(DEFAULT_CONFIG.host).toBe('127.0.0.1');
    for (const host of ['127.0.0.1', 'localhost', '::1', '127.0.0.2']) expect(() => checkBindAddress({ host, apiKey: null, allowRemoteWithoutKey: false })).not.toThrow();
    for (const host of ['0.0.0.0', '::', '192.0.2.7']) {
      expect(() => checkBindAddress({ host, apiKey: null, allowRemoteWithoutKey: false })).toThrow(/Refusing to listen on .* without API_KEY.*API_KEY=.*HOST=127\.0\.0\.1.*ALLOW_REMOTE_WITHOUT_KEY=true/);
      expect(() => checkBindAddress({ host, apiKey: 'k', allowRemoteWithoutKey: false })).not.toThrow();
      expect(() => checkBindAddress({ host, apiKey: null, allowRemoteWithoutKey: true })).not.toThrow();
    }
  });
});
