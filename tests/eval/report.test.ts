import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate, type EvalResult } from '../../eval/evaluate.js';
import type { Question } from '../../eval/questions.js';
import { buildQrels, poolOf, renderMarkdown, renderQrels, renderSvg, renderTrecRun, runSlug, writeReports } from '../../eval/report.js';
import { ScriptedRetriever, makePassage } from './helpers.js';
import { xmlProblems } from './xml.js';

const S = 'doc.txt';
const p1 = makePassage(S, 'INTERPOL collabore avec l’ONU depuis 1949.', 0);
const p2 = makePassage(S, 'Le Bureau a ouvert ses portes à New York en 2004.', 1);
const p3 = makePassage(S, 'Rien de pertinent ici, seulement du texte.', 2);
const questions: Question[] = [
  { id: 'fr-001', lang: 'fr', question: 'Depuis quand ?', answerable: true, gold: [{ source: S, text: "INTERPOL collabore avec l'ONU depuis 1949" }], tags: [] },
  { id: 'en-001', lang: 'en', question: 'When did the office open?', answerable: true, gold: [{ source: S, text: 'a ouvert ses portes à New York en 2004' }], tags: [] },
  { id: 'en-u01', lang: 'en', question: 'Budget?', answerable: false, gold: [], tags: [] },
];

let runs: EvalResult[];
beforeAll(async () => {
  const good = new ScriptedRetriever({
    'Depuis quand ?': { answerable: true, passages: [p1, p3] },
    'When did the office open?': { answerable: true, lang: 'en', passages: [p3, p2] },
    'Budget?': { answerable: false, lang: 'en', passages: [p3] },
  });
  const poor = new ScriptedRetriever({
    'Depuis quand ?': { answerable: false, passages: [p3] },
    'When did the office open?': { answerable: true, lang: 'en', passages: [p3, p1] },
    'Budget?': { answerable: true, lang: 'en', passages: [] },
  });
  runs = [await evaluate(questions, good, { label: 'lexical/hybrid/rerank' }), await evaluate(questions, poor, { label: 'a & <b> "c"' })];
});

describe('TREC run file', () => {
  const LINE = /^(\S+) Q0 ([0-9a-f]{16}) (\d+) (-?\d+\.\d{6}) ([A-Za-z0-9._-]+)$/;

  it('writes one valid line per retrieved passage, ranks from 1, scores decreasing', () => {
    const text = renderTrecRun(runs[0]!);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    const parsed = lines.map((l) => {
      const m = LINE.exec(l);
      expect(m, l).not.toBeNull();
      return { qid: m![1]!, docid: m![2]!, rank: Number(m![3]), score: Number(m![4]), tag: m![5]! };
    });
    expect(parsed[0]).toEqual({ qid: 'fr-001', docid: p1.id, rank: 1, score: 1, tag: 'lexical-hybrid-rerank' });
    for (const qid of ['fr-001', 'en-001']) {
      const rows = parsed.filter((r) => r.qid === qid);
      expect(rows.map((r) => r.rank)).toEqual([1, 2]);
      expect(rows[0]!.score).toBeGreaterThan(rows[1]!.score);
    }
  });

  it('falls back to 1/rank when scores tie, so trec_eval keeps our order', () => {
    const tied: EvalResult = {
      ...runs[0]!,
      questions: [{ ...runs[0]!.questions[0]!, retrieved: [{ rank: 1, id: p1.id, source: S, score: 0.5, relevantGold: [0] }, { rank: 2, id: p2.id, source: S, score: 0.5, relevantGold: [] }] }],
    };
    expect(renderTrecRun(tied, 'x')).toBe(`fr-001 Q0 ${p1.id} 1 1.000000 x\nfr-001 Q0 ${p2.id} 2 0.500000 x\n`);
  });

  it('slugs labels into valid tags', () => {
    expect(runSlug('transformers/hybrid/no-rerank')).toBe('transformers-hybrid-no-rerank');
    expect(runSlug('a & <b> "c"')).toBe('a-b-c');
    expect(runSlug('///')).toBe('run');
  });
});

describe('qrels', () => {
  it('judges the pooled passages with the relevance rule', () => {
    const qrels = buildQrels(questions, poolOf(runs));
    expect(qrels).toEqual(
      [
        { qid: 'fr-001', docid: p1.id, rel: 1 },
        { qid: 'en-001', docid: p2.id, rel: 1 },
      ],
    );
    const text = renderQrels(qrels);
    for (const line of text.trimEnd().split('\n')) expect(line).toMatch(/^\S+ 0 [0-9a-f]{16} 1$/);
  });

  it('includes relevant passages that no run retrieved when the full pool is given', () => {
    const other = makePassage('doc.txt', 'Note : INTERPOL collabore avec l’ONU depuis 1949, dit-on.', 9);
    const qrels = buildQrels(questions, poolOf(runs, [{ id: other.id, source: other.source, text: other.text }]));
    expect(qrels.filter((q) => q.qid === 'fr-001').map((q) => q.docid).sort()).toEqual([p1.id, other.id].sort());
  });
});

describe('SVG chart', () => {
  it('is well-formed XML with one bar per run × series and escaped labels', () => {
    const svg = renderSvg(runs);
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain('a &amp; &lt;b&gt; &quot;c&quot;');
    const bars = [...svg.matchAll(/<rect [^>]*><title>/g)].length;
    expect(bars).toBe(8); // 2 runs × (R@5 fr, R@5 en, MRR fr, MRR en)
    expect(svg).toContain('R@5 fr');
    expect(svg).toContain('MRR@10 en');
  });

  it('the checker itself rejects broken XML', () => {
    expect(xmlProblems('<svg><g></svg>')).not.toEqual([]);
    expect(xmlProblems('<svg a="1" a="2"/>')).not.toEqual([]);
    expect(xmlProblems('<svg>a & b</svg>')).not.toEqual([]);
  });

  it('shows n/a for a missing value instead of a bar', () => {
    const frOnly = { ...runs[0]!, summary: { ...runs[0]!.summary, en: { ...runs[0]!.summary.en, recall: { '5': null }, mrr: null } } };
    const svg = renderSvg([frOnly]);
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg.match(/n\/a/g)).toHaveLength(2);
  });
});

describe('Markdown table', () => {
  it('has a header and one row per run × language', () => {
    const md = renderMarkdown(runs);
    const rows = md.split('\n').filter((l) => l.startsWith('| '));
    expect(rows).toHaveLength(2 + runs.length * 3);
    expect(rows[0]).toContain('| Run | Lang | Questions | R@1 | R@5 | R@10 |');
    expect(rows[2]).toBe('| lexical/hybrid/rerank | all | 3 (2 ans.) | 0.500 | 1.000 | 1.000 | – | 0.750 | 0.815 | 1.000 (1/1) | 0.000 (0/2) |');
    expect(md).toContain('3 questions (2 answerable, 1 unanswerable); k=10; 2 runs.');
  });
});

describe('writeReports', () => {
  it('writes every report into the folder', async () => {
    const dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'eval-report-')), 'out');
    const files = await writeReports(dir, runs, { questions, meta: { generatedAt: '2024-01-01T00:00:00.000Z', questionsFile: 'q.jsonl' } });
    for (const f of [files.markdown, files.json, files.svg, files.qrels, ...Object.values(files.runs)]) expect(existsSync(f), f).toBe(true);
    expect(Object.values(files.runs).map((f) => path.relative(dir, f))).toEqual([path.join('lexical-hybrid-rerank', 'run.trec'), path.join('a-b-c', 'run.trec')]);
    const json = JSON.parse(readFileSync(files.json, 'utf8'));
    expect(json.formatVersion).toBe(1);
    expect(json.runs).toHaveLength(2);
    expect(json.runs[0]).not.toHaveProperty('pool');
    expect(json.runs[0].questions[1]).toMatchObject({ id: 'en-001', predictedAnswerable: true, retrieved: [{ rank: 1, id: p3.id }, { rank: 2, id: p2.id, relevantGold: [0] }] });
    expect(readFileSync(files.markdown, 'utf8')).toBe(files.table);
    expect(readFileSync(files.qrels, 'utf8')).toBe(`fr-001 0 ${p1.id} 1\nen-001 0 ${p2.id} 1\n`);
  });

  it('keeps two runs whose labels slug alike', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'eval-report-'));
    const twins = [{ ...runs[0]!, label: 'a/b' }, { ...runs[1]!, label: 'a-b' }];
    const files = await writeReports(dir, twins, { questions, meta: { generatedAt: 'x', questionsFile: 'q' } });
    expect(Object.values(files.runs).map((f) => path.basename(path.dirname(f)))).toEqual(['a-b', 'a-b-2']);
  });
});
