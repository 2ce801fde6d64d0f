/** The lexical first stage: BM25 over French-analysed passages (the LexicalIndex), the question's weighted terms. */
import type { RankerFactory } from './types.js';

export const bm25Ranker: RankerFactory = ({ lexical }) => ({
  name: 'bm25',
  modes: ['bm25', 'hybrid'],
  search: (question, depth) => lexical.search(question, depth),
});
