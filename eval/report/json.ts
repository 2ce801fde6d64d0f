/**
 * The machine-readable report: every run's configuration, summaries (overall, per language, per
 * tag) and per-question details (ranks, retrieved ids, answerable flag, diagnostics). Passage
 * texts are left out (they are in the index and would multiply the file size by the run count).
 */
import type { EvalResult } from '../evaluate.js';

export interface JsonReportMeta {
  generatedAt: string;
  questionsFile: string;
  /** e.g. the --url evaluated, corpus and index folders. */
  [key: string]: string | number | boolean | null;
}

export interface JsonReport {
  formatVersion: 1;
  meta: JsonReportMeta;
  runs: Omit<EvalResult, 'pool'>[];
}

export function buildJsonReport(runs: readonly EvalResult[], meta: JsonReportMeta): JsonReport {
  return {
    formatVersion: 1,
    meta,
    runs: runs.map(({ pool: _pool, ...rest }) => rest),
  };
}

export function renderJsonReport(runs: readonly EvalResult[], meta: JsonReportMeta): string {
  return JSON.stringify(buildJsonReport(runs, meta), null, 2) + '\n';
}
