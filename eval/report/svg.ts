/**
 * A hand-written SVG bar chart (no chart library): for each run, grouped bars of R@k and MRR
 * per language, so modes × languages compare at a glance in a browser or a PR.
 */
import type { EvalResult } from '../evaluate.js';

export interface SvgOptions {
  /** Recall cutoff shown. */
  recallAt: number;
  title: string;
  plotHeight: number;
  barWidth: number;
}

export const DEFAULT_SVG: SvgOptions = { recallAt: 5, title: 'Retrieval by run and language', plotHeight: 240, barWidth: 16 };

interface Series {
  name: string;
  color: string;
  value: (run: EvalResult) => number | null;
}

export function renderSvg(runs: readonly EvalResult[], options: Partial<SvgOptions> = {}): string {
  const opts: SvgOptions = { ...DEFAULT_SVG, ...options };
  const depth = runs[0]?.metricsOptions.depth ?? 10;
  const k = String(opts.recallAt);
  const series: Series[] = [
    { name: `R@${k} fr`, color: '#1f77b4', value: (r) => r.summary.fr.recall[k] ?? null },
    { name: `R@${k} en`, color: '#9ecae1', value: (r) => r.summary.en.recall[k] ?? null },
    { name: `MRR@${depth} fr`, color: '#d62728', value: (r) => r.summary.fr.mrr },
    { name: `MRR@${depth} en`, color: '#fc9272', value: (r) => r.summary.en.mrr },
  ];

  const left = 48;
  const top = 64;
  const bottom = 72;
  const gap = 2;
  const groupGap = 28;
  const groupWidth = series.length * (opts.barWidth + gap) - gap;
  const plotWidth = Math.max(1, runs.length) * (groupWidth + groupGap) + groupGap;
  const legendWidth = series.length * 110;
  const width = left + Math.max(plotWidth, legendWidth) + 16;
  const height = top + opts.plotHeight + bottom;
  const y = (v: number) => top + opts.plotHeight * (1 - v);

  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`);
  parts.push(`<title>${esc(opts.title)}</title>`);
  parts.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  parts.push(`<text x="${left}" y="20" font-size="14" font-weight="bold">${esc(opts.title)}</text>`);

  series.forEach((s, i) => {
    const lx = left + i * 110;
    parts.push(`<rect x="${lx}" y="32" width="12" height="12" fill="${s.color}"/>`);
    parts.push(`<text x="${lx + 16}" y="42">${esc(s.name)}</text>`);
  });

  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    const ty = fix(y(tick));
    parts.push(`<line x1="${left}" y1="${ty}" x2="${left + plotWidth}" y2="${ty}" stroke="#dddddd"/>`);
    parts.push(`<text x="${left - 6}" y="${fix(y(tick) + 4)}" text-anchor="end">${tick.toFixed(2)}</text>`);
  }
  parts.push(`<line x1="${left}" y1="${top}" x2="${left}" y2="${top + opts.plotHeight}" stroke="#333333"/>`);

  runs.forEach((run, g) => {
    const gx = left + groupGap + g * (groupWidth + groupGap);
    series.forEach((s, i) => {
      const bx = gx + i * (opts.barWidth + gap);
      const v = s.value(run);
      if (v === null) {
        parts.push(`<text x="${fix(bx + opts.barWidth / 2)}" y="${fix(y(0) - 4)}" text-anchor="middle" font-size="9">n/a</text>`);
        return;
      }
      const clamped = Math.min(1, Math.max(0, v));
      parts.push(
        `<rect x="${fix(bx)}" y="${fix(y(clamped))}" width="${opts.barWidth}" height="${fix(opts.plotHeight * clamped)}" fill="${s.color}"><title>${esc(`${run.label} — ${s.name}: ${v.toFixed(3)}`)}</title></rect>`,
      );
      parts.push(`<text x="${fix(bx + opts.barWidth / 2)}" y="${fix(y(clamped) - 3)}" text-anchor="middle" font-size="8">${v.toFixed(2)}</text>`);
    });
    // Labels like "transformers/hybrid/rerank" are long: one line per segment under the group.
    const cx = fix(gx + groupWidth / 2);
    const lines = run.label.split('/');
    const tspans = lines.map((line, i) => `<tspan x="${cx}" dy="${i === 0 ? 0 : 13}">${esc(line)}</tspan>`).join('');
    parts.push(`<text x="${cx}" y="${top + opts.plotHeight + 16}" text-anchor="middle">${tspans}</text>`);
  });

  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function fix(n: number): string {
  return Number(n.toFixed(2)).toString();
}
