/**
 * Builds eval/sets/wesnoth-en-fr: English dialogue lines of Battle for Wesnoth campaigns and their
 * French translations (the game's own gettext catalogues, written by Wesnoth's translators).
 * Everyday spoken language — pronouns, common verbs, idioms, free translations — the kind of
 * sentence Multi30k's image captions lack. Each French line is one corpus document; each English
 * line a question whose gold is its translation.
 *
 *   npx tsx scripts/devsets/wesnoth.ts [--out eval/sets] [--size 1000]
 *
 * Source: Debian packages (fetched with `apt-get download`, unpacked with `dpkg-deb -x`, as the
 * lexicon build does). Licence: GPL-2.0-or-later (Wesnoth), like this project.
 * Deterministic: lines are filtered by fixed rules, de-duplicated, ordered by a hash of the
 * English text, and the first `size` kept.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isEntryPoint } from '../../core/cli.js';

/** Campaign packages of Debian 12 (bookworm), Wesnoth 1.16. */
export const PACKAGES = ['wesnoth-1.16-httt', 'wesnoth-1.16-ei', 'wesnoth-1.16-did', 'wesnoth-1.16-l', 'wesnoth-1.16-dm', 'wesnoth-1.16-sof', 'wesnoth-1.16-nr'];

/** msgid → msgstr pairs of a GNU .mo file (little-endian, as Debian ships them). */
export function readMo(buf: Buffer): [string, string][] {
  if (buf.readUInt32LE(0) !== 0x950412de) throw new Error('not a little-endian .mo file');
  const n = buf.readUInt32LE(8);
  const originals = buf.readUInt32LE(12);
  const translations = buf.readUInt32LE(16);
  const out: [string, string][] = [];
  for (let i = 0; i < n; i++) {
    const ol = buf.readUInt32LE(originals + 8 * i);
    const oo = buf.readUInt32LE(originals + 8 * i + 4);
    const tl = buf.readUInt32LE(translations + 8 * i);
    const to = buf.readUInt32LE(translations + 8 * i + 4);
    const id = buf.subarray(oo, oo + ol).toString('utf8');
    const str = buf.subarray(to, to + tl).toString('utf8');
    // Plural forms and contexts (msgctxt\u0004msgid) are not sentences we want.
    if (!id || id.includes('\u0000') || id.includes('\u0004')) continue;
    out.push([id, str]);
  }
  return out;
}

const MARKUP = /[{}$<>@|~\\\n\t_=*#[\]]/;

/** A spoken or narrated sentence line worth asking: plain text, 3–30 words, ends like a sentence. */
export function keepPair(en: string, fr: string): boolean {
  if (MARKUP.test(en) || MARKUP.test(fr)) return false;
  if (en.length < 15 || en.length > 160 || fr.length < 10) return false;
  const words = en.split(/\s+/).length;
  if (words < 3 || words > 30) return false;
  if (!/[.!?…]["”’)]?$/.test(en.trim())) return false;
  return fr.trim() !== en.trim();
}

function main(): void {
  const { values } = parseArgs({ options: { out: { type: 'string' }, size: { type: 'string' } } });
  const outDir = path.join(values.out ?? 'eval/sets', 'wesnoth-en-fr');
  const size = Number(values.size ?? 1000);
  const work = mkdtempSync(path.join(tmpdir(), 'wesnoth-'));
  try {
    const pairs = new Map<string, string>();
    const versions: string[] = [];
    for (const pkg of PACKAGES) {
      execFileSync('apt-get', ['download', pkg], { cwd: work, stdio: ['ignore', 'ignore', 'pipe'] });
      const deb = readdirSync(work).find((f) => f.startsWith(`${pkg}_`) && f.endsWith('.deb'));
      if (!deb) throw new Error(`apt-get download ${pkg} produced no .deb`);
      versions.push(decodeURIComponent(deb));
      const dir = path.join(work, pkg);
      execFileSync('dpkg-deb', ['-x', path.join(work, deb), dir]);
      const mo = execFileSync('find', [dir, '-path', '*/locale/fr/LC_MESSAGES/*.mo'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).sort();
      for (const file of mo) {
        for (const [en, fr] of readMo(readFileSync(file))) {
          const e = en.trim();
          const f = fr.trim();
          if (keepPair(e, f) && !pairs.has(e)) pairs.set(e, f);
        }
      }
    }
    // One French line must not answer two questions: drop French duplicates entirely.
    const frCount = new Map<string, number>();
    for (const f of pairs.values()) frCount.set(f, (frCount.get(f) ?? 0) + 1);
    const hash = (s: string) => createHash('sha256').update(s).digest('hex');
    const chosen = [...pairs].filter(([, f]) => frCount.get(f) === 1).sort(([a], [b]) => (hash(a) < hash(b) ? -1 : 1)).slice(0, size);
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(path.join(outDir, 'corpus'), { recursive: true });
    const questions: string[] = [];
    chosen.forEach(([en, fr], i) => {
      const n = String(i + 1).padStart(4, '0');
      writeFileSync(path.join(outDir, 'corpus', `${n}.txt`), `${fr}\n`);
      questions.push(JSON.stringify({ id: `wes-${n}`, lang: 'en', question: en, answerable: true, gold: [{ source: `${n}.txt`, text: fr }] }));
    });
    writeFileSync(path.join(outDir, 'questions.jsonl'), questions.join('\n') + '\n');
    writeFileSync(
      path.join(outDir, 'SOURCE.md'),
      `# wesnoth-en-fr\n\nBattle for Wesnoth campaign dialogue: English lines and the French catalogue's translations.\n` +
        `Debian packages: ${versions.join(', ')} (locale/fr/LC_MESSAGES/*.mo).\n` +
        `Licence: GPL-2.0-or-later (The Battle for Wesnoth Project).\n` +
        `Built by scripts/devsets/wesnoth.ts: ${pairs.size} usable pairs, ${chosen.length} kept (ordered by sha256 of the English line).\n`,
    );
    process.stderr.write(`wesnoth-en-fr: ${pairs.size} usable pairs, ${chosen.length} written to ${outDir}\n`);
  } finally {
    if (existsSync(work)) rmSync(work, { recursive: true, force: true });
  }
}

if (isEntryPoint(import.meta.url)) main();
