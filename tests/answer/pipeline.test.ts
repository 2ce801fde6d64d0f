/**
 * The answer pipeline on real components: a real index over corpus/ (lexical embedder, HNSW), the
 * production retriever, the committed lexicon, the extractive composer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusViewOf } from '../../answer/corpus.js';
import { LEAD_IN } from '../../answer/messages.js';
import { createAnswerer } from '../../answer/pipeline.js';
import type { Answer, AnswerEvent, Answerer } from '../../answer/types.js';
import { silentLogger } from '../../core/logger.js';
import type { Retriever } from '../../index/retrieve/types.js';
import { buildTestIndex, corpusTexts, type TestIndex } from '../helpers/test-index.js';
import { expectCitationsVerbatim, expectVerbatimAnswer, UUID } from './verbatim.js';

const corpus = corpusTexts();
let index: TestIndex;
let answerer: Answerer;

beforeAll(async () => {
  index = await buildTestIndex();
  answerer = createAnswerer({ retriever: index.retriever, logger: silentLogger, corpus: corpusViewOf(index.service) });
});
afterAll(() => index.close());

async function collect(stream: AsyncIterable<AnswerEvent>): Promise<AnswerEvent[]> {
  const out: AnswerEvent[] = [];
  for await (const ev of stream) out.push(ev);
  return out;
}

function expectDeclined(a: Answer, lead: string): void {
  expect(a.answered).toBe(false);
  expect(a.answer.startsWith(lead)).toBe(true);
  expect(a.citations).toEqual([]);
  expect(a.answer).not.toMatch(/\[\d+\]/);
  expect(a.seeAlso?.length ?? 0).toBeGreaterThan(0);
  expectCitationsVerbatim(a.seeAlso ?? [], corpus);
}

describe('answer pipeline (extractive)', () => {
  it('answers a French question in French with verbatim, cited sentences', async () => {
    const a = await answerer.answer({ message: 'Depuis quand INTERPOL collabore-t-il avec l’ONU ?' });
    expect(a.lang).toBe('fr');
    expect(a.sessionId).toMatch(UUID);
    expect(a.standalone).toBe('Depuis quand INTERPOL collabore-t-il avec l’ONU ?');
    expectVerbatimAnswer(a, corpus);
    expect(a.answer).toContain('1949');
    // A when-question leads with the date lifted from the quoted sentence.
    expect(a.shortAnswer).toMatchObject({ text: 'Depuis 1949', original: 'depuis 1949', n: 1, kind: 'when' });
    expect(a.answer.startsWith('Depuis 1949 [1]. « ')).toBe(true);
    expect(a.confidence).toBe('high');
  });

  it('answers an English question with an English lead-in and the French sentences quoted (no translator)', async () => {
    const a = await answerer.answer({ message: 'How many member countries does INTERPOL have?' });
    expect(a.lang).toBe('en');
    expect(a.shortAnswer).toMatchObject({ text: '192 pays membres', original: '192 pays membres', kind: 'count' });
    expect(a.answer.startsWith(`192 pays membres [1]. ${LEAD_IN.en} “`)).toBe(true);
    expect(a.answer).toMatch(/“[^”]+” \[1\]/);
    expect(a.translatedBy).toBeUndefined();
    expectVerbatimAnswer(a, corpus);
    expect(a.answer).toContain('192 pays membres');
  });

  it('keeps a quote-first answer for questions that are not who/when/where/how many/which', async () => {
    const a = await answerer.answer({ message: 'Que désignent les sigles BLT, CCT et DECT ?' });
    expectVerbatimAnswer(a, corpus);
    expect(a.shortAnswer).toBeUndefined();
    expect(a.answer.startsWith(LEAD_IN.fr)).toBe(true);
  });

  it('answers who-questions across languages with the names from the documents', async () => {
    const a = await answerer.answer({ message: 'Who signed the cooperation agreement between UNODC and INTERPOL?' });
    expectVerbatimAnswer(a, corpus);
    expect(a.answer).toContain('Yury Fedotov');
    // Both signatories, named as written (the coordinated apposition « X, et le Secrétaire général d'INTERPOL, Y »).
    expect(a.shortAnswer?.text).toBe('Yury Fedotov and Juergen Stock');
  });

  it('rewrites a follow-up from the session: a new year ("Et en 2021 ?") the documents do not cover', async () => {
    const first = await answerer.answer({ message: 'Combien de recherches ont été effectuées dans les bases de données d’INTERPOL en 2017 ?' });
    expectVerbatimAnswer(first, corpus);
    expect(first.answer).toContain('4,5 milliards');
    const follow = await answerer.answer({ message: 'Et en 2021 ?', sessionId: first.sessionId as string });
    expect(follow.sessionId).toBe(first.sessionId);
    expect(follow.standalone).toBe('Combien de recherches ont été effectuées dans les bases de données d’INTERPOL en 2021 ?');
    expectDeclined(follow, 'Les documents ne précisent pas');
    expect(follow.answer).toContain('2021');
  });

  it('rewrites an anaphoric follow-up ("Who signed it?") and a bare "Quand ?"', async () => {
    const first = await answerer.answer({ message: 'When was the UNODC–INTERPOL agreement signed?' });
    expectVerbatimAnswer(first, corpus);
    expect(first.answer).toContain('2016');
    const who = await answerer.answer({ message: 'Who signed it?', sessionId: first.sessionId as string });
    expect(who.standalone).toBe('Who signed it (UNODC INTERPOL agreement)?');
    expectVerbatimAnswer(who, corpus);
    expect(who.answer).toContain('Fedotov');

    const fr = await answerer.answer({ message: 'Qui a signé l’accord entre l’ONUDC et INTERPOL ?' });
    const when = await answerer.answer({ message: 'Quand ?', sessionId: fr.sessionId as string });
    // The previous answer's names (the signatories) ride along.
    expect(when.standalone).toBe('Quand (signé accord ONUDC INTERPOL Yury Fedotov Juergen Stock) ?');
    expect(when.lang).toBe('fr');
    expectVerbatimAnswer(when, corpus);
    expect(when.answer).toContain('23 mai 2016');
  });

  it('keeps conversations apart', async () => {
    const a = await answerer.answer({ message: 'Combien de recherches ont été effectuées dans les bases de données d’INTERPOL en 2017 ?' });
    const b = await answerer.answer({ message: 'Et en 2021 ?' });
    expect(b.sessionId).not.toBe(a.sessionId);
    expect(b.standalone).toBe('Et en 2021 ?');
  });

  it('takes the history from the request in stateless mode (no session)', async () => {
    const a = await answerer.answer({
      message: 'Et en 2021 ?',
      history: [{ question: 'Combien de recherches ont été effectuées dans les bases de données d’INTERPOL en 2017 ?', answer: '…' }],
    });
    expect(a.sessionId).toBeUndefined();
    expect(a.standalone).toContain('en 2021');
    expect(a.answered).toBe(false);
  });

  it('declines an unanswerable question and offers the closest passages', async () => {
    expectDeclined(await answerer.answer({ message: 'Quel est le budget annuel d’INTERPOL ?' }), 'Les documents ne précisent pas quel est le budget annuel d’INTERPOL');
    expectDeclined(await answerer.answer({ message: "What is INTERPOL's annual budget?" }), 'The documents do not say');
  });

  it('streams small token chunks, then the citations, then the complete answer', async () => {
    const events = await collect(answerer.stream({ message: 'Depuis quand INTERPOL collabore-t-il avec l’ONU ?' }));
    const kinds = events.map((e) => e.type);
    const tokens = events.filter((e): e is Extract<AnswerEvent, { type: 'token' }> => e.type === 'token');
    expect(tokens.length).toBeGreaterThan(2);
    expect(kinds.slice(tokens.length)).toEqual(['citations', 'done']);
    const done = events.at(-1) as Extract<AnswerEvent, { type: 'done' }>;
    const cites = events.at(-2) as Extract<AnswerEvent, { type: 'citations' }>;
    expect(tokens.map((t) => t.text).join('')).toBe(done.answer.answer);
    expect(cites.citations).toEqual(done.answer.citations);
    expectVerbatimAnswer(done.answer, corpus);
  });
});

describe('one evidence model for search and chat', () => {
  const saying = (answerable: boolean): Retriever => ({
    search: async (q, o) => ({ ...(await index.retriever.search(q, o)), answerable }),
  });

  it('answers exactly when /api/search says answerable, quoting the evidence windows', async () => {
    const questions = [
      'Depuis quand INTERPOL collabore-t-il avec l’ONU ?',
      'How many member countries does INTERPOL have?',
      'Quel est le budget annuel d’INTERPOL ?',
      'Combien de recherches ont été effectuées dans les bases de données d’INTERPOL en 2021 ?',
      'En quelle année le bureau d’INTERPOL auprès des Nations Unies à Vienne a-t-il ouvert ?',
      'En quelle année le Bureau du Représentant spécial d’INTERPOL à New York a-t-il ouvert ?',
      'Where will the 7th INTERPOL Dialogue be held?',
      'Who signed the cooperation agreement between UNODC and INTERPOL?',
    ];
    for (const message of questions) {
      const search = await index.retriever.search(message, { k: 10 });
      const a = await answerer.answer({ message });
      expect(a.answered, message).toBe(search.answerable);
      if (a.answered) {
        expectVerbatimAnswer(a, corpus);
        const quoted = (a.quotes ?? []).map((q) => q.text).join(' ');
        expect(quoted).toContain(search.evidence!.quotes[0]!.passage.text.slice(search.evidence!.quotes[0]!.sentences[0]!.start, search.evidence!.quotes[0]!.sentences[0]!.end));
      } else expectDeclined(a, a.lang === 'fr' ? 'Les documents ne précisent pas' : 'The documents do not say');
    }
  });

  it('declines when retrieval says not answerable, even if a sentence matches', async () => {
    const a = createAnswerer({ retriever: saying(false), logger: silentLogger, corpus: corpusViewOf(index.service) });
    expectDeclined(await a.answer({ message: 'Depuis quand INTERPOL collabore-t-il avec l’ONU ?' }), 'Les documents ne précisent pas depuis quand INTERPOL collabore avec l’ONU');
  });

  it('reads the evidence itself when the retriever reports none (a remote server)', async () => {
    const bare: Retriever = {
      search: async (q, o) => {
        const { evidence: _evidence, ...rest } = await index.retriever.search(q, o);
        return { ...rest, answerable: rest.hits.length > 0 };
      },
    };
    const a = createAnswerer({ retriever: bare, logger: silentLogger, corpus: corpusViewOf(index.service) });
    const ok = await a.answer({ message: 'Depuis quand INTERPOL collabore-t-il avec l’ONU ?' });
    expectVerbatimAnswer(ok, corpus);
    expect(ok.answer).toContain('1949');
    expectDeclined(await a.answer({ message: 'Quel est le budget annuel d’INTERPOL ?' }), 'Les documents ne précisent pas');
  });
});
