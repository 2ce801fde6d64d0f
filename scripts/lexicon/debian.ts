/**
 * Fetches and unpacks the Debian packages the lexicon is built from, without installing them:
 * `apt-get download` + `dpkg-deb -x` into a work folder, so the build needs no root beyond apt's
 * package lists and leaves the system untouched.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';

export interface PackageInfo {
  name: string;
  version: string;
  deb: string;
}

/** Dictionary data, plus lttoolbox's tools (lt-print, lt-paradigm are in -dev) and its library. */
export const LEXICON_PACKAGES = [
  'dict-freedict-eng-fra',
  'dict-freedict-fra-eng',
  'apertium-eng-spa',
  'apertium-fr-es',
  'lttoolbox',
  'lttoolbox-dev',
  'liblttoolbox3',
] as const;

function run(cmd: string, args: readonly string[], cwd: string, env?: NodeJS.ProcessEnv): string {
  return execFileSync(cmd, args, { cwd, env: env ?? process.env, encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Downloads the packages into `workDir` (refreshing apt's lists once if a download fails) and unpacks them into `workDir/root`. */
export function fetchPackages(workDir: string, packages: readonly string[], logger: Logger): PackageInfo[] {
  mkdirSync(workDir, { recursive: true });
  try {
    run('apt-get', ['download', ...packages], workDir);
  } catch (err) {
    logger.warn('apt-get download failed; running apt-get update once and retrying', { error: String(err) });
    run('apt-get', ['update'], workDir);
    run('apt-get', ['download', ...packages], workDir);
  }
  const root = join(workDir, 'root');
  mkdirSync(root, { recursive: true });
  const debs = readdirSync(workDir).filter((f) => f.endsWith('.deb'));
  const infos: PackageInfo[] = [];
  for (const name of packages) {
    const deb = debs.find((f) => f.startsWith(`${name}_`));
    if (!deb) throw new AppError('INTERNAL', `apt-get download did not produce a .deb for ${name}`);
    run('dpkg-deb', ['-x', deb, root], workDir);
    const version = run('dpkg-deb', ['-f', deb, 'Version'], workDir).trim();
    infos.push({ name, version, deb });
    logger.info('unpacked package', { name, version });
  }
  return infos;
}

/** Runs the unpacked lttoolbox binaries against their own unpacked library. */
export class LtToolbox {
  private readonly bin: string;
  private readonly env: NodeJS.ProcessEnv;

  constructor(root: string) {
    this.bin = join(root, 'usr', 'bin');
    const libDirs = [join(root, 'usr', 'lib', 'x86_64-linux-gnu'), join(root, 'usr', 'lib')];
    const existing = process.env.LD_LIBRARY_PATH;
    this.env = { ...process.env, LD_LIBRARY_PATH: [...libDirs, ...(existing ? [existing] : [])].join(':') };
    const missing = run('ldd', [join(this.bin, 'lt-print')], root, this.env)
      .split('\n')
      .filter((l) => l.includes('not found'));
    if (missing.length > 0) {
      throw new AppError('INTERNAL', 
        `lt-print cannot find shared libraries (${missing.map((l) => l.trim()).join('; ')}). ` +
          'Install them (e.g. `apt-get install lttoolbox-dev`, which pulls libicu) and rerun.',
      );
    }
  }

  /** The transducer as AT&T text. */
  print(binFile: string): string {
    return run(join(this.bin, 'lt-print'), [binFile], this.bin, this.env);
  }

  /** `lt-paradigm` listing for the given patterns (one per line), e.g. "*<*>" on an analyser. */
  paradigm(binFile: string, patterns: readonly string[], analyser: boolean): string {
    const args = analyser ? ['-a', binFile] : [binFile];
    return execFileSync(join(this.bin, 'lt-paradigm'), args, {
      env: this.env,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      input: patterns.join('\n') + '\n',
    });
  }
}
