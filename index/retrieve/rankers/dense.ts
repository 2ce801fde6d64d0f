/**
 * The dense first stage: embed the question, ask the store for its nearest passages. The lexical
 * embedder is handed the question's own analysis (analysed once per search) when it reads
 * questions with the same settings, lexicon and vocabulary as retrieval; any other embedder gets
 * the text.
 */
import type { Lang } from '../../../core/types.js';
import type { QueryAnalysis, Vocabulary } from '../../../text/index.js';
import type { Question } from '../question.js';
import type { RankerDeps, RankerFactory } from './types.js';

/** The lexical embedder's query side (structural, so no import of the embedder here). */
interface QuestionAwareEmbedder {
  embedQueryAs(text: string, lang?: Lang): number[];
  embedAnalysis(analysis: QueryAnalysis): number[];
  getVocabulary(): Vocabulary | null;
  readonly options: { lexicon: unknown; ambiguous: string; query: object };
}

function isQuestionAware(e: unknown): e is QuestionAwareEmbedder {
  const x = e as Partial<QuestionAwareEmbedder>;
  return typeof x.embedQueryAs === 'function' && typeof x.embedAnalysis === 'function' && typeof x.getVocabulary === 'function';
}

export const denseRanker: RankerFactory = (deps) => {
  const { store, embedder } = deps;
  const aware = isQuestionAware(embedder) ? embedder : null;
  const sameReading = aware !== null && readsLikeRetrieval(aware, deps);
  const vectorOf = async (q: Question): Promise<number[]> => {
    if (!aware) return embedder.embedQuery(q.text);
    // Same reading as the question's: reuse its analysis (the vocabulary must be this corpus's too).
    if (sameReading && aware.getVocabulary() === deps.lexical.corpus().vocabulary) return aware.embedAnalysis(q.base);
    return aware.embedQueryAs(q.text, q.langEvidence ? q.lang : undefined);
  };
  return {
    name: 'dense',
    modes: ['dense', 'hybrid'],
    async search(question, depth) {
      const hits = await store.searchVector(await vectorOf(question), depth);
      return hits.map((h) => ({ passage: h.passage, score: h.similarity }));
    },
  };
};

function readsLikeRetrieval(e: QuestionAwareEmbedder, deps: RankerDeps): boolean {
  const q = deps.config.question;
  return e.options.lexicon === deps.lexicon && e.options.ambiguous === q.ambiguous && sameValues(e.options.query, q.analysis);
}

function sameValues(a: object, b: object): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k]);
}
