/**
 * The attack for real: a page served from another origin, opened in Chromium, tries to
 * plant a document in the assistant (a multipart fetch and a plain form submission, the two
 * "simple" requests a browser sends without a preflight), against the server as
 * http://localhost:PORT (same-site with the attacker's localhost page) and http://127.0.0.1:PORT
 * (cross-site). Every attempt reaches the server and is refused (403 CROSS_SITE_REQUEST in its
 * log); the document list is unchanged. The assistant's own page uploading through its documents
 * panel is covered by chat.browser.test.ts.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../core/logger.js';
import { launchBrowser } from '../helpers/browser.js';
import { startAppServer, type AppServer } from './server.js';

const logger = memoryLogger('debug');
let server: AppServer;
let attacker: http.Server;
let attackerPort: number;
let browser: Browser;

/** The attacker's page: posts a file to `target` by fetch, then by submitting a form. */
function attackPage(target: string, name: string): string {
  return `<!doctype html><meta charset="utf-8"><title>Jeu gratuit</title>
<form id="f" method="post" enctype="multipart/form-data" action="${target}/api/documents"><input type="file" name="file"></form>
<script>
(async () => {
  const file = (n) => new File(['Document planté par une page hostile: ' + n + '\\n'], n, { type: 'text/plain' });
  const body = new FormData();
  body.append('file', file('${name}-fetch.txt'));
  try { await fetch('${target}/api/documents', { method: 'POST', body, mode: 'no-cors', credentials: 'include' }); } catch {}
  document.title = 'fetched';
  const dt = new DataTransfer();
  dt.items.add(file('${name}-form.txt'));
  const input = document.querySelector('input');
  input.files = dt.files;
  document.getElementById('f').submit();
})();
</script>`;
}

beforeAll(async () => {
  server = await startAppServer({ logger });
  attacker = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const target = url.searchParams.get('target') ?? '';
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(attackPage(target, url.searchParams.get('name') ?? 'x'));
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', () => resolve()));
  attackerPort = (attacker.address() as AddressInfo).port;
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (attacker ? attacker.close(() => resolve()) : resolve()));
  await server?.close();
});

const listed = async () => ((await (await fetch(`${server.url}/api/documents`)).json()) as { documents: { source: string }[] }).documents.map((d) => d.source);
const refusals = () => logger.lines.filter((l) => l.msg === 'request rejected' && l.fields['code'] === 'CROSS_SITE_REQUEST').length;

describe('a page on another origin, in Chromium', () => {
  const port = () => new URL(server.url).port;
  it.each([
    ['same-site: localhost:A → localhost:B', () => `http://localhost:${port()}`, 'samesite'],
    ['cross-site: localhost:A → 127.0.0.1:B', () => `http://127.0.0.1:${port()}`, 'crosssite'],
  ])('cannot add a document (%s): fetch and form submission both refused', async (_label, target, name) => {
    const before = await listed();
    const seen = refusals();
    const page = await browser.newPage();
    try {
      const navigated = page.waitForURL((u) => u.pathname === '/api/documents', { timeout: 30_000 });
      await page.goto(`http://localhost:${attackerPort}/?target=${encodeURIComponent(target())}&name=${name}`);
      // The form submission navigates to the server's answer: the JSON refusal.
      await navigated;
      const shown = await page.locator('body').innerText();
      expect(shown).toContain('CROSS_SITE_REQUEST');
    } finally {
      await page.close();
    }
    // Both requests reached the server and were refused there; nothing was added.
    expect(refusals() - seen).toBe(2);
    expect(await listed()).toEqual(before);
    expect((await listed()).some((s) => s.includes(name))).toBe(false);
  }, 60_000);
});
