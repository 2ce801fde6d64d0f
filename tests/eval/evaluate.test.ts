import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../core/logger.js';
import { evaluate } from '../../eval/evaluate.js';
import { parseQuestions, type Question } from '../../eval/questions.js';
import { EVAL_DIR, ScriptedRetriever, WordOverlapRetriever, corpusPassages, makePassage } from './helpers.js';

const A = '001_9e0b992cc2ec1990.txt';
const B = '004_9afdffdf36575cd6.txt';
const p1 = makePassage(A, 'INTERPOL collabore avec l’ONU depuis 1949. En 2004, le Bureau a ouvert ses portes à New York.', 0);
const p2 = makePassage(A, 'Figurent plus de 43\u00a0000\u00a0profils de terroristes étrangers dans les bases de données.', 1);
const p3 = makePassage(B, "L'ONUDC et INTERPOL combattent le trafic d'humains et de migrants.", 0);
const p4 = makePassage(B, 'Yury Fedotov et Juergen Stock ont signé un accord de coopération.', 1);

const q = (id: string, lang: 'fr' | 'en', question: string, gold: Question['gold'], tags: string[] = []): Question => ({
  id,
  lang,
  question,
  answerable: gold.length > 0,
  gold,
  tags,
});

const questions: Question[] = [
  q('fr-1', 'fr', 'Depuis quand INTERPOL collabore avec l’ONU ?', [{ source: A, text: "INTERPOL collabore avec l'ONU depuis 1949" }]),
  q('en-1', 'en', 'How many terrorist profiles?', [{ source: A, text: 'plus de 43 000 profils de terroristes' }], ['number']),
  q('en-2', 'en', 'Who signed the UNODC agreement and what do they fight?', [
    { source: B, text: 'Yury Fedotov et Juergen Stock ont signé' },
    { source: B, text: "combattent le trafic d'humains et de migrants" },
  ]),
  q('fr-u1', 'fr', 'Quel est le budget ?', []),
];

describe('evaluate with a scripted retriever (exact ranks)', () => {
  const retriever = new ScriptedRetriever({
    [questions[0]!.question]: { answerable: true, lang: 'fr', passages: [p2, p1, p3] },
    [questions[1]!.question]: { answerable: false, lang: 'en', passages: [p2] },
    [questions[2]!.question]: { answerable: true, lang: 'fr', passages: [p1, p3, p2, p4] },
    [questions[3]!.question]: { answerable: false, lang: 'fr', passages: [p1] },
  });

  it('scores each question from the ranks of the gold spans', async () => {
    const r = await evaluate(questions, retriever, { k: 10, label: 'scripted' });
    const [fr1, en1, en2, u1] = r.questions;
    expect(fr1).toMatchObject({ id: 'fr-1', predictedAnswerable: true, goldCount: 1 });
    expect(fr1!.retrieved.map((x) => [x.rank, x.id, x.relevantGold])).toEqual([
      [1, p2.id, []],
      [2, p1.id, [0]],
      [3, p3.id, []],
    ]);
    expect(fr1!.metrics).toMatchObject({ firstRelevantRank: 2, reciprocalRank: 0.5 });
    expect(en1!.metrics?.reciprocalRank).toBe(1);
    expect(en2!.metrics?.goldRanks).toEqual([4, 2]);
    expect(en2!.metrics?.fullRecall).toEqual({ '1': 0, '5': 1, '10': 1 });
    expect(u1!.metrics).toBeNull();
    expect(u1!.retrieved[0]?.relevantGold).toEqual([]);

    expect(r.summary.all.recall).toEqual({ '1': 1 / 3, '5': 1, '10': 1 });
    expect(r.summary.all.mrr).toBeCloseTo((0.5 + 1 + 0.5) / 3, 12);
    expect(r.summary.all).toMatchObject({ unanswerable: 1, declined: 1, declinedRate: 1, falseRefusals: 1 });
    expect(r.summary.all.falseRefusalRate).toBeCloseTo(1 / 3, 12);
    expect(r.summary.en.langAgreement).toBe(0.5); // en-2 was detected as French
    expect(r.byTag.number?.questions).toBe(1);
    expect(r.pool.map((p) => p.id).sort()).toEqual([p1.id, p2.id, p3.id, p4.id].sort());
  });

  it('cuts rankings at k', async () => {
    const r = await evaluate(questions, retriever, { k: 1 });
    expect(r.questions.every((x) => x.retrieved.length <= 1)).toBe(true);
    expect(r.questions[2]!.metrics?.firstRelevantRank).toBeNull();
  });

  it('keeps the set order with concurrency and reports the same numbers', async () => {
    const one = await evaluate(questions, retriever, { concurrency: 1 });
    const four = await evaluate(questions, retriever, { concurrency: 4 });
    expect(four.questions.map((x) => x.id)).toEqual(questions.map((x) => x.id));
    expect(four.summary).toEqual(one.summary);
  });

  it('turns a retriever failure into an error naming the question', async () => {
    const broken = new ScriptedRetriever({});
    await expect(evaluate(questions, broken)).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('fr-1') });
  });

  it('rejects invalid options instead of clamping them', async () => {
    await expect(evaluate(questions, retriever, { k: 0 })).rejects.toMatchObject({ code: 'INVALID_PARAMETER' });
    await expect(evaluate(questions, retriever, { concurrency: 1.5 })).rejects.toMatchObject({ code: 'INVALID_PARAMETER' });
    await expect(evaluate(questions, retriever, { metrics: { cutoffs: [], depth: 10 } })).rejects.toMatchObject({ code: 'INVALID_PARAMETER' });
  });
});

describe('evaluate with a word-overlap retriever', () => {
  it('passes k, mode and rerank through, and the language only when asked', async () => {
    const retriever = new WordOverlapRetriever([p1, p2, p3, p4]);
    await evaluate(questions, retriever, { k: 3, mode: 'hybrid', rerank: true });
    expect(retriever.calls[0]?.options).toEqual({ k: 3, mode: 'hybrid', rerank: true });
    await evaluate(questions, retriever, { k: 3, passLang: true });
    expect(retriever.calls.at(-1)?.options).toEqual({ k: 3, lang: 'fr' });
  });

  it('records diagnostics and logs one line per run', async () => {
    const log = memoryLogger('info');
    const r = await evaluate(questions, new WordOverlapRetriever([p1, p2, p3, p4]), { logger: log, label: 'overlap' });
    expect(r.questions[0]?.diagnostics).toHaveProperty('topScore');
    expect(r.config).toMatchObject({ k: 10, passLang: false });
    expect(log.lines.filter((l) => l.msg === 'run evaluated')).toHaveLength(1);
  });

  it('runs the shipped set over the real corpus end to end', async () => {
    const set = parseQuestions(readFileSync(`${EVAL_DIR}/questions.jsonl`, 'utf8'));
    const r = await evaluate(set, new WordOverlapRetriever(corpusPassages()), { k: 10 });
    expect(r.questions).toHaveLength(set.length);
    expect(r.summary.all.answerable + r.summary.all.unanswerable).toBe(set.length);
    // Word overlap finds at least some gold: the judge and the gold spans agree on real text.
    expect(r.summary.all.recall['10']).toBeGreaterThan(0);
    for (const k of ['1', '5', '10']) expect(r.summary.fr.recall[k]).not.toBeNull();
  });
});
