/**
 * Conversation sets: the format's validation, the shipped set's gold spans, the rewrite-language
 * check, and per-turn scoring through the real chat pipeline (real index over corpus/).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusViewOf, createAnswerer } from '../../answer/index.js';
import { silentLogger } from '../../core/logger.js';
import { shortAnswerRight } from '../../eval/answer-eval.js';
import { foreignWords, formatConversationTable, scoreConversations, type ChatEngine } from '../../eval/conversation-eval.js';
import { loadConversations, parseConversations } from '../../eval/conversations.js';
import { loadLexicon } from '../../text/index.js';
import { buildTestIndex, corpusTexts, type TestIndex } from '../helpers/test-index.js';

const lexicon = loadLexicon();
const corpus = corpusTexts();
const corpusWords = new Set([...corpus.values()].flatMap((t) => (t.match(/[\p{L}][\p{L}\p{M}]*/gu) ?? []).map((w) => w.toLowerCase().normalize('NFD').replace(/\p{M}/gu, ''))));

describe('conversation format', () => {
  it('parses turns as questions with ids <conversation>#<n>, switches and referents', () => {
    const [c] = parseConversations(
      JSON.stringify({
        id: 'c1',
        turns: [
          { question: 'Q1 ?', lang: 'fr', answerable: true, gold: [{ source: 'a.txt', text: 'x' }], short: ['x'] },
          { question: 'Q2?', lang: 'en', answerable: false, gold: [], refers: ['Stock'] },
          { question: 'Q3?', lang: 'en', answerable: false, gold: [], switch: true },
        ],
      }),
    );
    expect(c?.lang).toBe('mixed');
    expect(c?.turns.map((t) => [t.id, t.index, t.switch, t.refers])).toEqual([
      ['c1#1', 0, false, []],
      ['c1#2', 1, false, ['Stock']],
      ['c1#3', 2, true, []],
    ]);
  });

  it('names the line, the turn and the field of each problem', () => {
    expect(() => parseConversations('{"id":"c1","turns":[{"question":"Q","lang":"de","answerable":true,"gold":[]}]}')).toThrow(
      /line 1: turn 1: field "lang" must be "fr" or "en"/,
    );
    expect(() => parseConversations('{"id":"c1","turns":[]}')).toThrow(/field "turns" must be an array of 1 to 8 turns/);
    expect(() => parseConversations('{"id":"c1","turns":[{"question":"Q","lang":"fr","answerable":false,"gold":[],"switch":true}]}')).toThrow(/first turn cannot be a topic switch/);
    expect(() => parseConversations('{"id":"c","turns":[{"question":"Q","lang":"fr","answerable":false,"gold":[]}]}\n{"id":"c","turns":[{"question":"Q","lang":"fr","answerable":false,"gold":[]}]}')).toThrow(/duplicate/);
  });

  it('ships ≥ 40 conversations of 2–4 turns in French, English and mixed, gold verbatim in the corpus', async () => {
    const set = await loadConversations('eval/conversations.jsonl');
    expect(set.length).toBeGreaterThanOrEqual(40);
    expect(set.every((c) => c.turns.length >= 2 && c.turns.length <= 4)).toBe(true);
    expect(new Set(set.map((c) => c.lang))).toEqual(new Set(['fr', 'en', 'mixed']));
    const turns = set.flatMap((c) => c.turns);
    expect(turns.some((t) => t.switch)).toBe(true);
    expect(turns.filter((t) => t.index > 0 && !t.answerable).length).toBeGreaterThanOrEqual(10);
    for (const t of turns) for (const g of t.gold) expect(corpus.get(g.source)?.includes(g.text), `${t.id}: ${g.text}`).toBe(true);
    expect(readFileSync('eval/conversations.jsonl', 'utf8').split('\n').filter(Boolean).length).toBe(set.length);
  });
});

describe('rewrite language check', () => {
  const words = { lexicon, corpus: corpusWords };
  it('flags words of the other language the rewrite added, never names or numbers', () => {
    expect(foreignWords('Quand a eu lieu leur première réunion (Jürgen Stock meet United Nations) ?', 'Quand a eu lieu leur première réunion ?', 'fr', words)).toEqual(['meet']);
    expect(foreignWords('When (signé accord ONUDC INTERPOL)?', 'When?', 'en', words)).toEqual(['signé']);
    expect(foreignWords('Quand a eu lieu leur première réunion (Jürgen Stock et António Guterres) ?', 'Quand a eu lieu leur première réunion ?', 'fr', words)).toEqual([]);
    expect(foreignWords('How many searches were run in 2021?', 'And in 2021?', 'en', words)).toEqual([]);
  });
  it('judges short answers by their verbatim span, not whole sentences', () => {
    expect(shortAnswerRight({ text: 'On 23 May 2016', original: '23 mai 2016' }, ['23 mai 2016'])).toBe(true);
    expect(shortAnswerRight({ text: 'X', original: 'Yury Fedotov et Juergen Stock' }, ['Yury Fedotov', 'Juergen Stock'])).toBe(true);
    expect(shortAnswerRight({ text: 'X', original: 'Yury Fedotov' }, ['Yury Fedotov', 'Juergen Stock'])).toBe(false);
    const sentence = 'En 2017, les services chargés de l’application de la loi du monde entier ont effectué quelque 4,5 milliards de recherches';
    expect(shortAnswerRight({ text: sentence, original: sentence }, ['4,5 milliards'])).toBe(false);
  });
});

describe('conversation scoring through the real pipeline', () => {
  let index: TestIndex;
  beforeAll(async () => {
    index = await buildTestIndex();
  });
  afterAll(() => index.close());

  it('plays each conversation in one session and scores every turn', async () => {
    const answerer = createAnswerer({ retriever: index.retriever, logger: silentLogger, corpus: corpusViewOf(index.service) });
    const engine: ChatEngine = {
      chat: (message, sessionId) => answerer.answer({ message, ...(sessionId ? { sessionId } : {}) }),
      chatWithHistory: (message, history) => answerer.answer({ message, history }),
      search: async (q, k) => {
        const r = await index.retriever.search(q, { k });
        return { answerable: r.answerable, results: r.hits.map((h) => ({ source: h.passage.source, text: h.passage.text })) };
      },
    };
    const set = parseConversations(
      [
        {
          id: 'sign',
          turns: [
            { question: 'Qui a signé l’accord entre l’ONUDC et INTERPOL ?', lang: 'fr', answerable: true, gold: [{ source: '004_9afdffdf36575cd6.txt', text: "le directeur exécutif de l'ONUDC, Yury Fedotov" }], short: ['Yury Fedotov'] },
            { question: 'Quand ?', lang: 'fr', answerable: true, gold: [{ source: '004_9afdffdf36575cd6.txt', text: "23 mai 2016 - Lors d'un événement parallèle aujourd'hui" }], short: ['23 mai 2016'], refers: ['ONUDC'] },
            { question: 'Quel est le budget annuel d’INTERPOL ?', lang: 'fr', answerable: false, gold: [], switch: true },
          ],
        },
      ]
        .map((c) => JSON.stringify(c))
        .join('\n'),
    );
    for (const stateless of [false, true]) {
      const r = await scoreConversations(set, engine, { lexicon, corpus: corpusWords }, { stateless });
      expect(r.turns.map((t) => [t.kind, t.right, t.refersOk])).toEqual([
        ['first', true, null],
        ['follow-up', true, true],
        ['switch', true, null],
      ]);
      expect(r.turns[1]?.standalone).toMatch(/^Quand \(.*ONUDC.*\) \?$/);
      expect(r.turns[1]?.rank).toBe(1);
      expect(r.summary.all).toMatchObject({ turns: 3, answerable: 2, unanswerable: 1, right: 1, recall1: 1, shortRight: 1, sameLanguage: 1, refersResolved: 1 });
      expect(r.conversations).toEqual({ total: 1, allRight: 1 });
      expect(formatConversationTable('mini', r)).toContain('| follow-up | 1 | 1 / 0 | 1.000 |');
    }
  });
});
