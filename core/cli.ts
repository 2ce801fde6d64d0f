/**
 * Shared plumbing for the command-line entry points: run `main`, turn AppError into a message and
 * its catalog exit code (never a stack trace for expected failures), anything else into exit 1.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAppError } from './errors.js';

/**
 * Whether the module at `moduleUrl` (pass `import.meta.url`) is the script node was started with,
 * so a CLI file runs its command when executed and only exports when imported (tests, the bench).
 */
export function isEntryPoint(moduleUrl: string): boolean {
  const script = process.argv[1];
  return script !== undefined && path.resolve(script) === fileURLToPath(moduleUrl);
}

export async function runCli(name: string, main: () => Promise<number | void>): Promise<void> {
  try {
    const code = await main();
    process.exitCode = typeof code === 'number' ? code : 0;
  } catch (err) {
    if (isAppError(err)) {
      process.stderr.write(`${name}: ${err.message}\n  → ${err.hint}\n`);
      process.exitCode = err.exitCode;
    } else {
      process.stderr.write(`${name}: unexpected error: ${(err as Error)?.stack ?? String(err)}\n`);
      process.exitCode = 1;
    }
  }
}
