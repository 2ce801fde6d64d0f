/**
 * Headless Chromium for the browser tests: Debian's binary (never a downloaded one) driven by
 * playwright-core, plus a watcher that collects what a page should never produce (script errors,
 * CSP violations). Every launch gets a fresh temporary profile: playwright's chromium.launch
 * creates its own user-data dir and deletes it on close (passing --user-data-dir is refused).
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export interface BrowserOptions {
  executablePath: string;
  args: string[];
  headless: boolean;
}

export const DEFAULT_BROWSER: BrowserOptions = {
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  // Quiet, offline, container-friendly: no sandbox (root in CI), no GPU, no background traffic.
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  headless: true,
};

/** Launch Chromium, or fail with the command that installs it. */
export async function launchBrowser(options: Partial<BrowserOptions> = {}): Promise<Browser> {
  const o: BrowserOptions = { ...DEFAULT_BROWSER, ...options };
  if (!existsSync(o.executablePath)) {
    throw new Error(
      `Chromium not found at ${o.executablePath}. Run "node scripts/ensure-chromium.mjs" (installs Debian's chromium; ` +
        '`npm test` runs it first) or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
  return chromium.launch({ executablePath: o.executablePath, args: o.args, headless: o.headless });
}

export interface PageProblems {
  /** Uncaught exceptions, console errors (resource load failures excluded: the app shows those)
   * and Content-Security-Policy violations, as they happen. */
  errors: string[];
}

/** Start recording a page's script errors and CSP violations (call before the first goto). */
export async function watchPage(page: Page): Promise<PageProblems> {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    // A failed API call is logged by Chromium as "Failed to load resource"; the page displays it.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) errors.push(`console: ${msg.text()}`);
  });
  // Reported through a CDP binding, so it still works after the page is closed.
  await page.exposeFunction('__reportCspViolation', (text: string) => errors.push(`csp: ${text}`));
  await page.addInitScript(() => {
    const report = (window as unknown as { __reportCspViolation: (text: string) => void }).__reportCspViolation;
    document.addEventListener('securitypolicyviolation', (e) => report(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  return { errors };
}

/** data/screenshots/ at the repository root (git-ignored). */
export const SCREENSHOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'screenshots');

/** Save a screenshot (animations finished) and return its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, animations: 'disabled' });
  return file;
}
