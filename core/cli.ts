/**
 * Shared plumbing for the command-line entry points: run `main`, turn AppError into a message and
 * its catalog exit code (never a stack trace for expected failures), anything else into exit 1.
 */
import { isAppError } from './errors.js';

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
