/**
 * Accessibility, measured: axe-core (the npm package, evaluated in the page through the DevTools
 * protocol, so the page's strict CSP stays as it is) audits the chat page in Chromium in the states
 * people meet — empty, an answered conversation, the passage panel, the documents panel, a
 * document preview — at 1280 px and 375 px, in light and dark themes. No serious or critical
 * violation is allowed; the others are listed in data/a11y/report.json for the record.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, SCREENSHOT_DIR } from '../helpers/browser.js';
import { startAppServer, type AppServer } from './server.js';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const REPORT = path.join(path.dirname(SCREENSHOT_DIR), 'a11y', 'report.json');
const QUESTION = "Qui a rencontré Jürgen Stock à l'ONU ?";
const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 375, height: 740 } } as const;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

let server: AppServer;
let browser: Browser;
const report: Record<string, { violations: { id: string; impact: string | null; nodes: number }[]; passes: number }> = {};

beforeAll(async () => {
  server = await startAppServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await fs.mkdir(path.dirname(REPORT), { recursive: true });
  await fs.writeFile(REPORT, `${JSON.stringify(report, null, 2)}\n`);
  await browser?.close();
  await server?.close();
});

/** Run axe on the page as it is (WCAG 2.x A/AA rules and best practices). */
async function audit(page: Page, name: string): Promise<Violation[]> {
  // Animations finished: a sheet sliding in must be measured where it rests.
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
  const hasAxe = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!hasAxe) await page.evaluate(AXE_SOURCE);
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (ctx: Document, o: unknown) => Promise<unknown> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    }),
  )) as { violations: Violation[]; passes: unknown[] };
  report[name] = { violations: result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })), passes: result.passes.length };
  return result.violations;
}

const serious = (violations: Violation[]) =>
  violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => `${n.target.join(' ')} (${n.failureSummary?.split('\n')[1]?.trim() ?? ''})`).join('; ')}`);

for (const theme of ['light', 'dark'] as const) {
  for (const [size, viewport] of Object.entries(SIZES)) {
    describe(`${size} (${viewport.width} px), ${theme} theme`, () => {
      let context: BrowserContext;
      let page: Page;
      const key = (state: string) => `${state} ${size} ${theme}`;

      beforeAll(async () => {
        context = await browser.newContext({ locale: 'fr-FR', viewport, colorScheme: theme, ...(size === 'phone' ? { hasTouch: true, isMobile: true } : {}) });
        page = await context.newPage();
        page.setDefaultTimeout(20_000);
        await page.goto(`${server.url}/`);
        await page.locator('body.restored').waitFor();
      });
      afterAll(() => context?.close());

      it('the empty page', async () => {
        expect(serious(await audit(page, key('empty')))).toEqual([]);
      });

      it('an answered conversation, with its saved list', async () => {
        const box = page.locator('textarea[name="message"]');
        await box.fill(QUESTION);
        await box.press('Enter');
        await page.locator('#message-list > li.assistant').last().and(page.locator(':not([aria-busy])')).waitFor();
        await page.locator('#message-list > li.assistant [data-action="feedback-down"]').last().click();
        await page.locator('.feedback-form').last().waitFor({ state: 'visible' });
        if (size === 'phone') {
          // The conversations panel slides over the page on a phone: audit it open too.
          await page.locator('#toggle-history').click();
          await page.locator('#history').waitFor({ state: 'visible' });
          expect(serious(await audit(page, key('conversations panel')))).toEqual([]);
          await page.keyboard.press('Escape');
        }
        expect(serious(await audit(page, key('answered')))).toEqual([]);
      });

      it('the passage panel', async () => {
        await page.locator('.answer [data-citation]').first().click();
        await page.locator('[data-testid="passage"] mark.cited').waitFor();
        await page.locator('#passage-status').waitFor({ state: 'hidden' });
        expect(serious(await audit(page, key('passage panel')))).toEqual([]);
        await page.keyboard.press('Escape');
      });

      it('the documents panel and a document preview', async () => {
        await page.locator('#open-documents').click();
        await page.locator('#document-list li.doc').first().waitFor();
        expect(serious(await audit(page, key('documents panel')))).toEqual([]);
        await page.locator('#document-list li.doc [data-action="read"]').first().click();
        await page.locator('#preview-panel .preview-text').waitFor();
        expect(serious(await audit(page, key('preview')))).toEqual([]);
        await page.keyboard.press('Escape');
        await page.keyboard.press('Escape');
      });
    });
  }
}
