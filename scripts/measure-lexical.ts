/**
 * Measures the lexical embedder on the corpus paragraphs with the hand-written questions of
 * tests/text/retrieval-questions.ts: rank of the right passage by cosine (Recall@1/@3, MRR,
 * per language) for several option variants, and embedding throughput.
 *   npx tsx scripts/measure-lexical.ts [--variants all|default] [--verbose] [--json]
 */
import { loadLexicon, Vocabulary } from '../text/index.js';
import { DEFAULT_LEXICAL_OPTIONS, LexicalEmbeddings, type LexicalEmbeddingsOptions } from '../index/index.js';
import { corpusPassages, type TestPassage } from '../tests/text/corpus-passages.js';
import { RETRIEVAL_QUESTIONS } from '../tests/text/retrieval-questions.js';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const all = !args.includes('--variants') || args[args.indexOf('--variants') + 1] !== 'default';

type Variant = { name: string; options: Partial<LexicalEmbeddingsOptions>; vocabulary: boolean };
const q = DEFAULT_LEXICAL_OPTIONS.query;
const variants: Variant[] = [
  { name: 'default', options: {}, vocabulary: true },
  ...(all
    ? [
        { name: 'ambiguous → fr', options: { ambiguous: 'fr' as const }, vocabulary: true },
        { name: 'ambiguous → en', options: { ambiguous: 'en' as const }, vocabulary: true },
        { name: 'no vocabulary (no idf, no cognates)', options: {}, vocabulary: false },
        { name: 'no query idf', options: { queryIdf: false }, vocabulary: true },
        { name: 'no cognates', options: { query: { ...q, cognates: 'off' as const } }, vocabulary: true },
        { name: 'cognates for all words', options: { query: { ...q, cognates: 'all' as const } }, vocabulary: true },
        { name: 'no char n-grams', options: { charWeight: 0 }, vocabulary: true },
        { name: 'char 3-4', options: { charNgramMin: 3, charNgramMax: 4 }, vocabulary: true },
        { name: 'char 4-5', options: { charNgramMin: 4, charNgramMax: 5 }, vocabulary: true },
        { name: 'char weight 0.25', options: { charWeight: 0.25 }, vocabulary: true },
        { name: 'char weight 1', options: { charWeight: 1 }, vocabulary: true },
        { name: 'no bigrams', options: { bigramWeight: 0 }, vocabulary: true },
        { name: 'bigram weight 0.5', options: { bigramWeight: 0.5 }, vocabulary: true },
        { name: 'bigram weight 0.7', options: { bigramWeight: 0.7 }, vocabulary: true },
        { name: 'cross bigrams 0.5', options: { crossBigramWeight: 0.5 }, vocabulary: true },
        { name: 'cross bigrams 1', options: { crossBigramWeight: 1 }, vocabulary: true },
        { name: 'no lexicon phrases', options: { query: { ...q, phrases: false } }, vocabulary: true },
        { name: 'phrase boost 1.4', options: { query: { ...q, phraseBoost: 1.4 } }, vocabulary: true },
        { name: 'no lexicon', options: { lexicon: null }, vocabulary: true },
        { name: 'max 3 translations', options: { query: { ...q, maxTranslations: 3 } }, vocabulary: true },
        { name: 'max 8 translations', options: { query: { ...q, maxTranslations: 8 } }, vocabulary: true },
        { name: 'decay 0.5', options: { query: { ...q, translationDecay: 0.5 } }, vocabulary: true },
        { name: 'decay 0.85', options: { query: { ...q, translationDecay: 0.85 } }, vocabulary: true },
        { name: 'surface 0.3', options: { query: { ...q, surfaceWeight: 0.3 } }, vocabulary: true },
        { name: 'surface 0.8', options: { query: { ...q, surfaceWeight: 0.8 } }, vocabulary: true },
        { name: 'duplicates: max', options: { query: { ...q, duplicates: 'max' as const } }, vocabulary: true },
        { name: 'phrase boost 0.6', options: { query: { ...q, phraseBoost: 0.6 } }, vocabulary: true },
        { name: 'phrase boost 0.7', options: { query: { ...q, phraseBoost: 0.7 } }, vocabulary: true },
        { name: 'phrase boost 0.8', options: { query: { ...q, phraseBoost: 0.8 } }, vocabulary: true },
        { name: 'phrase boost 0.9', options: { query: { ...q, phraseBoost: 0.9 } }, vocabulary: true },
        { name: 'char n-grams not per word', options: { charPerWord: false }, vocabulary: true },
        { name: 'no sublinear tf', options: { sublinearTf: false }, vocabulary: true },
        { name: 'dim 512', options: { dimension: 512 }, vocabulary: true },
        { name: 'dim 1024', options: { dimension: 1024 }, vocabulary: true },
        { name: 'dim 4096', options: { dimension: 4096 }, vocabulary: true },
        { name: 'dim 65536 (≈ no collisions)', options: { dimension: 65536 }, vocabulary: true },
      ]
    : []),
];

const passages = corpusPassages();
const vocabulary = Vocabulary.fromTexts(passages.map((p) => p.text));
const lexicon = loadLexicon();

function cosine(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] ?? 0) * (b[i] ?? 0);
  return s;
}

interface Scores {
  r1: number;
  r3: number;
  mrr: number;
  n: number;
}

/** Hash collisions make single runs noisy: every variant is averaged over several hash seeds. */
const SEEDS = [0, 1, 2, 3, 4];

async function evaluate(variant: Variant): Promise<{ all: Scores; fr: Scores; en: Scores; misses: string[] }> {
  const acc = { all: zero(), fr: zero(), en: zero() };
  const misses: string[] = [];
  for (const seed of SEEDS) {
    const r = await evaluateSeed(variant, seed);
    for (const k of ['all', 'fr', 'en'] as const) {
      acc[k].r1 += r[k].r1;
      acc[k].r3 += r[k].r3;
      acc[k].mrr += r[k].mrr;
      acc[k].n += r[k].n;
    }
    if (seed === 0) misses.push(...r.misses);
  }
  return { ...acc, misses };
}

async function evaluateSeed(variant: Variant, seed: number): Promise<{ all: Scores; fr: Scores; en: Scores; misses: string[] }> {
  const e = new LexicalEmbeddings({ lexicon, seed, ...variant.options, vocabulary: variant.vocabulary ? vocabulary : null });
  const vectors = await e.embedDocuments(passages.map((p) => p.text));
  const acc = { all: zero(), fr: zero(), en: zero() };
  const misses: string[] = [];
  for (const item of RETRIEVAL_QUESTIONS) {
    const qv = await e.embedQuery(item.question);
    const ranked = passages.map((p, i) => ({ p, s: cosine(qv, vectors[i] ?? []) })).sort((a, b) => b.s - a.s);
    const rank = ranked.findIndex((r) => isGold(r.p, item.gold)) + 1;
    for (const s of [acc.all, acc[item.lang]]) {
      s.n++;
      if (rank === 1) s.r1++;
      if (rank >= 1 && rank <= 3) s.r3++;
      s.mrr += rank > 0 ? 1 / rank : 0;
    }
    if (rank !== 1) misses.push(`rank ${rank} [${item.lang}] ${item.question} → top: ${ranked[0]?.p.id} ${ranked[0]?.p.text.slice(0, 70).replace(/\n/g, ' ')}`);
  }
  return { ...acc, misses };
}

function isGold(p: TestPassage, gold: readonly string[]): boolean {
  return gold.some((g) => p.text.includes(g));
}

function zero(): Scores {
  return { r1: 0, r3: 0, mrr: 0, n: 0 };
}

function fmt(s: Scores): string {
  return `R@1 ${(s.r1 / s.n).toFixed(3)} R@3 ${(s.r3 / s.n).toFixed(3)} MRR ${(s.mrr / s.n).toFixed(3)}`;
}

const results: Record<string, unknown>[] = [];
for (const v of variants) {
  const r = await evaluate(v);
  results.push({ variant: v.name, all: r.all, fr: r.fr, en: r.en });
  if (!args.includes('--json')) {
    process.stdout.write(`${v.name.padEnd(38)} all ${fmt(r.all)} | fr ${fmt(r.fr)} | en ${fmt(r.en)}\n`);
    if (verbose) for (const m of r.misses) process.stdout.write(`    ${m}\n`);
  }
}

// Throughput: documents (the ingest path) and queries (the search path), after a warm-up round.
const e = new LexicalEmbeddings({ lexicon, vocabulary });
const texts: string[] = [];
while (texts.length < 5000) for (const p of passages) texts.push(p.text);
await e.embedDocuments(texts.slice(0, 500));
let t0 = performance.now();
await e.embedDocuments(texts);
const docsPerSec = texts.length / ((performance.now() - t0) / 1000);
const chars = texts.reduce((n, t) => n + t.length, 0) / texts.length;
t0 = performance.now();
let queries = 0;
for (let round = 0; round < 50; round++) for (const item of RETRIEVAL_QUESTIONS) {
  await e.embedQuery(item.question);
  queries++;
}
const queriesPerSec = queries / ((performance.now() - t0) / 1000);
// Longer passages (about four paragraphs, the size an ingest splitter typically produces).
const long: string[] = [];
for (let i = 0; i + 4 <= texts.length && long.length < 2000; i += 4) long.push(texts.slice(i, i + 4).join('\n'));
t0 = performance.now();
await e.embedDocuments(long);
const longPerSec = long.length / ((performance.now() - t0) / 1000);
const longChars = long.reduce((n, t) => n + t.length, 0) / long.length;
const throughput = {
  passages: texts.length,
  avgChars: Math.round(chars),
  docsPerSec: Math.round(docsPerSec),
  longAvgChars: Math.round(longChars),
  longDocsPerSec: Math.round(longPerSec),
  queriesPerSec: Math.round(queriesPerSec),
};
if (args.includes('--json')) process.stdout.write(JSON.stringify({ passages: passages.length, questions: RETRIEVAL_QUESTIONS.length, results, throughput }) + '\n');
else process.stdout.write(`\n${passages.length} passages, ${RETRIEVAL_QUESTIONS.length} questions; throughput ${JSON.stringify(throughput)}\n`);
