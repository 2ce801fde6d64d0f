/**
 * `npx tsx scripts/fetch-french-docs.ts [--out data/generality/debian] [--packages a,b,…]`
 *
 * Fetches French documentation from Debian's archive for the retrieval generality runs (unrelated
 * French documents beside corpus/, and a larger general-domain French corpus): `apt-get download`
 * (no install) + `dpkg-deb -x` into a temp folder, then copies every French HTML page into
 * <out>/<package>/ and the package's copyright file into <out>/LICENSES/<package>.copyright.
 * Nothing is committed: data/ is git-ignored. Needs Debian's apt and dpkg-deb (run `apt-get
 * update` first if the package lists are stale).
 *
 * Licences (see the copied copyright files): debian-reference-fr GPL-2+, maint-guide-fr
 * GPL-2+/MIT-style, developers-reference-fr GPL-2+, aptitude-doc-fr GPL-2+, gimp-help-fr GFDL/GPL.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runCli } from '../core/cli.js';
import { AppError } from '../core/errors.js';

export const DEFAULT_PACKAGES = ['debian-reference-fr', 'maint-guide-fr', 'developers-reference-fr', 'aptitude-doc-fr'];

/** French HTML pages of an unpacked package (files named *.fr.html, or any .html under a /fr/ folder or a -fr package). */
function frenchPages(root: string, pkg: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      const st = statSync(full, { throwIfNoEntry: false });
      if (!st) continue;
      if (st.isDirectory()) walk(full);
      else if (/\.html?$/i.test(name) && (/\.fr\.html?$/i.test(name) || /[/\\]fr[/\\]/.test(full) || pkg.endsWith('-fr'))) out.push(full);
    }
  };
  walk(root);
  return out.sort();
}

await runCli('fetch-french-docs', async () => {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: path.join('data', 'generality', 'debian') },
      packages: { type: 'string', default: DEFAULT_PACKAGES.join(',') },
    },
  });
  const out = path.resolve(values.out);
  const packages = values.packages.split(',').map((s) => s.trim()).filter(Boolean);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'french-docs-'));
  mkdirSync(path.join(out, 'LICENSES'), { recursive: true });
  try {
    for (const pkg of packages) {
      if (!/^[a-z0-9][a-z0-9.+-]+$/.test(pkg)) throw new AppError('INVALID_PARAMETER', `not a Debian package name: "${pkg}"`);
      const work = path.join(tmp, pkg);
      mkdirSync(work, { recursive: true });
      try {
        execFileSync('apt-get', ['download', pkg], { cwd: work, stdio: ['ignore', 'ignore', 'pipe'] });
      } catch (err) {
        throw new AppError('CORPUS_NOT_FOUND', `apt-get download ${pkg} failed (run apt-get update?): ${(err as Error).message}`, { cause: err });
      }
      const deb = readdirSync(work).find((f) => f.endsWith('.deb'));
      if (!deb) throw new AppError('CORPUS_NOT_FOUND', `apt-get download ${pkg} produced no .deb`);
      const root = path.join(work, 'x');
      execFileSync('dpkg-deb', ['-x', path.join(work, deb), root]);
      const pages = frenchPages(path.join(root, 'usr', 'share'), pkg);
      const dest = path.join(out, pkg);
      rmSync(dest, { recursive: true, force: true });
      mkdirSync(dest, { recursive: true });
      const used = new Set<string>();
      for (const page of pages) {
        // Flatten: the relative path becomes the file name (unique, readable in citations).
        const rel = path.relative(path.join(root, 'usr', 'share'), page).split(path.sep).slice(2).join('_') || path.basename(page);
        let name = rel.replace(/[^A-Za-z0-9._-]/g, '_');
        while (used.has(name)) name = `x${name}`;
        used.add(name);
        cpSync(page, path.join(dest, name));
      }
      const copyright = path.join(root, 'usr', 'share', 'doc', pkg, 'copyright');
      if (existsSync(copyright)) cpSync(copyright, path.join(out, 'LICENSES', `${pkg}.copyright`));
      process.stdout.write(`${pkg} (${deb}): ${pages.length} French pages → ${path.relative(process.cwd(), dest)}\n`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return 0;
});
