/**
 * Rebuilds text/lexicon/data/ from Debian's FreeDict and Apertium packages. A maintainer tool, not
 * run by CI, tests or `npm start` (the data is committed). Needs `apt-get download` (Debian package
 * lists; run `apt-get update` once if they are stale) and dpkg-deb.
 *
 *   npx tsx scripts/lexicon/build.ts [--work DIR] [--out DIR] [--keep]
 *
 * --work  where packages are downloaded and unpacked (default: a fresh temp folder)
 * --out   where data files are written (default: text/lexicon/data)
 * --keep  keep the work folder (to inspect the dumps)
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isEntryPoint } from '../../core/cli.js';
import { toAppError } from '../../core/errors.js';
import { createLogger, type Logger } from '../../core/logger.js';
import {
  FORMAT_HEADER,
  LEMMAS_FILE,
  LEXICON_FILE,
  VERSION_FILE,
  encodeLemmaRow,
  encodeLexiconRow,
} from '../../text/lexicon/format.js';
import { parseGlossary } from '../../text/lexicon/glossary.js';
import { pivot, readAnalyserListing, readBidix } from './apertium.js';
import { LEXICON_PACKAGES, LtToolbox, fetchPackages, type PackageInfo } from './debian.js';
import { readDictd } from './freedict.js';
import { buildLemmaTable, type LemmaTableStats } from './lemmas.js';
import { merge, type MergeStats } from './merge.js';
import { renderNotice } from './notice.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

export interface BuildOptions {
  workDir: string;
  outDir: string;
  glossaryPath: string;
  logger: Logger;
}

export interface BuildReport {
  packages: PackageInfo[];
  freedict: { engFraHeadwords: number; fraEngHeadwords: number };
  apertium: { engSpaPairs: number; spaFraPairs: number; pivotKeys: number; pivotPairs: number; pivotRoundTrip: number };
  merge: MergeStats;
  lemmas: LemmaTableStats;
  version: string;
  bytes: Record<string, number>;
}

export function build(opts: BuildOptions): BuildReport {
  const log = opts.logger;
  const packages = fetchPackages(opts.workDir, LEXICON_PACKAGES, log);
  const root = join(opts.workDir, 'root');
  const dictd = join(root, 'usr', 'share', 'dictd');
  const apertium = join(root, 'usr', 'share', 'apertium');

  const engFra = readDictd(join(dictd, 'freedict-eng-fra.index'), join(dictd, 'freedict-eng-fra.dict.dz'));
  const fraEng = readDictd(join(dictd, 'freedict-fra-eng.index'), join(dictd, 'freedict-fra-eng.dict.dz'));
  log.info('read FreeDict', { engFra: engFra.length, fraEng: fraEng.length });

  const lt = new LtToolbox(root);
  const bidix = (pair: string, file: string, placeNamesOnly: boolean) => {
    const started = Date.now();
    const table = readBidix(lt.print(join(apertium, pair, file)), placeNamesOnly);
    log.info('expanded bilingual dictionary', { file, entries: table.size, ms: Date.now() - started });
    return table;
  };
  const engSpa = bidix('apertium-eng-spa', 'eng-spa.autobil.bin', true);
  const spaEng = bidix('apertium-eng-spa', 'spa-eng.autobil.bin', false);
  const spaFra = bidix('apertium-fr-es', 'es-fr.autobil.bin', false);
  const fraSpa = bidix('apertium-fr-es', 'fr-es.autobil.bin', false);
  const pivoted = pivot({ engSpa, spaFra, fraSpa, spaEng });
  let pivotPairs = 0;
  let pivotRoundTrip = 0;
  for (const list of pivoted.values()) {
    pivotPairs += list.length;
    pivotRoundTrip += list.filter((t) => t.roundTrip).length;
  }
  log.info('pivoted English → Spanish → French', { keys: pivoted.size, pairs: pivotPairs, roundTrip: pivotRoundTrip });

  const { rows, stats } = merge({ engFra, fraEng, pivot: pivoted });
  log.info('merged', { ...stats });

  // The runtime rules check candidates against every key it knows, glossary included.
  const known = new Set(rows.map((r) => r.en));
  for (const entry of parseGlossary(readFileSync(opts.glossaryPath, 'utf8'), opts.glossaryPath)) {
    for (const en of entry.english) known.add(en);
  }
  const listing = lt.paradigm(join(apertium, 'apertium-eng-spa', 'eng-spa.automorf.bin'), ['*<*>'], true);
  const lemmaTable = buildLemmaTable(readAnalyserListing(listing), (w) => known.has(w));
  log.info('lemma table', { ...lemmaTable.stats });

  mkdirSync(opts.outDir, { recursive: true });
  const lexiconText = [FORMAT_HEADER, ...rows.map(encodeLexiconRow)].join('\n') + '\n';
  const lemmaText =
    [FORMAT_HEADER, ...[...lemmaTable.table].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([s, l]) => encodeLemmaRow(s, l))].join(
      '\n',
    ) + '\n';
  const version = `lex${createHash('sha256').update(lexiconText).update('\u0000').update(lemmaText).digest('hex').slice(0, 12)}`;
  writeFileSync(join(opts.outDir, LEXICON_FILE), lexiconText);
  writeFileSync(join(opts.outDir, LEMMAS_FILE), lemmaText);
  writeFileSync(join(opts.outDir, VERSION_FILE), version + '\n');

  const report: BuildReport = {
    packages,
    freedict: { engFraHeadwords: engFra.length, fraEngHeadwords: fraEng.length },
    apertium: { engSpaPairs: countPairs(engSpa), spaFraPairs: countPairs(spaFra), pivotKeys: pivoted.size, pivotPairs, pivotRoundTrip },
    merge: stats,
    lemmas: lemmaTable.stats,
    version,
    bytes: { [LEXICON_FILE]: Buffer.byteLength(lexiconText), [LEMMAS_FILE]: Buffer.byteLength(lemmaText) },
  };
  writeFileSync(join(opts.outDir, 'NOTICE.md'), renderNotice(report));
  log.info('wrote lexicon data', { outDir: opts.outDir, version, bytes: report.bytes });
  return report;
}

function countPairs(table: Map<string, string[]>): number {
  let n = 0;
  for (const list of table.values()) n += list.length;
  return n;
}

function main(): void {
  const { values } = parseArgs({
    options: { work: { type: 'string' }, out: { type: 'string' }, keep: { type: 'boolean', default: false } },
  });
  const logger = createLogger({ bindings: { tool: 'lexicon-build' } });
  const workDir = values.work ?? mkdtempSync(join(tmpdir(), 'lexicon-build-'));
  try {
    const report = build({
      workDir,
      outDir: values.out ?? join(REPO, 'index', 'lexicon', 'data'),
      glossaryPath: join(REPO, 'index', 'lexicon', 'glossary.tsv'),
      logger,
    });
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } catch (err) {
    const appError = toAppError(err);
    logger.error('lexicon build failed', { error: err instanceof Error ? err.message : String(err) });
    process.exitCode = appError.exitCode;
  } finally {
    if (!values.keep && values.work === undefined) rmSync(workDir, { recursive: true, force: true });
  }
}

if (isEntryPoint(import.meta.url)) main();
