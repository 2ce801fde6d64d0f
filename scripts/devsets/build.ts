/**
 * Builds the public development sets under eval/sets/<name>/ (corpus/ + questions.jsonl +
 * SOURCE.md) from public data nobody on this project wrote. Deterministic: the same source
 * files give byte-identical output (sorted, no randomness, Apertium is rule-based).
 *
 *   npx tsx scripts/devsets/build.ts --multi30k DIR --xquad DIR [--out eval/sets]
 *
 * DIR is a checkout of the source repository, or its bare git directory (files are then read at
 * the pinned commit with `git show`). Sources, commits and licences: eval/README.md "Public
 * development sets". The sets are generated, not committed (see there why).
 *
 * - m30k16-en-fr / m30k17-en-fr: Multi30k task 1 test sets (Flickr30k captions, professional
 *   French translations). Each French sentence is one corpus document; each English sentence
 *   is a question whose gold is its translation (1000 each).
 * - xquad-fr / xquad-en: XQuAD (48 SQuAD v1.1 dev articles, 240 paragraphs, 1190 questions,
 *   human translations). The French corpus is XQuAD's Spanish text carried to French by
 *   Apertium es→fr (one hop, no English involved); xquad-fr asks the English questions carried
 *   to French by Apertium eng→spa→fr, xquad-en asks XQuAD's original English questions. Gold = the French sentence(s)
 *   that hold the answer.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { isEntryPoint } from '../../core/cli.js';

export const SOURCES = {
  multi30k: { repo: 'multi30k/dataset', commit: 'a3d2e0d26b56f3846f66a952536ffed4e401d05a' },
  xquad: { repo: 'deepmind/xquad', commit: '60cac411649156efb6aab9dd4c9cde787a2c0345' },
} as const;

interface Source {
  dir: string;
  commit: string | null;
}

/** Bytes of `file` in a work tree, or at HEAD of a bare git directory. */
function readSource(src: Source, file: string): Buffer {
  const direct = path.join(src.dir, file);
  if (existsSync(direct)) return readFileSync(direct);
  return execFileSync('git', ['-C', src.dir, 'show', `${src.commit ?? 'HEAD'}:${file}`], { maxBuffer: 64 * 1024 * 1024 });
}

function headCommit(dir: string): string | null {
  const r = spawnSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

function lines(buf: Buffer, gz: boolean): string[] {
  const text = (gz ? gunzipSync(buf) : buf).toString('utf8');
  return text.replace(/\r/g, '').split('\n').filter((l, i, all) => !(i === all.length - 1 && l === ''));
}

interface Gold {
  source: string;
  text: string;
}
interface QuestionLine {
  id: string;
  lang: 'fr' | 'en';
  question: string;
  answerable: boolean;
  gold: Gold[];
  tags?: string[];
}

function writeSet(outDir: string, name: string, corpus: Map<string, string>, questions: QuestionLine[], note: string): void {
  const dir = path.join(outDir, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'corpus'), { recursive: true });
  for (const [file, text] of [...corpus].sort(([a], [b]) => a.localeCompare(b))) writeFileSync(path.join(dir, 'corpus', file), text.endsWith('\n') ? text : `${text}\n`);
  writeFileSync(path.join(dir, 'questions.jsonl'), questions.map((q) => JSON.stringify(q)).join('\n') + '\n');
  const digest = createHash('sha256');
  for (const [file, text] of [...corpus].sort(([a], [b]) => a.localeCompare(b))) digest.update(`${file}\0${text}\0`);
  for (const q of questions) digest.update(JSON.stringify(q));
  writeFileSync(path.join(dir, 'SOURCE.md'), `${note}\n\nDocuments: ${corpus.size}. Questions: ${questions.length}. Content sha256: ${digest.digest('hex').slice(0, 16)}.\n`);
  process.stderr.write(`${name}: ${corpus.size} documents, ${questions.length} questions\n`);
}

// ---------------------------------------------------------------------------------------------
// Multi30k: English sentence → its French translation among the test set's French sentences.

function buildMulti30k(src: Source, outDir: string, split: 'test_2016_flickr' | 'test_2017_flickr', name: string): void {
  const en = lines(readSource(src, `data/task1/raw/${split}.en.gz`), true);
  const fr = lines(readSource(src, `data/task1/raw/${split}.fr.gz`), true);
  if (en.length !== fr.length) throw new Error(`${split}: ${en.length} English vs ${fr.length} French lines`);
  const corpus = new Map<string, string>();
  const questions: QuestionLine[] = [];
  en.forEach((english, i) => {
    const french = (fr[i] ?? '').trim();
    const question = english.trim();
    if (!french || !question) return;
    const file = `${String(i + 1).padStart(4, '0')}.txt`;
    corpus.set(file, french);
    questions.push({ id: `${name}-${String(i + 1).padStart(4, '0')}`, lang: 'en', question, answerable: true, gold: [{ source: file, text: french }] });
  });
  writeSet(
    outDir,
    name,
    corpus,
    questions,
    `# ${name}\n\nMulti30k task 1 \`${split}\` (${SOURCES.multi30k.repo} at ${src.commit ?? 'work tree'}, data/task1/raw/${split}.{en,fr}.gz).\n` +
      `Flickr30k image descriptions (English) and their professional French translations (Elliott et al. 2016; Elliott et al. 2017).\n` +
      `Licence: the repository ships no licence file; the data is distributed for research use — cite the papers above.`,
  );
}

// ---------------------------------------------------------------------------------------------
// XQuAD: Spanish (human translation of SQuAD dev) carried to French by Apertium es→fr.

interface SquadFile {
  data: { title?: string; paragraphs: { context: string; qas: { id: string; question: string; answers: { text: string; answer_start: number }[] }[] }[] }[];
}

/** Sentence spans of a Spanish paragraph: a boundary after . ! ? (and closing quotes) before an upper-case start. */
export function sentenceSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  const re = /[.!?]["»”')\]]*\s+(?=[¿¡"«(\p{Lu}\d])/gu;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const end = m.index + m[0].trimEnd().length;
    // "EE. UU.", "Sr.", single initials: not a boundary when the word before the period is 1–3 letters and capitalised.
    const before = text.slice(start, m.index).split(/\s+/).pop() ?? '';
    if (/^(?:\p{Lu}[\p{L}]{0,2}|[a-z]{1,2}|St|Sto|Sta|etc|núm|No)$/u.test(before) && text[m.index] === '.') continue;
    spans.push([start, end]);
    start = m.index + m[0].length;
  }
  if (start < text.length) spans.push([start, text.length]);
  return spans.filter(([a, b]) => text.slice(a, b).trim().length > 0);
}

/** Apertium over many texts at once; one engine start, texts separated by a marker paragraph. */
function apertium(direction: 'es-fr' | 'en-fr', texts: string[]): string[] {
  if (direction === 'en-fr') {
    // No direct pair: English → Spanish, then Spanish → French.
    return apertiumMode('es-fr', apertiumMode('eng-spa', texts));
  }
  return apertiumMode(direction, texts);
}

function apertiumMode(mode: string, texts: string[]): string[] {
  const marker = 'ZZXQSEPQXZZ';
  const input = texts.map((t) => t.replace(/\s+/g, ' ').trim()).join(`\n\n${marker}\n\n`);
  // Files, not pipes: the apertium script reads a piped stdin only when it is a shell pipe.
  const dir = mkdtempSync(path.join(tmpdir(), 'devsets-'));
  const inFile = path.join(dir, 'in.txt');
  const outFile = path.join(dir, 'out.txt');
  writeFileSync(inFile, input);
  const r = spawnSync('apertium', ['-u', mode, inFile, outFile], { encoding: 'utf8' });
  if (r.status !== 0 || !existsSync(outFile)) throw new Error(`apertium ${mode} failed (${r.status}): ${r.stderr}; install it: apt-get install apertium apertium-fr-es`);
  const translatedText = readFileSync(outFile, 'utf8');
  rmSync(dir, { recursive: true, force: true });
  const out = translatedText.split(new RegExp(`\\s*${marker}\\s*`));
  if (out.length !== texts.length) throw new Error(`apertium returned ${out.length} texts for ${texts.length}`);
  // '#' marks a word Apertium could not inflect, '@' one it could not transfer: keep the word.
  return out.map((t) => t.replace(/[#@]/g, '').replace(/\s+/g, ' ').trim());
}

function buildXquad(src: Source, outDir: string): void {
  const es = JSON.parse(readSource(src, 'xquad.es.json').toString('utf8').replace(/^\ufeff/, '')) as SquadFile;
  const en = JSON.parse(readSource(src, 'xquad.en.json').toString('utf8').replace(/^\ufeff/, '')) as SquadFile;
  const englishById = new Map<string, string>();
  for (const a of en.data) for (const p of a.paragraphs) for (const q of p.qas) englishById.set(q.id, q.question.trim());

  // Everything to translate, in one engine run: every Spanish sentence, then every question.
  const sentences: string[] = [];
  const questionTexts: string[] = [];
  const plan = es.data.map((article) =>
    article.paragraphs.map((p) => {
      const context = p.context.replace(/^\ufeff/, '');
      const spans = sentenceSpans(context);
      const first = sentences.length;
      for (const [a, b] of spans) sentences.push(context.slice(a, b));
      const qas = p.qas.map((q) => {
        questionTexts.push(englishById.get(q.id) ?? '');
        return { q, index: questionTexts.length - 1 };
      });
      return { context, spans, first, qas };
    }),
  );
  const frSentences = apertium('es-fr', sentences);
  // The questions take another road (English → Spanish → French, none of it the context's
  // translator): carried along the context's own road, a question shares the context's word
  // choices and plain BM25 finds almost everything (R@5 0.957), unlike questions people write.
  const frQuestions = apertium('en-fr', questionTexts);

  const corpus = new Map<string, string>();
  const fr: QuestionLine[] = [];
  const english: QuestionLine[] = [];
  plan.forEach((paragraphs, ai) => {
    const file = `article-${String(ai + 1).padStart(2, '0')}.txt`;
    const body: string[] = [];
    for (const p of paragraphs) {
      const frPara = p.spans.map((_, si) => frSentences[p.first + si] ?? '');
      body.push(frPara.join(' '));
      for (const { q, index } of p.qas) {
        const answer = q.answers[0];
        if (!answer) continue;
        const from = answer.answer_start;
        const to = from + answer.text.length;
        const hit = p.spans.map(([a, b], si) => (a < Math.max(to, from + 1) && b > from ? si : -1)).filter((si) => si >= 0);
        if (hit.length === 0) continue;
        const gold = hit.map((si) => frPara[si]).join(' ');
        if (!gold) continue;
        const base = { answerable: true, gold: [{ source: file, text: gold }], tags: [`article-${ai + 1}`] };
        const frq = frQuestions[index] ?? '';
        if (frq) fr.push({ id: `xq-fr-${q.id}`, lang: 'fr', question: frq, ...base });
        const enq = englishById.get(q.id);
        if (enq) english.push({ id: `xq-en-${q.id}`, lang: 'en', question: enq, ...base });
      }
    }
    corpus.set(file, body.join('\n\n'));
  });
  const note = (set: string, lang: string) =>
    `# ${set}\n\nXQuAD (${SOURCES.xquad.repo} at ${src.commit ?? 'work tree'}, xquad.es.json${lang === 'en' ? ' + xquad.en.json' : ''}), licence CC BY-SA 4.0 ` +
    `(Artetxe et al. 2020; SQuAD v1.1 dev articles, Rajpurkar et al. 2016, CC BY-SA 4.0).\n` +
    `Corpus: the 48 articles' Spanish paragraphs, sentence by sentence through Apertium es→fr (machine translation: gist-quality French).\n` +
    (lang === 'en' ? 'Questions: XQuAD\'s original English questions.' : 'Questions: XQuAD\'s English questions through Apertium eng→spa→fr (not the context\'s road, so they do not share its word choices).') +
    `\nGold: the French sentence(s) translated from the Spanish sentence(s) holding the answer span.`;
  writeSet(outDir, 'xquad-fr', corpus, fr, note('xquad-fr', 'fr'));
  writeSet(outDir, 'xquad-en', corpus, english, note('xquad-en', 'en'));
}

function main(): void {
  const { values } = parseArgs({ options: { multi30k: { type: 'string' }, xquad: { type: 'string' }, out: { type: 'string' } } });
  const out = values.out ?? 'eval/sets';
  if (!values.multi30k && !values.xquad) {
    process.stderr.write('usage: npx tsx scripts/devsets/build.ts --multi30k DIR --xquad DIR [--out eval/sets]\n');
    process.exitCode = 2;
    return;
  }
  if (values.multi30k) {
    const src = { dir: values.multi30k, commit: headCommit(values.multi30k) };
    buildMulti30k(src, out, 'test_2016_flickr', 'm30k16-en-fr');
    buildMulti30k(src, out, 'test_2017_flickr', 'm30k17-en-fr');
  }
  if (values.xquad) buildXquad({ dir: values.xquad, commit: headCommit(values.xquad) }, out);
}

if (isEntryPoint(import.meta.url)) main();
