/**
 * Coverage of the lexicon on a word list (default: the test fixture of question words), per source
 * configuration, plus load time and memory. A measurement tool, not a test: prints a table.
 *
 *   npx tsx scripts/lexicon/coverage.ts [--words FILE] [--missing]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isEntryPoint } from '../../core/cli.js';
import { loadLexicon, translateWord, type LexiconOptions } from '../../text/lexicon/lexicon.js';
import type { Lexicon } from '../../text/lexicon/types.js';

const DEFAULT_WORDS = fileURLToPath(new URL('../../tests/text/lexicon/fixtures/question-words.txt', import.meta.url));

export function readWordList(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith('#'));
}

/** The configurations the report compares, from FreeDict alone to everything. */
export const COVERAGE_CONFIGS: { name: string; options: Partial<LexiconOptions> }[] = [
  { name: 'FreeDict only', options: { sources: ['freedict-eng-fra', 'freedict-fra-eng'], glossaryPath: null } },
  { name: 'FreeDict + Apertium pivot', options: { glossaryPath: null } },
  { name: '+ glossary (default)', options: {} },
];

export interface Coverage {
  /** Found as typed. */
  surface: number;
  /** Found as typed or through a lemma (what the embedder gets with translateWord). */
  withLemmas: number;
  missing: string[];
}

export function coverage(lexicon: Lexicon, words: readonly string[]): Coverage {
  let surface = 0;
  let withLemmas = 0;
  const missing: string[] = [];
  for (const w of words) {
    if (lexicon.lookup(w)) surface++;
    if (translateWord(lexicon, w)) withLemmas++;
    else missing.push(w);
  }
  return { surface, withLemmas, missing };
}

function main(): void {
  const { values } = parseArgs({ options: { words: { type: 'string' }, missing: { type: 'boolean', default: false } } });
  const words = readWordList(values.words ?? DEFAULT_WORDS);
  const pct = (n: number) => `${((100 * n) / words.length).toFixed(1)}%`;
  const lines: string[] = [`${words.length} words`, '| configuration | as typed | with lemmas | load ms | keys |', '| --- | --- | --- | --- | --- |'];
  for (const config of COVERAGE_CONFIGS) {
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const lexicon = loadLexicon(config.options);
    const ms = performance.now() - started;
    const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    const c = coverage(lexicon, words);
    lines.push(`| ${config.name} | ${pct(c.surface)} | ${pct(c.withLemmas)} | ${ms.toFixed(0)} (heap +${heapMb.toFixed(1)} MB) | ${lexicon.size} |`);
    if (values.missing) lines.push(`  missing: ${c.missing.join(', ')}`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}

if (isEntryPoint(import.meta.url)) main();
