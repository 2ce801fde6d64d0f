/**
 * The whole retriever on a real index of corpus/ (lexical embedder, HNSW, BM25): the Guterres
 * questions in both languages, every mode × rerank, answerability, diagnostics, refresh after the
 * store changes, and the /api/search contract through the real Hono app.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../core/config.js';
import { silentLogger } from '../../../core/logger.js';
import type { LexicalEmbeddings } from '../../../index/embedders/lexical.js';
import { readRetrievalConfig } from '../../../index/retrieve/config.js';
import { createRetriever } from '../../../index/retrieve/factory.js';
import { InProcessLexicalIndex, type LexicalIndex } from '../../../index/retrieve/lexical-index.js';
import { RANKERS, type RankerFactory } from '../../../index/retrieve/rankers/index.js';
import type { SearchMode } from '../../../index/retrieve/types.js';
import { IndexService } from '../../../index/service.js';
import { createApp } from '../../../server/app.js';
import { apertiumAvailability } from '../../../text/translate.js';
import { buildTestIndex, type TestIndex } from '../../helpers/test-index.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const GUTERRES_SOURCE = '000_87e5c8281a3b5988.txt';
const FR = 'Qui a rencontré Jürgen Stock à l’ONU ?';
const EN = 'Who did Jürgen Stock meet at the United Nations?';

let index: TestIndex;
beforeAll(async () => {
  index = await buildTestIndex();
});
afterAll(() => index.close());

const namesGuterres = (h: { passage: { source: string; text: string } }) => h.passage.source === GUTERRES_SOURCE && h.passage.text.includes('António Guterres');

describe('hybrid retriever', () => {
  it.each([FR, EN])('ranks the 000 passage naming António Guterres in the top 3: %s', async (q) => {
    const r = await index.retriever.search(q, { k: 5 });
    expect(r.hits.slice(0, 3).some(namesGuterres)).toBe(true);
    expect(r.answerable).toBe(true);
    expect(r.lang).toBe(q === FR ? 'fr' : 'en');
  });

  it.each(['dense', 'bm25', 'hybrid'] as SearchMode[])('mode %s, with and without reranking, finds it in the top 5', async (mode) => {
    for (const rerank of [false, true]) {
      for (const q of [FR, EN]) {
        const r = await index.retriever.search(q, { k: 5, mode, rerank });
        expect(r.hits.some(namesGuterres)).toBe(true);
        expect(r.diagnostics).toMatchObject({ mode, rerank });
      }
    }
  });

  it('ranks distinct passages best first, with first-stage ranks and explanations on request', async () => {
    const r = await index.retriever.search(EN, { k: 8, mode: 'hybrid', explain: true });
    expect(new Set(r.hits.map((h) => h.passage.id)).size).toBe(r.hits.length);
    expect(r.hits.length).toBe(8);
    expect(r.hits[0]!.ranks.final).toBe(1);
    expect(r.hits.some((h) => h.ranks.bm25 !== undefined && h.ranks.dense !== undefined)).toBe(true);
    expect(r.hitDiagnostics).toHaveLength(8);
    expect(r.hitDiagnostics![0]).toHaveProperty('evidence');
  });

  it('reports scores that never rise down the list, even where diversity reordered it', async () => {
    const { loadQuestions } = await import('../../../eval/questions.js');
    const questions = await loadQuestions(path.join(ROOT, 'eval', 'questions.jsonl'));
    let reordered = 0;
    for (const q of questions) {
      const r = await index.retriever.search(q.question, { k: 10, explain: true });
      r.hits.forEach((h, i) => {
        if (i > 0) expect(h.score).toBeLessThanOrEqual(r.hits[i - 1]!.score);
        // Diagnostics are rounded to 4 decimals.
        const own = Number(r.hitDiagnostics![i]!['relevance']);
        expect(h.score).toBeLessThanOrEqual(own + 1e-4);
        if (h.score < own - 1e-4) reordered++;
      });
    }
    // The case this guards: MMR does move passages below less relevant ones on this corpus.
    expect(reordered).toBeGreaterThan(0);
  });

  it('sets the corpus vocabulary on the lexical embedder', () => {
    const vocabulary = (index.embedder as LexicalEmbeddings).getVocabulary();
    expect(vocabulary).not.toBeNull();
    expect(vocabulary!.stemFrequency('interpol')).toBeGreaterThan(20);
  });
});

describe.skipIf(!apertiumAvailability('fr-en').available)('English side (real Apertium)', () => {
  it('is read by the reranker for English questions only, and not at all at translationWeight 0', async () => {
    const withSide = await createRetriever(index.store, index.embedder, { logger: silentLogger, englishSide: { cacheFile: null } });
    const en = await withSide.search(EN, { k: 5 });
    expect(en.diagnostics?.['englishSide']).toBeGreaterThan(0);
    expect(en.hits.slice(0, 3).some(namesGuterres)).toBe(true);
    expect((await withSide.search(FR, { k: 5 })).diagnostics?.['englishSide']).toBe(0);
    expect((await withSide.search(EN, { k: 5, rerank: false })).diagnostics?.['englishSide']).toBe(0);
    // Weight 0: no translator is opened, and the ranking is the one without an English side.
    const off = await createRetriever(index.store, index.embedder, { logger: silentLogger, englishSide: { cacheFile: null }, config: { reranker: { translationWeight: 0 } } });
    const plain = await createRetriever(index.store, index.embedder, { logger: silentLogger });
    const offHits = (await off.search(EN, { k: 5 })).hits.map((h) => h.passage.id);
    expect(offHits).toEqual((await plain.search(EN, { k: 5 })).hits.map((h) => h.passage.id));
  }, 120_000);
});

describe('seams others plug into', () => {
  it('fuses a first-stage ranker added as one factory (weight from fusion.weights)', async () => {
    const target = (await index.store.listPassages()).find((p) => p.text.includes('43\u00a0000'))!;
    // A ranker that always puts one passage first: the fused ranking must carry its list.
    const pinned: RankerFactory = () => ({ name: 'pinned', modes: ['hybrid'], search: async () => [{ passage: target, score: 1 }] });
    const retriever = await createRetriever(index.store, index.embedder, {
      logger: silentLogger,
      rankers: [...RANKERS, pinned],
      config: { rerank: false, fusion: { weights: { pinned: 5 } } },
    });
    const r = await retriever.search(FR, { k: 3, mode: 'hybrid', explain: true });
    expect(r.hits[0]!.passage.id).toBe(target.id);
    expect(r.hits[0]!.ranks['pinned']).toBe(1);
    expect(r.hitDiagnostics![0]).toHaveProperty('score.pinned');
    // Modes it does not take part in do not run it.
    expect((await retriever.search(FR, { k: 3, mode: 'bm25' })).hits[0]!.ranks['pinned']).toBeUndefined();
  });

  it('reads the lexical side only through the LexicalIndex interface (a wrapper sees every call)', async () => {
    const inner = new InProcessLexicalIndex(index.store);
    const calls = new Set<string>();
    const lexical: LexicalIndex = {
      refresh: () => (calls.add('refresh'), inner.refresh()),
      get size() {
        return inner.size;
      },
      search: (q, depth) => (calls.add('search'), inner.search(q, depth)),
      corpus: () => (calls.add('corpus'), inner.corpus()),
      analysed: (p) => (calls.add('analysed'), inner.analysed(p)),
      termsOfSource: (s) => (calls.add('termsOfSource'), inner.termsOfSource(s)),
    };
    const wrapped = await createRetriever(index.store, index.embedder, { logger: silentLogger, lexical });
    const plain = await createRetriever(index.store, index.embedder, { logger: silentLogger });
    const a = await wrapped.search(EN, { k: 5 });
    const b = await plain.search(EN, { k: 5 });
    expect(a.hits.map((h) => [h.passage.id, h.score])).toEqual(b.hits.map((h) => [h.passage.id, h.score]));
    expect([...calls].sort()).toEqual(['analysed', 'corpus', 'refresh', 'search', 'termsOfSource']);
  });
});

describe('answerability', () => {
  const answerable = [
    'Combien de profils de terroristes étrangers figurent dans les bases de données d’INTERPOL ?',
    'Quand l’ONUDC et INTERPOL ont-ils signé leur accord de coopération ?',
    'How many foreign terrorist fighter profiles are in INTERPOL’s databases?',
    'When did INTERPOL open its office at the United Nations in New York?',
  ];
  const unanswerable = [
    'Quel est le budget annuel d’INTERPOL ?', // nothing in the documents about a budget
    'Combien de notices rouges INTERPOL a-t-il publiées en 2020 ?', // a year the documents never mention
    'What is INTERPOL’s annual budget?',
    'Where will the 7th INTERPOL Dialogue be held?', // only the 6th is described
    'Quelle est la recette de la tarte tatin ?', // off-topic
    'How do I bake sourdough bread at home?',
  ];
  it.each(answerable)('answers: %s', async (q) => {
    expect((await index.retriever.search(q, { k: 5 })).answerable).toBe(true);
  });
  it.each(unanswerable)('declines: %s', async (q) => {
    const r = await index.retriever.search(q, { k: 5 });
    expect(r.answerable).toBe(false);
    expect(typeof r.diagnostics?.support).toBe('number');
  });

  it('the shipped config/retrieval.json gives the same decisions', async () => {
    const config = await readRetrievalConfig(path.join(ROOT, 'config', 'retrieval.json'), silentLogger);
    const shipped = await createRetriever(index.store, index.embedder, { config });
    for (const q of answerable) expect((await shipped.search(q, { k: 5 })).answerable).toBe(true);
    for (const q of unanswerable) expect((await shipped.search(q, { k: 5 })).answerable).toBe(false);
  });
});

describe('refresh after the store changes', () => {
  it('forgets a removed document and finds it again once restored (incremental BM25 and vocabulary)', async () => {
    const own = await buildTestIndex();
    try {
      const q = 'Yury Fedotov ONUDC accord';
      const before = await own.retriever.search(q, { k: 5, mode: 'bm25' });
      expect(before.hits[0]!.passage.source).toBe('004_9afdffdf36575cd6.txt');
      const kept = (await own.store.listPassages()).filter((p) => p.source === '004_9afdffdf36575cd6.txt');
      const vectors = await own.store.getVectors(kept.map((p) => p.id));
      const record = own.store.manifest().documents['004_9afdffdf36575cd6.txt']!;
      await own.store.removeDocuments(['004_9afdffdf36575cd6.txt']);
      await own.service.refresh();
      const after = await own.retriever.search(q, { k: 5, mode: 'bm25' });
      expect(after.hits.every((h) => h.passage.source !== '004_9afdffdf36575cd6.txt')).toBe(true);
      await own.store.upsertDocuments([{ record, passages: kept, vectors }]);
      await own.service.refresh();
      expect((await own.retriever.search(q, { k: 5, mode: 'bm25' })).hits[0]!.passage.source).toBe('004_9afdffdf36575cd6.txt');
    } finally {
      await own.close();
    }
  });
});

describe('/api/search', () => {
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    const config = await readRetrievalConfig(path.join(ROOT, 'config', 'retrieval.json'), silentLogger);
    const service = new IndexService(index.store, index.embedder, await createRetriever(index.store, index.embedder, { config }));
    await service.refresh();
    app = createApp({ config: DEFAULT_CONFIG, logger: silentLogger, service, startedAt: Date.now() });
  });

  interface Body {
    answerable: boolean;
    lang: string;
    results: { id: string; source: string; title: string; date: string | null; text: string; score: number; diagnostics?: Record<string, unknown> }[];
    diagnostics?: Record<string, unknown>;
  }

  it.each([FR, EN])('keeps the contract and ranks the Guterres passage in the top 3: %s', async (q) => {
    const res = await app.request(`/api/search?q=${encodeURIComponent(q)}&k=5`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Body;
    expect(body.answerable).toBe(true);
    expect(body.results).toHaveLength(5);
    for (const r of body.results) {
      expect(Object.keys(r).sort()).toEqual(['date', 'id', 'score', 'source', 'text', 'title']);
      expect(r.id).toMatch(/^[0-9a-f]{16}$/);
    }
    expect(body.results.slice(0, 3).some((r) => r.source === GUTERRES_SOURCE && r.text.includes('António Guterres'))).toBe(true);
    expect(body.diagnostics).toBeUndefined();
  });

  it('passes mode and rerank, and adds diagnostics with debug=1', async () => {
    const res = await app.request(`/api/search?q=${encodeURIComponent(EN)}&k=3&mode=bm25&rerank=on&debug=1`);
    const body = (await res.json()) as Body;
    expect(res.status).toBe(200);
    expect(body.diagnostics).toMatchObject({ mode: 'bm25', rerank: true });
    expect(body.results[0]!.diagnostics).toHaveProperty('rank.bm25');
  });

  it('declines what the documents do not say', async () => {
    const body = (await (await app.request(`/api/search?q=${encodeURIComponent('What is INTERPOL’s annual budget?')}`)).json()) as Body;
    expect(body.answerable).toBe(false);
    expect(body.results.length).toBeGreaterThan(0);
  });

  it('rejects a bad rerank or debug value with a 400', async () => {
    for (const qs of ['rerank=maybe', 'debug=2']) {
      const res = await app.request(`/api/search?q=INTERPOL&${qs}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('INVALID_PARAMETER');
    }
  });
});
