/**
 * What the answer pipeline reads of the whole corpus, beyond the retrieved passages: each
 * document's passages (a question's names and numbers are checked against the whole document a
 * sentence comes from) and corpus word statistics (IDF, cognates), rebuilt when the index changes.
 */
import type { Passage } from '../core/types.js';
import type { IndexService } from '../index/index.js';
import { Vocabulary } from '../text/index.js';
import type { ScopeOf } from './compose/candidates.js';

export interface CorpusView {
  sources(): string[];
  passagesOf(source: string): readonly Passage[];
  /** Changes whenever the indexed corpus changes. */
  version(): string;
}

export function corpusViewOf(service: IndexService): CorpusView {
  return {
    sources: () => service.documents().map((d) => d.source),
    passagesOf: (source) => service.passagesOf(source),
    version: () => {
      const m = service.store.manifest();
      return `${m.updatedAt}|${m.passages}`;
    },
  };
}

/** Corpus vocabulary, rebuilt lazily after the corpus changed; null for an empty corpus. */
export function vocabularyOf(corpus: CorpusView): () => Vocabulary | null {
  let cached: { version: string; vocabulary: Vocabulary | null } | null = null;
  return () => {
    const version = corpus.version();
    if (cached?.version !== version) {
      const texts = corpus.sources().flatMap((s) => corpus.passagesOf(s).map((p) => p.text));
      cached = { version, vocabulary: texts.length > 0 ? Vocabulary.fromTexts(texts) : null };
    }
    return cached.vocabulary;
  };
}

/** A passage read within its whole document (title and every passage), falling back on itself. */
export function documentScope(corpus: CorpusView): ScopeOf {
  let cache: { version: string; texts: Map<string, string> } = { version: '', texts: new Map() };
  return (passage) => {
    const version = corpus.version();
    if (cache.version !== version) cache = { version, texts: new Map() };
    let text = cache.texts.get(passage.source);
    if (text === undefined) {
      const passages = corpus.passagesOf(passage.source);
      text = passages.length > 0 ? `${passage.title}\n${passages.map((p) => p.text).join('\n')}` : `${passage.title}\n${passage.text}`;
      cache.texts.set(passage.source, text);
    }
    return text;
  };
}
