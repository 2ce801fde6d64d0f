#!/usr/bin/env node
// Makes sure Debian's Apertium (engine + the fr-es and eng-spa pairs) is present, so the tests
// exercise the real offline translator (French ↔ English through Spanish). Runs before `npm test`.
// Installs with apt-get when missing and we are root; otherwise explains what to do. The
// assistant itself works without it (no English renderings, no translated-passage index).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const PACKAGES = ['apertium', 'apertium-fr-es', 'apertium-eng-spa'];
const MODES = process.env.APERTIUM_MODES_DIR || '/usr/share/apertium/modes';
const present = () =>
  spawnSync('sh', ['-c', 'command -v apertium-wblank-mode'], { stdio: 'ignore' }).status === 0 &&
  ['fr-es', 'spa-eng', 'eng-spa', 'es-fr'].every((m) => existsSync(`${MODES}/${m}.mode`));
if (present()) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
if (isRoot && existsSync('/usr/bin/apt-get')) {
  console.error(`[ensure-apertium] Apertium missing: installing ${PACKAGES.join(' ')} with apt-get…`);
  let r = run('apt-get', ['install', '-y', '--no-install-recommends', ...PACKAGES]);
  if (r.status !== 0) {
    run('apt-get', ['update']);
    r = run('apt-get', ['install', '-y', '--no-install-recommends', ...PACKAGES]);
  }
  if (r.status === 0 && present()) process.exit(0);
}
console.error(
  `[ensure-apertium] Apertium not found. Install it with "sudo apt-get install ${PACKAGES.join(' ')}". ` +
    'The translation tests need it (they are skipped without it, except under CI=true where they fail).',
);
process.exit(0);
