/**
 * What to quote: the best evidence window, plus windows that add what it lacks — a second part of
 * a two-part question ("since when…, and when was it formalised?"), an answer type it does not
 * hold ("where and when") — possibly from another passage, at most `maxSentences` sentences in all.
 * Windows repeating a chosen sentence (consecutive passages share one) are skipped.
 */
import type { RetrievalConfig } from './config.js';
import type { Question } from './question.js';
import type { EvidenceWindow } from './windows.js';
import { passageSentences } from './sentence-analysis.js';

export type QuoteOptions = RetrievalConfig['quotes'];

export interface RankedWindow {
  window: EvidenceWindow;
  /** 1-based rank of the window's passage in the final ranking. */
  rank: number;
  /** window.score discounted by the passage's rank (EvidenceOptions.rankDiscount): what is compared. */
  score: number;
}

/** Ranked windows of ranked passages, scored with the rank discount. */
export function rankWindows(passages: readonly EvidenceWindow[][], rankDiscount: number): RankedWindow[] {
  return passages.flatMap((windows, i) => windows.map((window) => ({ window, rank: i + 1, score: window.score * Math.pow(1 - rankDiscount, i) })));
}

export function selectQuotes(q: Question, windows: readonly RankedWindow[], o: QuoteOptions): RankedWindow[] {
  const sorted = [...windows].sort((a, b) => b.score - a.score || a.rank - b.rank || a.window.first - b.window.first);
  const best = sorted[0];
  if (!best || best.score <= 0) return [];
  const chosen: RankedWindow[] = [best];
  const said = new Set(sentenceTexts(best.window));
  let sentences = best.window.last - best.window.first + 1;
  const covered = [...best.window.matches];
  const found = new Set(best.window.found);
  const idf = q.idf;
  let total = 0;
  q.roles.forEach((r, g) => {
    if (r !== 'type') total += idf[g] ?? 0;
  });
  for (const c of sorted.slice(1)) {
    const w = c.window;
    const n = w.last - w.first + 1;
    if (sentences + n > o.maxSentences) continue;
    if (c.score < o.relativeScore * best.score) break;
    const texts = sentenceTexts(w);
    if (texts.some((t) => said.has(t))) continue;
    let gain = 0;
    q.roles.forEach((r, g) => {
      if (r !== 'type') gain += (idf[g] ?? 0) * Math.max(0, (w.matches[g] ?? 0) - (covered[g] ?? 0));
    });
    const newType = w.found.some((t) => !found.has(t));
    if (!newType && (total <= 0 || gain / total < o.minGain)) continue;
    chosen.push(c);
    sentences += n;
    for (const t of texts) said.add(t);
    w.matches.forEach((m, g) => (covered[g] = Math.max(covered[g] ?? 0, m)));
    for (const t of w.found) found.add(t);
  }
  // Read in document order within a passage, best passage first.
  return chosen;
}

function sentenceTexts(w: EvidenceWindow): string[] {
  const { sentences } = passageSentences(w.entry);
  const text = w.entry.passage.text;
  const out: string[] = [];
  for (let i = w.first; i <= w.last; i++) {
    const s = sentences[i];
    if (s) out.push(text.slice(s.start, s.end).replace(/\s+/g, ' ').trim());
  }
  return out;
}
