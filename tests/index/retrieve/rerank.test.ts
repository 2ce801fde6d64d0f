/**
 * The reranker on real passages: its lexical features (numbers, document coverage), the evidence
 * score, and how they move candidates that the first stage tied.
 */
import { describe, expect, it } from 'vitest';
import type { Passage } from '../../../core/types.js';
import { analysePassage } from '../../../index/bm25/postings.js';
import { matchFeatures } from '../../../index/retrieve/features.js';
import { DEFAULT_RETRIEVAL_CONFIG } from '../../../index/retrieve/config.js';
import { rerankScores } from '../../../index/retrieve/rerank.js';

const DEFAULT_RERANK = DEFAULT_RETRIEVAL_CONFIG.reranker;
import { useCorpusRetriever } from '../../helpers/corpus-retriever.js';

const corpus = useCorpusRetriever();
const { find } = corpus;

function features(question: string, passage: Passage) {
  return matchFeatures(corpus.question(question), analysePassage(passage));
}

describe('reranker features', () => {
  it('finds the question numbers in the passage, or reports them missing', () => {
    const searches = find('4,5 milliards de recherches');
    expect(features('Combien de recherches dans les bases de données en 2017 ?', searches)).toMatchObject({ numbersFound: 1, numbersMissing: 0 });
    expect(features('Combien de recherches dans les bases de données en 2021 ?', searches)).toMatchObject({ numbersFound: 0, numbersMissing: 1 });
  });

  it('separates entity groups from content groups', () => {
    const q = corpus.question('Qui a succédé à Jürgen Stock à la tête d’INTERPOL ?');
    const entities = q.groups.filter((g) => g.entity).map((g) => g.text);
    expect(entities).toContain('jurgen stock'); // two name words merged into one group
    expect(entities).toContain('interpol');
    expect(q.groups.find((g) => g.text === 'succede')?.entity).toBe(false);
  });
});

describe('rerankScores', () => {
  const base = { numbersFound: 0, numbersMissing: 0 };

  it('keeps first-stage order when features are equal', () => {
    const s = rerankScores([
      { id: 'a', score: 2, features: base, document: 0.5 },
      { id: 'b', score: 1, features: base, document: 0.5 },
    ], DEFAULT_RERANK);
    expect(s[0]).toBeGreaterThan(s[1]!);
  });

  it('lifts a candidate with better evidence, whose document covers the question and whose numbers match', () => {
    const tied = (over: Partial<typeof base>, document = 0.5, evidence = 0.2) => ({ id: 'x', score: 1, features: { ...base, ...over }, document, evidence });
    const [plain, doc, num, miss, evident] = rerankScores([tied({}), tied({}, 1), tied({ numbersFound: 1 }), tied({ numbersMissing: 1 }), tied({}, 0.5, 0.8)], DEFAULT_RERANK);
    expect(evident).toBeGreaterThan(plain!);
    expect(doc).toBeGreaterThan(plain!);
    expect(num).toBeGreaterThan(plain!);
    expect(miss).toBeLessThan(plain!);
    // Weights of zero switch a feature off.
    const off = rerankScores([tied({}, 1), tied({})], { ...DEFAULT_RERANK, documentWeight: 0 });
    expect(off[0]).toBeCloseTo(off[1]!, 12);
    const noEvidence = rerankScores([tied({}, 0.5, 0.9), tied({}, 0.5, 0.1)], { ...DEFAULT_RERANK, evidenceWeight: 0 });
    expect(noEvidence[0]).toBeCloseTo(noEvidence[1]!, 12);
  });
});
