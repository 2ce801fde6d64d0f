#!/usr/bin/env node
// Makes sure Debian's Chromium is present for the browser tests (playwright-core drives
// /usr/bin/chromium; no tool downloads its own browser). Runs before `npm test`.
// Installs with apt-get when missing and we are root; otherwise explains what to do.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const BROWSER = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (existsSync(BROWSER)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
if (isRoot && existsSync('/usr/bin/apt-get')) {
  console.error(`[ensure-chromium] ${BROWSER} missing: installing Debian's chromium with apt-get…`);
  let r = run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium']);
  if (r.status !== 0) {
    run('apt-get', ['update']);
    r = run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium']);
  }
  if (r.status === 0 && existsSync(BROWSER)) process.exit(0);
}
console.error(
  `[ensure-chromium] ${BROWSER} not found. Install it with "sudo apt-get install chromium" ` +
    `(or set CHROMIUM_PATH). The browser test needs it.`,
);
// Not fatal here: the browser test itself fails with a clear message if the browser is absent.
process.exit(0);
