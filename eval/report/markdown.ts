/**
 * The Markdown summary printed on stdout: one row per run × language, so modes compare side by side.
 */
import type { EvalResult } from '../evaluate.js';
import type { GroupSummary } from '../metrics.js';

export interface MarkdownOptions {
  /** Decimals shown for ratios. */
  digits: number;
  title: string;
}

export const DEFAULT_MARKDOWN: MarkdownOptions = { digits: 3, title: 'Retrieval evaluation' };

export function renderMarkdown(runs: readonly EvalResult[], options: Partial<MarkdownOptions> = {}): string {
  const opts: MarkdownOptions = { ...DEFAULT_MARKDOWN, ...options };
  const first = runs[0];
  if (!first) return `## ${opts.title}\n\n(no runs)\n`;
  const { cutoffs, depth } = first.metricsOptions;
  const fullAt = Math.max(...cutoffs);
  const all = first.summary.all;
  const fmt = (v: number | null) => (v === null ? '–' : v.toFixed(opts.digits));
  const frac = (n: number, d: number, r: number | null) => (d === 0 ? '–' : `${fmt(r)} (${n}/${d})`);

  const head = ['Run', 'Lang', 'Questions', ...cutoffs.map((k) => `R@${k}`), `Full@${fullAt} (multi-gold)`, `MRR@${depth}`, `nDCG@${depth}`, 'Declined (unanswerable)', 'False refusals'];
  const rows: string[][] = [];
  for (const run of runs) {
    for (const lang of ['all', 'fr', 'en'] as const) {
      const s: GroupSummary = run.summary[lang];
      rows.push([
        escapeCell(run.label),
        lang,
        `${s.questions} (${s.answerable} ans.)`,
        ...cutoffs.map((k) => fmt(s.recall[String(k)] ?? null)),
        s.multiGold === 0 ? '–' : `${fmt(s.fullRecall[String(fullAt)] ?? null)} (n=${s.multiGold})`,
        fmt(s.mrr),
        fmt(s.ndcg),
        frac(s.declined, s.unanswerable, s.declinedRate),
        frac(s.falseRefusals, s.answerable, s.falseRefusalRate),
      ]);
    }
  }
  const lines = [
    `## ${opts.title}`,
    '',
    `${all.questions} questions (${all.answerable} answerable, ${all.unanswerable} unanswerable); k=${String(first.config.k)}; ${runs.length} run${runs.length === 1 ? '' : 's'}.`,
    '',
    `| ${head.join(' | ')} |`,
    `| ${head.map((_, i) => (i < 2 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
  ];
  return lines.join('\n');
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}
