/**
 * `npx tsx eval/synthetic.ts --corpus DIR --index DIR --out FILE.jsonl [--n 200] [--seed 1]`
 *
 * A known-item question set generated from any French corpus, for measuring retrieval where no
 * hand-written questions exist (large or unrelated corpora). For a seeded sample of passages:
 * pick one sentence with enough content words; gold = that sentence (verbatim passage text);
 * (and every other passage holding the same sentence, e.g. a manual shipped both as one page and
 * as chapters);
 * - French question: its most salient content words (highest corpus IDF, 4–6 of them), shuffled
 *   — word order, function words and the rest of the sentence are lost;
 * - English question: the same words carried to English through the bilingual lexicon read
 *   backwards (a French word → the English word it is the best translation of; names, numbers
 *   and untranslatable terms stay as they are), behind "what about …" so the question reads as
 *   English. Skipped when fewer than half of the words translate.
 * Questions are answerable by construction (`tags: ["synthetic"]`). Run the eval with
 * --skip-gold-check for HTML corpora: gold spans are cleaned text, not raw file bytes.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isEntryPoint, runCli } from '../core/cli.js';
import { configFromEnv } from '../core/config.js';
import { createLogger } from '../core/logger.js';
import type { Passage } from '../core/types.js';
import { DEFAULT_LEXICON_OPTIONS, loadLexicon, LEXICON_FILE, analyzeFrenchTokens } from '../text/index.js';
import type { Lexicon } from '../text/index.js';
import { seeded, shuffled } from '../core/random.js';
import { openEvalIndex } from './eval-index.js';

export interface SyntheticOptions {
  n: number;
  seed: number;
  minWords: number;
  maxWords: number;
  /** Content words kept per question: between these, about half the sentence's. */
  minKeep: number;
  maxKeep: number;
  /** Sentences found in more documents than this are boilerplate, not known items. */
  maxSources: number;
}

export const DEFAULT_SYNTHETIC: SyntheticOptions = { n: 200, seed: 1, minWords: 8, maxWords: 40, minKeep: 4, maxKeep: 6, maxSources: 3 };

export interface SyntheticQuestion {
  id: string;
  lang: 'fr' | 'en';
  question: string;
  answerable: true;
  gold: { source: string; text: string }[];
  tags: string[];
}


/**
 * French stem → the English word it is the best-ranked translation of (ties: the English word
 * with more dictionary senses, usually the everyday one: "error" rather than "aberration").
 */
export function reverseLexicon(lexicon: Lexicon, keys: Iterable<string>): Map<string, string> {
  const best = new Map<string, { en: string; rank: number; senses: number }>();
  for (const en of keys) {
    if (!/^[a-z]+$/.test(en)) continue;
    const translations = lexicon.lookup(en) ?? [];
    translations.slice(0, 3).forEach((fr, rank) => {
      const terms = analyzeFrenchTokens(fr).filter((t) => !t.compound);
      if (terms.length !== 1) return;
      const key = terms[0]!.term;
      const prev = best.get(key);
      const better =
        !prev || rank < prev.rank || (rank === prev.rank && (translations.length > prev.senses || (translations.length === prev.senses && en < prev.en)));
      if (better) best.set(key, { en, rank, senses: translations.length });
    });
  }
  return new Map([...best].map(([fr, v]) => [fr, v.en]));
}

const SENTENCE = /[^.!?\n]+[.!?]?/g;

export function generate(passages: readonly Passage[], reverse: Map<string, string>, options: Partial<SyntheticOptions> = {}): SyntheticQuestion[] {
  const o: SyntheticOptions = { ...DEFAULT_SYNTHETIC, ...options };
  const random = seeded(o.seed);
  // Corpus document frequencies of stems: salient words are the rare ones.
  const df = new Map<string, number>();
  for (const p of passages) for (const t of new Set(analyzeFrenchTokens(p.text).map((x) => x.term))) df.set(t, (df.get(t) ?? 0) + 1);
  const n = passages.length;
  const idf = (t: string) => Math.log(1 + (n - (df.get(t) ?? 0) + 0.5) / ((df.get(t) ?? 0) + 0.5));

  const out: SyntheticQuestion[] = [];
  const seenGold = new Set<string>();
  for (const p of shuffled(passages, random)) {
    if (out.length >= 2 * o.n) break;
    const sentences = [...p.text.matchAll(SENTENCE)].map((m) => m[0].trim()).filter((s) => {
      const words = s.split(/\s+/).length;
      return words >= o.minWords && words <= o.maxWords && s.length >= 40;
    });
    if (sentences.length === 0) continue;
    const sentence = sentences[Math.floor(random() * sentences.length)]!;
    if (seenGold.has(sentence)) continue;
    // Content words with their surface form (once each), most salient first.
    const words = new Map<string, { surface: string; term: string; folded: string }>();
    for (const t of analyzeFrenchTokens(sentence)) {
      if (t.compound || t.kind === 'number' || t.folded.length < 3) continue;
      if (!words.has(t.term)) words.set(t.term, { surface: sentence.slice(t.start, t.end), term: t.term, folded: t.folded });
    }
    if (words.size < o.minKeep) continue;
    const keep = Math.max(o.minKeep, Math.min(o.maxKeep, Math.round(words.size / 2)));
    const salient = [...words.values()].sort((a, b) => idf(b.term) - idf(a.term) || (a.term < b.term ? -1 : 1)).slice(0, keep);
    const chosen = shuffled(salient, random);
    // The same sentence in other documents (a manual shipped as one page and as chapters, a
    // repeated notice) answers as well: every source holding it is gold; boilerplate is skipped.
    const sources = [...new Set(passages.filter((x) => x.text.includes(sentence)).map((x) => x.source))];
    if (sources.length > o.maxSources) continue;
    seenGold.add(sentence);
    const k = out.length / 2 + 1;
    const gold = [p.source, ...sources.filter((s) => s !== p.source)].map((source) => ({ source, text: sentence }));
    out.push({ id: `syn-fr-${String(k).padStart(4, '0')}`, lang: 'fr', question: chosen.map((w) => w.surface).join(' '), answerable: true, gold, tags: ['synthetic'] });
    const english = chosen.map((w) => reverse.get(w.term));
    const translated = english.filter(Boolean).length;
    if (translated * 2 < chosen.length) {
      out.pop();
      seenGold.delete(sentence);
      continue;
    }
    const en = chosen.map((w, i) => english[i] ?? w.surface).join(' ');
    out.push({ id: `syn-en-${String(k).padStart(4, '0')}`, lang: 'en', question: `what about ${en}?`, answerable: true, gold, tags: ['synthetic'] });
  }
  return out;
}

await (async () => {
  // Library use (tests) imports generate/reverseLexicon; the CLI runs only when invoked directly.
  if (!isEntryPoint(import.meta.url)) return;
  await runCli('synthetic', async () => {
    const { values } = parseArgs({
      options: {
        corpus: { type: 'string' },
        index: { type: 'string' },
        out: { type: 'string' },
        n: { type: 'string', default: String(DEFAULT_SYNTHETIC.n) },
        seed: { type: 'string', default: String(DEFAULT_SYNTHETIC.seed) },
      },
    });
    const app = configFromEnv();
    const logger = createLogger({ level: app.logLevel === 'info' ? 'warn' : app.logLevel });
    const corpusDir = values.corpus ?? app.corpusDir;
    const indexDir = values.index ?? path.join(app.indexDir, 'eval-lexical');
    const outFile = values.out ?? path.join(app.dataDir, 'generality', 'synthetic.jsonl');
    const { store } = await openEvalIndex({ corpusDir, indexDir, logger });
    const passages = await store.listPassages();
    await store.close();
    const lexicon = loadLexicon();
    const keys = readFileSync(path.join(DEFAULT_LEXICON_OPTIONS.dataDir, LEXICON_FILE), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.slice(0, l.indexOf('\t')));
    const questions = generate(passages, reverseLexicon(lexicon, keys), { n: Number(values.n), seed: Number(values.seed) });
    await writeFile(outFile, questions.map((q) => JSON.stringify(q)).join('\n') + '\n');
    process.stdout.write(`${questions.length} questions (${questions.filter((q) => q.lang === 'fr').length} fr, ${questions.filter((q) => q.lang === 'en').length} en) from ${passages.length} passages → ${outFile}\n`);
    return 0;
  });
})();
