/**
 * Hostile input against the real app over a real index: security headers, CORS off unless
 * configured, the optional API key, no stack traces, path traversal through every route that
 * takes a name, JSON 404/405. Through app.request() where possible; traversal also over a real
 * socket, where the raw request path is not normalised by a URL parser first.
 */
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type AppConfig } from '../../core/config.js';
import { memoryLogger, silentLogger } from '../../core/logger.js';
import { createLiveContext } from '../../ingest/live.js';
import { createApp } from '../../server/app.js';
import { sameSecret } from '../../server/middleware/auth.js';
import { DEFAULT_SECURITY_HEADERS } from '../../server/middleware/security-headers.js';
import { buildTestIndex, TEST_CORPUS_DIR, type TestIndex } from '../helpers/test-index.js';

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

let root: string;
let index: TestIndex;

beforeAll(async () => {
  // A private corpus copy: DELETE /api/documents must never reach the committed corpus, and a
  // sentinel beside the corpus folder shows whether a traversal escaped it.
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'security-'));
  const corpusDir = path.join(root, 'corpus');
  await fs.cp(TEST_CORPUS_DIR, corpusDir, { recursive: true });
  await fs.writeFile(path.join(root, 'sentinel.txt'), 'outside the corpus\n');
  index = await buildTestIndex({ corpusDir });
});
afterAll(async () => {
  await index.close();
  await fs.rm(root, { recursive: true, force: true });
});

function appWith(config: Partial<AppConfig> = {}, logger = silentLogger) {
  const full: AppConfig = { ...DEFAULT_CONFIG, corpusDir: index.corpusDir, dataDir: index.dir, indexDir: index.indexDir, embedder: 'lexical', ...config };
  const documents = createLiveContext(index.service, { corpusDir: index.corpusDir, indexDir: index.indexDir });
  return createApp({ config: full, logger, service: index.service, startedAt: Date.now(), documents });
}

const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

describe('security headers', () => {
  const app = () => appWith();
  it.each([
    ['the page', '/', 200],
    ['JSON', '/health', 200],
    ['an error', '/api/search', 400],
    ['a 404', '/nope', 404],
  ])('are on %s (%s)', async (_label, url, status) => {
    const res = await app().request(url);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.has('x-powered-by')).toBe(false);
    // Plain HTTP on a local network: no HSTS to pin a hostname to HTTPS by accident.
    expect(res.headers.has('strict-transport-security')).toBe(false);
  });

  it('the CSP allows nothing but the page origin (no inline script, no eval, no third party)', () => {
    const csp = Object.values(DEFAULT_SECURITY_HEADERS.contentSecurityPolicy).flat().join(' ');
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/);
  });
});

describe('CORS', () => {
  const preflight = (app: ReturnType<typeof appWith>, origin: string) =>
    app.request('/api/search?q=x', {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
    });

  it('is off by default: no Access-Control headers for any origin', async () => {
    const app = appWith();
    const res = await app.request('/api/search?q=INTERPOL', { headers: { Origin: 'https://evil.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.has('access-control-allow-origin')).toBe(false);
    const pre = await preflight(app, 'https://evil.example');
    expect(pre.headers.has('access-control-allow-origin')).toBe(false);
  });

  it('when configured, allows exactly the listed origins, and preflights need no key', async () => {
    const app = appWith({ corsOrigins: ['https://intranet.example'], apiKey: 'k-123' });
    const ok = await preflight(app, 'https://intranet.example');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://intranet.example');
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
    for (const origin of ['https://evil.example', 'https://intranet.example.evil.example', 'null']) {
      const res = await preflight(app, origin);
      expect(res.headers.has('access-control-allow-origin')).toBe(false);
    }
    const res = await app.request('/api/search?q=INTERPOL', { headers: { Origin: 'https://intranet.example', Authorization: 'Bearer k-123' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://intranet.example');
    expect(res.headers.get('vary')).toMatch(/origin/i);
  });
});

describe('API key', () => {
  const KEY = 'correct horse battery staple';
  const app = () => appWith({ apiKey: KEY });

  it('is not required when none is configured', async () => {
    expect((await appWith().request('/api/search?q=INTERPOL')).status).toBe(200);
  });

  it.each([
    ['no header', undefined],
    ['another scheme', `Basic ${Buffer.from(`u:${KEY}`).toString('base64')}`],
    ['a wrong key', 'Bearer wrong'],
    ['a key prefix', `Bearer ${KEY.split(' ')[0]}`],
    ['an empty bearer', 'Bearer '],
    ['a very long key', `Bearer ${'x'.repeat(4000)}`],
  ])('refuses %s with 401 JSON and WWW-Authenticate: Bearer', async (_label, authorization) => {
    const res = await app().request('/api/search?q=INTERPOL', { headers: authorization === undefined ? {} : { Authorization: authorization } });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="assistant"/);
    expect(await errorCode(res)).toBe('UNAUTHORIZED');
  });

  it('accepts the right key (scheme case-insensitive) on /api', async () => {
    for (const scheme of ['Bearer', 'bearer']) {
      const res = await appWith({ apiKey: 'k-123' }).request('/api/search?q=INTERPOL', { headers: { Authorization: `${scheme} k-123` } });
      expect(res.status).toBe(200);
    }
  });

  it.each([
    ['GET', '/v1/models'],
    ['POST', '/v1/chat/completions'],
    ['POST', '/api/chat'],
    ['GET', '/api/documents'],
    ['GET', '/api/sources/0123456789abcdef'],
    // Encoded and oddly spelled paths reach the same routes and the same check.
    ['GET', '/%61pi/search?q=INTERPOL'],
    ['GET', '/api/./search?q=INTERPOL'],
    ['GET', '/api/nope/../search?q=INTERPOL'],
  ])('guards %s %s (also routes that do not exist: nothing is disclosed)', async (method, url) => {
    const res = await app().request(url, { method, headers: { 'Content-Type': 'application/json' }, ...(method === 'POST' ? { body: '{}' } : {}) });
    expect(res.status).toBe(401);
  });

  it('leaves /health and the page open (the page asks the user for the key)', async () => {
    expect((await app().request('/health')).status).toBe(200);
    expect((await app().request('/')).status).toBe(200);
    expect((await app().request('/app.js')).status).toBe(200);
  });

  it('sameSecret compares any lengths without throwing', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abd')).toBe(false);
    expect(sameSecret('', 'abc')).toBe(false);
    expect(sameSecret('a'.repeat(10_000), 'abc')).toBe(false);
    expect(sameSecret('clé-é', 'clé-é')).toBe(true);
  });
});

describe('errors', () => {
  it('a route that throws a plain Error gives a generic 500 JSON: no message, no stack, no path', async () => {
    const logger = memoryLogger('error');
    const app = appWith({}, logger);
    app.get('/api/boom', () => {
      throw new Error(`secret detail at ${path.join(root, 'private.key')}`);
    });
    const res = await app.request('/api/boom');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'INTERNAL', message: 'Internal error.' } });
    expect(text).not.toMatch(/secret|private\.key|\bat \S+:\d+|\.ts\b|node_modules/);
    // The details are not lost: they are in the server log.
    expect(logger.lines.some((l) => l.level === 'error' && String(l.fields['stack']).includes('secret detail'))).toBe(true);
  });

  it('unknown routes are JSON 404s, on every method', async () => {
    const app = appWith();
    for (const [method, url] of [['GET', '/api/nope'], ['POST', '/api/nope'], ['GET', '/nope.html'], ['PUT', '/'], ['DELETE', '/v1/nope']] as const) {
      const res = await app.request(url, { method });
      expect(res.status, `${method} ${url}`).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect(await errorCode(res)).toBe('ROUTE_NOT_FOUND');
    }
  });

  it('a known path with another method is a JSON 405 with Allow', async () => {
    const app = appWith();
    for (const [method, url] of [['DELETE', '/health'], ['POST', '/api/search'], ['PUT', '/api/sources/0123456789abcdef']] as const) {
      const res = await app.request(url, { method });
      expect(res.status, `${method} ${url}`).toBe(405);
      expect(res.headers.get('allow')).toMatch(/\bGET\b/);
      expect(await errorCode(res)).toBe('METHOD_NOT_ALLOWED');
    }
  });
});

describe('hostile request bodies', () => {
  it.each([
    ['invalid JSON', '{"message": '],
    ['JSON null', 'null'],
    ['an array', '[]'],
    ['a string', '"Qui dirige INTERPOL ?"'],
    ['a number', '42'],
    ['a non-string message', '{"message": {"$gt": ""}}'],
    ['an empty message', '{"message": "   "}'],
    ['a prototype-polluting key', '{"__proto__": {"admin": true}, "constructor": {"prototype": {"x": 1}}, "message": 7}'],
    ['a deeply nested value', `{"message": ${'['.repeat(5000)}${']'.repeat(5000)}}`],
    ['a NUL byte', '{"message": "\u0000"}'],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x6d, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
  ])('POST /api/chat with %s is a 4xx JSON error, never a 500', async (_label, body) => {
    const res = await appWith().request('/api/chat', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(({} as Record<string, unknown>)['admin']).toBeUndefined();
  });

  it('the same on /v1/chat/completions', async () => {
    for (const body of ['{', '{"messages": "x"}', '{"messages": [{"role": "user", "content": {"$ne": 1}}]}', '{"messages": []}']) {
      const res = await appWith().request('/v1/chat/completions', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      expect(res.status, body).toBeGreaterThanOrEqual(400);
      expect(res.status, body).toBeLessThan(500);
    }
  });
});

const TRAVERSALS = [
  '/..%2f..%2fpackage.json',
  '/..%2F..%2Fpackage.json',
  '/%2e%2e/%2e%2e/package.json',
  '/%2e%2e%2f%2e%2e%2fpackage.json',
  '/web/../package.json',
  '/web/..%2f..%2fpackage.json',
  '/%252e%252e%252fpackage.json',
  '/..%252f..%252fpackage.json',
  '/..%5c..%5cpackage.json',
  '/....//....//package.json',
  '/%c0%ae%c0%ae/package.json',
  '/index.html%00.json',
  '/.env',
  '/.git/config',
  '/../server/main.ts',
  '//etc/passwd',
];

describe('path traversal', () => {
  it.each(TRAVERSALS)('static: %s is a JSON 404, never a file (app.request)', async (url) => {
    const res = await appWith().request(url);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.text()).not.toMatch(/"dependencies"|"name": "bilingual|root:x:0/);
  });

  it.each(['..%2F..%2Fpackage.json', '%2e%2e%2f%2e%2e%2fpackage.json', '..%252f..%252fpackage.json', '....%2f%2fpackage.json'])(
    '/api/sources/%s is a JSON 404',
    async (id) => {
      const res = await appWith().request(`/api/sources/${id}`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
    },
  );

  it.each([
    '..%2Fsentinel.txt',
    '%2e%2e%2fsentinel.txt',
    '..%252Fsentinel.txt',
    '..%5Csentinel.txt',
    'ABSOLUTE',
    '.',
    '..',
  ])('DELETE /api/documents/%s never deletes outside the corpus', async (name) => {
    const target = name === 'ABSOLUTE' ? encodeURIComponent(path.join(root, 'corpus', '..', 'sentinel.txt')) : name;
    const res = await appWith().request(`/api/documents/${target}`, { method: 'DELETE' });
    // 400/404 from the documents route itself (405 would mean uploads are off and nothing was tried).
    expect([400, 404, 422]).toContain(res.status);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(existsSync(path.join(root, 'sentinel.txt'))).toBe(true);
    expect((await fs.readdir(index.corpusDir)).length).toBe(5);
  });

  describe('over a real socket (raw, un-normalised request paths)', () => {
    let server: ReturnType<typeof serve>;
    let port: number;
    beforeAll(async () => {
      const app = appWith();
      server = await new Promise<ReturnType<typeof serve>>((resolve) => {
        const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
      });
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const raw = (p: string) =>
      new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, path: p, method: 'GET', agent: false }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }));
        });
        req.on('error', reject);
        req.end();
      });

    it.each([...TRAVERSALS, '/web/../../package.json', '/./../package.json', '/api/sources/../../package.json'])('%s', async (p) => {
      const res = await raw(p);
      expect(res.body).not.toMatch(/"dependencies"|root:x:0|"name": "bilingual/);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.type).toMatch(/application\/json/);
    });

    it('the page itself is still served', async () => {
      const res = await raw('/');
      expect(res.status).toBe(200);
      expect(res.type).toMatch(/text\/html/);
    });
  });
});
