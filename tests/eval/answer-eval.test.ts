/**
 * The answer-level eval through the real answer pipeline (real index over corpus/, production
 * retriever, extractive composer): answered / supported / declined / agreement with /api/search.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusViewOf } from '../../answer/corpus.js';
import { createAnswerer } from '../../answer/pipeline.js';
import { silentLogger } from '../../core/logger.js';
import { evaluateAnswers, formatAnswerTable, supportedGold } from '../../eval/answer-eval.js';
import type { Question } from '../../eval/questions.js';
import { buildTestIndex, type TestIndex } from '../helpers/test-index.js';

let index: TestIndex;
beforeAll(async () => {
  index = await buildTestIndex();
});
afterAll(() => index.close());

const Q = (id: string, lang: 'fr' | 'en', question: string, gold: { source: string; text: string }[]): Question => ({ id, lang, question, answerable: gold.length > 0, gold, tags: [] });

const questions: Question[] = [
  Q('a1', 'fr', 'Depuis quand INTERPOL collabore-t-il avec l’ONU ?', [{ source: '001_9e0b992cc2ec1990.txt', text: 'INTERPOL collabore avec l’ONU depuis 1949' }]),
  Q('a2', 'en', 'How many member countries does INTERPOL have?', [{ source: '001_9e0b992cc2ec1990.txt', text: 'qui sont accessibles aux services chargés de l’application de la loi dans ses 192 pays membres' }]),
  Q('u1', 'fr', 'Quel est le budget annuel d’INTERPOL ?', []),
  Q('u2', 'en', 'Where will the 7th INTERPOL Dialogue be held?', []),
];

describe('answer-level eval', () => {
  it('scores answers through the real pipeline and agrees with /api/search', async () => {
    const answerer = createAnswerer({ retriever: index.retriever, logger: silentLogger, corpus: corpusViewOf(index.service) });
    const r = await evaluateAnswers(questions, answerer, index.retriever);
    expect(r.questions.map((q) => [q.id, q.answered, q.supported])).toEqual([
      ['a1', true, true],
      ['a2', true, true],
      ['u1', false, false],
      ['u2', false, false],
    ]);
    expect(r.summary.all).toMatchObject({ answerable: 2, unanswerable: 2, answeredRate: 1, supportedRate: 1, declinedRate: 1, wrongAnswers: 0, agreement: 1 });
    expect(r.summary.fr.answerable).toBe(1);
    const table = formatAnswerTable('mini', r);
    expect(table).toContain('| mini | all | 2 | 1.000 | 1.000 | 1.000 | 2 | 1.000 | 1.000 |');
  });

  it('judges quotes with the relevance rule, also joined per passage', () => {
    const q = Q('x', 'fr', 'q', [{ source: 'a.txt', text: 'premier morceau. second morceau de la phrase' }]);
    const citations = [{ n: 1, id: 'i', source: 'a.txt', title: '', date: null, text: '' }];
    expect(supportedGold({ citations, quotes: [{ n: 1, text: 'rien à voir avec la question posée ici' }] }, q)).toEqual([]);
    expect(supportedGold({ citations, quotes: [{ n: 1, text: 'premier morceau.' }, { n: 1, text: 'second morceau de la phrase' }] }, q)).toEqual([0]);
    expect(supportedGold({ citations: [{ ...citations[0]!, source: 'b.txt' }], quotes: [{ n: 1, text: 'premier morceau. second morceau de la phrase' }] }, q)).toEqual([]);
  });
});
