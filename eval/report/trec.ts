/**
 * TREC files so results can be cross-checked with trec_eval / ir_measures:
 * a run file (`qid Q0 docid rank score tag`) per configuration and one qrels file
 * (`qid 0 docid rel`). Doc ids are passage ids.
 */
import type { EvalResult, PooledPassage } from '../evaluate.js';
import type { Question } from '../questions.js';
import { DEFAULT_RELEVANCE, matchedGold, type RelevanceOptions } from '../relevance.js';

export interface QrelLine {
  qid: string;
  docid: string;
  rel: number;
}

/** Run tags and folder names: TREC columns are whitespace-separated. */
export function runSlug(label: string): string {
  return label.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'run';
}

/**
 * trec_eval orders by score, not by the rank column; when a ranking's scores are not strictly
 * decreasing (ties, fused or non-finite scores) we write 1/rank so it reproduces our order.
 */
export function renderTrecRun(run: EvalResult, tag: string = runSlug(run.label)): string {
  const lines: string[] = [];
  for (const q of run.questions) {
    // Compare the written (rounded) values: rounding can create ties the raw scores did not have.
    const written = q.retrieved.map((r) => (Number.isFinite(r.score) ? formatScore(r.score) : 'NaN'));
    const monotonic = written.every((s, i) => s !== 'NaN' && (i === 0 || Number(s) < Number(written[i - 1])));
    q.retrieved.forEach((r, i) => {
      const score = monotonic ? (written[i] as string) : formatScore(1 / r.rank);
      lines.push(`${q.id} Q0 ${r.id} ${r.rank} ${score} ${tag}`);
    });
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

/** Judge every (answerable question, pooled passage) pair; only relevant pairs are listed (rel 1). */
export function buildQrels(questions: readonly Question[], pool: readonly PooledPassage[], relevance: RelevanceOptions = DEFAULT_RELEVANCE): QrelLine[] {
  const out: QrelLine[] = [];
  const passages = [...new Map(pool.map((p) => [p.id, p])).values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const q of questions) {
    if (!q.answerable) continue;
    for (const p of passages) {
      if (matchedGold(p, q.gold, relevance).length > 0) out.push({ qid: q.id, docid: p.id, rel: 1 });
    }
  }
  return out;
}

export function renderQrels(lines: readonly QrelLine[]): string {
  return lines.map((l) => `${l.qid} 0 ${l.docid} ${l.rel}`).join('\n') + (lines.length ? '\n' : '');
}

/** Passages from every run, deduplicated by id: the judged pool when no full passage list is known. */
export function poolOf(runs: readonly EvalResult[], extra: readonly PooledPassage[] = []): PooledPassage[] {
  const byId = new Map<string, PooledPassage>();
  for (const p of extra) byId.set(p.id, p);
  for (const run of runs) for (const p of run.pool) if (!byId.has(p.id)) byId.set(p.id, p);
  return [...byId.values()];
}

function formatScore(score: number): string {
  // Fixed notation keeps the column parseable by every TREC tool (no "1e-7").
  return score.toFixed(6);
}
