/**
 * The evidence model on the real corpus/ index: question preparation (roles, literal numbers,
 * unknown share), sentence windows and their features, the product score, quote selection, the
 * decision the retriever reports, and the same model over someone else's hits.
 */
import { describe, expect, it } from 'vitest';
import type { Passage } from '../../../core/types.js';
import { loadLexicon } from '../../../text/lexicon/lexicon.js';
import { decideAnswerable } from '../../../index/retrieve/answerability.js';
import { DEFAULT_EVIDENCE, literalNumbers, passageWindows, windowEvidence, type EvidenceQuestion } from '../../../index/retrieve/evidence.js';
import { evidenceForHits } from '../../../index/retrieve/evidence-standalone.js';
import { rankWindows, selectQuotes } from '../../../index/retrieve/evidence-select.js';
import { Vocabulary } from '../../../text/vocabulary.js';
import { useCorpusRetriever } from '../../helpers/corpus-retriever.js';

const corpus = useCorpusRetriever();
const { find } = corpus;
const prepare = (q: string): EvidenceQuestion => corpus.evidenceQuestion(q);
const windows = (q: EvidenceQuestion, p: Passage, options = DEFAULT_EVIDENCE) => passageWindows(q, corpus.retriever.bm25.get(p.id)!, options);

describe('the question as evidence sees it', () => {
  it('keeps literal numbers and ordinals, not cardinals in words', () => {
    expect(literalNumbers('Combien de recherches en 2021 ?')).toEqual(['2021']);
    expect(literalNumbers('Où s’est tenue la 5ème édition ?')).toEqual(['5']);
    expect(literalNumbers('Where will the seventh Dialogue be held?')).toEqual(['7']);
    expect(literalNumbers('Qui étaient les deux signataires ?')).toEqual([]);
  });

  it('gives names, content and type words their roles', () => {
    const q = prepare('En quelle année le bureau d’INTERPOL à Vienne a-t-il ouvert ?');
    const role = (text: string) => q.roles[q.prepared.question.groups.findIndex((g) => g.text === text)];
    expect(q.types).toEqual(['when']);
    expect(role('annee')).toBe('type');
    expect(role('vienne')).toBe('entity');
    expect(role('bureau')).toBe('content'); // capitalised by convention only
    expect(role('ouvert')).toBe('content');
  });

  it('measures the share of the content the corpus never uses', () => {
    expect(prepare('Quel est le budget annuel d’INTERPOL ?').unknown).toBe(1);
    expect(prepare('Combien de pays membres compte INTERPOL ?').unknown).toBe(0);
  });
});

describe('sentence windows', () => {
  it('finds the sentence holding the answer and its type', () => {
    const q = prepare('En quelle année le Bureau d’INTERPOL auprès des Nations Unies à New York a-t-il ouvert ?');
    const [best] = windows(q, find('New York a ouvert en 2004'));
    const text = find('New York a ouvert en 2004').text.slice(best!.start, best!.end);
    expect(text).toContain('2004');
    expect(best!.found).toEqual(['when']);
    expect(best!.features.type).toBe(1);
    expect(best!.score).toBeGreaterThan(0.3);
  });

  it('scores 0 when the expected type is missing from an on-topic sentence', () => {
    const q = prepare('Quand la convention des Nations Unies sur la cybercriminalité a-t-elle été adoptée ?');
    const w = windows(q, find('convention internationale générale'));
    expect(w.every((x) => x.score === 0)).toBe(true);
  });

  it('scores 0 when a number of the question is absent from the passage', () => {
    const p = find('4,5 milliards de recherches');
    expect(windows(prepare('Combien de recherches dans les bases de données d’INTERPOL en 2017 ?'), p)[0]!.score).toBeGreaterThan(0.3);
    expect(windows(prepare('Combien de recherches dans les bases de données d’INTERPOL en 2021 ?'), p)[0]!.score).toBe(0);
  });

  it('costs a missing specific name much more than a missing frequent one', () => {
    const p = find('New York a ouvert en 2004');
    const vienna = windows(prepare('En quelle année le bureau d’INTERPOL auprès des Nations Unies à Vienne a-t-il ouvert ?'), p)[0]!;
    expect(vienna.features.entities).toBeLessThan(0.6);
  });

  it('is a product: no coverage makes up for a failed condition', () => {
    const f = { content: 1, all: 1, entities: 1, numbers: 0, type: 1 };
    expect(windowEvidence(f, 1, DEFAULT_EVIDENCE)).toBe(1);
    expect(windowEvidence({ ...f, type: 0 }, 1, DEFAULT_EVIDENCE)).toBe(0);
    expect(windowEvidence({ ...f, numbers: 1 }, 1, DEFAULT_EVIDENCE)).toBe(0);
    expect(windowEvidence(f, 2, DEFAULT_EVIDENCE)).toBeCloseTo(1 - DEFAULT_EVIDENCE.extraSentencePenalty, 12);
  });
});

describe('quotes and decision', () => {
  it('adds a window from another passage for the second part of a question', () => {
    const q = prepare('Depuis quand INTERPOL collabore-t-il avec l’ONU, et quand le Bureau de New York a-t-il ouvert ?');
    const since = corpus.passages.find((p) => p.text.startsWith('En 2017') && p.text.includes('depuis 1949'))!;
    const office = find('New York a ouvert en 2004');
    // One-sentence windows: the passage holding 1949 holds 2004 too in a two-sentence window.
    const single = { ...DEFAULT_EVIDENCE, maxSentences: 1 };
    const quotes = selectQuotes(q, rankWindows([windows(q, office, single), windows(q, since, single)], 0));
    const text = quotes.map((x) => x.window.entry.passage.text.slice(x.window.start, x.window.end)).join(' ');
    expect(text).toContain('2004');
    expect(text).toContain('1949');
    expect(quotes.reduce((n, x) => n + x.window.last - x.window.first + 1, 0)).toBeLessThanOrEqual(3);
    // A repeat of a chosen sentence (consecutive passages share one) is never quoted twice.
    const texts = quotes.map((x) => x.window.entry.passage.text.slice(x.window.start, x.window.end));
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('decides from the best window and the calibrated threshold', () => {
    expect(decideAnswerable({ score: 0.5, rank: 1 }, 0, { threshold: 0.1 }).answerable).toBe(true);
    expect(decideAnswerable({ score: 0.05, rank: 1 }, 0, { threshold: 0.1 }).answerable).toBe(false);
    expect(decideAnswerable({ score: 0.5, rank: 1 }, 1, { threshold: 0.1, unknownWeight: 0.9 }).answerable).toBe(false);
    expect(decideAnswerable(null, 0, { threshold: 0.1 }).answerable).toBe(false);
    expect(decideAnswerable(null, 0, { enabled: false }).answerable).toBe(true);
  });

  it('reports its evidence with every search: verbatim quotes, the same decision whatever k', async () => {
    const question = 'Combien de profils de terroristes étrangers figurent dans les bases de données d’INTERPOL ?';
    const r1 = await corpus.retriever.search(question, { k: 1 });
    const r10 = await corpus.retriever.search(question, { k: 10 });
    expect(r10.evidence?.answerable).toBe(r10.answerable);
    expect(r1.answerable).toBe(r10.answerable);
    expect(r1.evidence?.quotes.map((x) => x.text)).toEqual(r10.evidence?.quotes.map((x) => x.text));
    for (const quote of r10.evidence!.quotes) {
      expect(quote.passage.text.slice(quote.start, quote.end)).toBe(quote.text);
      for (const s of quote.sentences) expect(quote.text).toContain(quote.passage.text.slice(s.start, s.end));
    }
    expect(r10.evidence!.quotes[0]!.text).toContain('43');
    expect(r10.evidence!.types).toEqual(['count']);
  });
});

describe('evidence over hits from elsewhere', () => {
  it('finds the same answer sentence with corpus statistics from a Vocabulary', async () => {
    const question = 'Depuis quand INTERPOL collabore-t-il avec l’ONU ?';
    const r = await corpus.retriever.search(question, { k: 8 });
    const vocabulary = Vocabulary.fromTexts(corpus.passages.map((p) => p.text));
    const e = evidenceForHits(question, r.hits, { lexicon: loadLexicon(), vocabulary });
    expect(e.answerable).toBe(true);
    expect(e.quotes[0]!.text).toContain('1949');
    const none = evidenceForHits('Quel est le budget annuel d’INTERPOL ?', (await corpus.retriever.search('Quel est le budget annuel d’INTERPOL ?', { k: 8 })).hits, { lexicon: null, vocabulary });
    expect(none.answerable).toBe(false);
  });
});
