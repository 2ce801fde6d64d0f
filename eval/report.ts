/**
 * Writes every report of an evaluation into one folder:
 *   report.md     Markdown table (also printed on stdout by the CLI)
 *   report.json   summaries + per-question details
 *   chart.svg     R@5 and MRR per run × language
 *   qrels.txt     TREC qrels judged over the passage pool
 *   <run>/run.trec one TREC run file per configuration (trec_eval wants one run per file)
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EvalResult, PooledPassage } from './evaluate.js';
import type { Question } from './questions.js';
import { DEFAULT_RELEVANCE, type RelevanceOptions } from './relevance.js';
import { renderJsonReport, type JsonReportMeta } from './report/json.js';
import { renderMarkdown } from './report/markdown.js';
import { renderSvg } from './report/svg.js';
import { buildQrels, poolOf, renderQrels, renderTrecRun, runSlug } from './report/trec.js';

export { renderMarkdown } from './report/markdown.js';
export { renderSvg } from './report/svg.js';
export { renderJsonReport, buildJsonReport } from './report/json.js';
export { buildQrels, poolOf, renderQrels, renderTrecRun, runSlug } from './report/trec.js';

export interface ReportOptions {
  questions: readonly Question[];
  meta: JsonReportMeta;
  /** Every passage of the index when known; the union of retrieved passages is always added. */
  passages: readonly PooledPassage[];
  relevance: RelevanceOptions;
}

export const DEFAULT_REPORT: Omit<ReportOptions, 'questions' | 'meta'> = { passages: [], relevance: DEFAULT_RELEVANCE };

export interface ReportFiles {
  dir: string;
  markdown: string;
  json: string;
  svg: string;
  qrels: string;
  runs: Record<string, string>;
  /** The Markdown text, for printing. */
  table: string;
}

export async function writeReports(
  dir: string,
  runs: readonly EvalResult[],
  options: Pick<ReportOptions, 'questions' | 'meta'> & Partial<ReportOptions>,
): Promise<ReportFiles> {
  const opts: ReportOptions = { ...DEFAULT_REPORT, ...options };
  await mkdir(dir, { recursive: true });
  const table = renderMarkdown(runs);
  const files: ReportFiles = {
    dir,
    markdown: path.join(dir, 'report.md'),
    json: path.join(dir, 'report.json'),
    svg: path.join(dir, 'chart.svg'),
    qrels: path.join(dir, 'qrels.txt'),
    runs: {},
    table,
  };
  await writeAtomic(files.markdown, table);
  await writeAtomic(files.json, renderJsonReport(runs, opts.meta));
  await writeAtomic(files.svg, renderSvg(runs));
  const qrels = buildQrels(opts.questions, poolOf(runs, opts.passages), opts.relevance);
  await writeAtomic(files.qrels, renderQrels(qrels));

  const used = new Set<string>();
  for (const run of runs) {
    let slug = runSlug(run.label);
    // Two labels can slug to the same name ("a/b" and "a-b"): keep both runs.
    for (let n = 2; used.has(slug); n++) slug = `${runSlug(run.label)}-${n}`;
    used.add(slug);
    await mkdir(path.join(dir, slug), { recursive: true });
    const file = path.join(dir, slug, 'run.trec');
    await writeAtomic(file, renderTrecRun(run, slug));
    files.runs[run.label] = file;
  }
  return files;
}

/** Write then rename, so an interrupted run never leaves a half-written report behind. */
async function writeAtomic(file: string, content: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, content, 'utf8');
  await rename(tmp, file);
}
