/**
 * Query analysis for both languages, producing weighted French index terms so that one scoring
 * function (dense hashing or BM25) serves French and English questions alike.
 *
 * English goes through the bilingual lexicon: multi-word phrases first (longest match), then single
 * words with their lemmas; every translation is analysed like a French document. Each English word
 * (or phrase) is one *group* whose alternatives share a fixed mass (sum of squared weights), so a
 * word with ten dictionary translations weighs no more than a word with one. The English surface
 * form is kept too (analysed as French): names, acronyms, numbers and cognates ("terrorism" →
 * terror) match the French text directly.
 */
import type { Lang } from '../core/types.js';
import type { Lexicon } from './lexicon/types.js';
import { analyzeFrenchTokens } from './french.js';
import { foldAccents } from './normalize.js';
import { stemEnglish } from './stem.js';
import { ENGLISH_STOPWORDS } from './stopwords.js';
import { DEFAULT_TOKENIZE, tokenize } from './tokenize.js';
import type { Token } from './tokenize.js';
import type { Vocabulary } from './vocabulary.js';

export type QueryTermOrigin = 'source' | 'translation' | 'surface' | 'cognate';

export interface QueryTerm {
  /** French index terms (folded stems), in order; more than one = a multi-word unit scored together. */
  stems: string[];
  /** Folded surface words behind the stems, same order. */
  words: string[];
  weight: number;
  origin: QueryTermOrigin;
  /** Index of the query word or phrase this term stands for (see QueryAnalysis.groups). */
  group: number;
}

export interface QueryGroup {
  /** The query word or phrase, lowercase. */
  text: string;
  /** Sum of the squared weights of the group's terms. */
  mass: number;
  /** Punctuation separates it from the previous group. */
  breakBefore: boolean;
  /** Number of lexicon translations used (0 for French and untranslated words). */
  translations: number;
}

export interface QueryAnalysis {
  lang: Lang;
  groups: QueryGroup[];
  terms: QueryTerm[];
}

export interface QueryAnalysisOptions {
  /** Translations kept per English word or phrase, best first. */
  maxTranslations: number;
  /** Translation i weighs decay^i before the group is normalised (the lexicon ranks best first). */
  translationDecay: number;
  /** Weight of the English surface form of a translated common word, relative to its best translation. */
  surfaceWeight: number;
  /** Same for names, acronyms and numbers (capitalised inside a sentence, all caps, digits). */
  nameSurfaceWeight: number;
  /** Look multi-word phrases up before single words. */
  phrases: boolean;
  /**
   * A matched phrase of k content words has mass phraseBoost² · k (k separate words would have k).
   * Below 1 because a phrase is closer to one concept than to k independent pieces of evidence.
   */
  phraseBoost: number;
  /** Add vocabulary words resembling an English word (needs `vocabulary`). */
  cognates: 'off' | 'untranslated' | 'all';
  /** Weight of a cognate relative to the best translation, times its similarity. */
  cognateWeight: number;
  /** Alternatives that analyse to the same stems (singular/plural entries, a cognate surface): add or keep the larger weight. */
  duplicates: 'sum' | 'max';
  vocabulary: Vocabulary | null;
}

export const DEFAULT_QUERY_ANALYSIS: QueryAnalysisOptions = {
  maxTranslations: 5,
  translationDecay: 0.7,
  surfaceWeight: 0.5,
  nameSurfaceWeight: 1,
  phrases: true,
  phraseBoost: 0.7,
  cognates: 'untranslated',
  cognateWeight: 0.7,
  duplicates: 'sum',
  vocabulary: null,
};

const BREAK = /[.!?;:()[\]«»"“”…\n\r|•–—]/;
const SENTENCE_END = /[.!?:;\n]/;

/**
 * Weighted French terms for a question. French questions are analysed like documents (weight 1 per
 * word); English ones are carried over through `lexicon` (which may be null: surface forms only).
 */
export function analyzeQuery(text: string, lang: Lang, lexicon: Lexicon | null, options: Partial<QueryAnalysisOptions> = {}): QueryAnalysis {
  const opts: QueryAnalysisOptions = { ...DEFAULT_QUERY_ANALYSIS, ...options };
  return lang === 'fr' ? analyzeFrenchQuery(text, opts) : new EnglishQuery(text, lexicon, opts).analyze();
}

function analyzeFrenchQuery(text: string, opts: QueryAnalysisOptions): QueryAnalysis {
  const groups: QueryGroup[] = [];
  const terms: QueryTerm[] = [];
  for (const t of analyzeFrenchTokens(text)) {
    if (t.compound) continue;
    const group = groups.length;
    const alternatives: Alternative[] = [{ stems: [t.term], words: [t.folded], weight: 1, origin: 'source' }];
    if (opts.cognates === 'all' && opts.vocabulary && t.kind !== 'number' && !opts.vocabulary.get(t.folded)) {
      alternatives.push(...cognates(t.folded, opts));
    }
    groups.push({ text: t.folded, mass: 1, breakBefore: t.breakBefore, translations: 0 });
    terms.push(...normaliseGroup(alternatives, 1, group, opts.duplicates));
  }
  return { lang: 'fr', groups, terms };
}

interface Alternative {
  stems: string[];
  words: string[];
  weight: number;
  origin: QueryTermOrigin;
}

interface Unit {
  token: Token;
  folded: string;
  stop: boolean;
  /** Capitalised inside a sentence, all caps, or a number: probably a name, shared across languages. */
  nameLike: boolean;
  breakBefore: boolean;
}

class EnglishQuery {
  private readonly units: Unit[] = [];
  /** Hyphenated words by the start offset of their first part. */
  private readonly compounds = new Map<number, Token>();
  private readonly groups: QueryGroup[] = [];
  private readonly terms: QueryTerm[] = [];

  constructor(
    text: string,
    private readonly lexicon: Lexicon | null,
    private readonly opts: QueryAnalysisOptions,
  ) {
    let prevEnd = -1;
    for (const token of tokenize(text, DEFAULT_TOKENIZE)) {
      if (token.compound) {
        this.compounds.set(token.start, token);
        continue;
      }
      const gap = prevEnd < 0 ? '' : text.slice(prevEnd, token.start);
      const initial = prevEnd < 0 || SENTENCE_END.test(gap);
      const folded = foldAccents(token.norm);
      const first = token.raw[0] ?? '';
      const capitalised = first !== first.toLowerCase();
      this.units.push({
        token,
        folded,
        stop: token.kind === 'word' && ENGLISH_STOPWORDS.has(folded),
        nameLike: token.kind !== 'word' || (capitalised && !initial),
        breakBefore: prevEnd >= 0 && BREAK.test(gap),
      });
      prevEnd = token.end;
    }
  }

  analyze(): QueryAnalysis {
    const units = this.units;
    let i = 0;
    while (i < units.length) {
      const consumed = this.tryCompound(i) || this.tryPhrase(i) || this.word(i);
      i += consumed;
    }
    return { lang: 'en', groups: this.groups, terms: this.terms };
  }

  /** A hyphenated word known as a whole ("counter-terrorism"); returns units consumed, 0 if not. */
  private tryCompound(i: number): number {
    const unit = this.units[i];
    const compound = unit && this.compounds.get(unit.token.start);
    if (!unit || !compound) return 0;
    let parts = 0;
    while (i + parts < this.units.length && (this.units[i + parts]?.token.start ?? Infinity) < compound.end) parts++;
    const translations = this.translate(compound.norm);
    if (translations.length === 0) return 0;
    this.emit(this.units.slice(i, i + parts), translations, true);
    return parts;
  }

  /** Longest lexicon phrase starting at unit i; returns units consumed, 0 if none. */
  private tryPhrase(i: number): number {
    if (!this.opts.phrases || !this.lexicon) return 0;
    const max = Math.min(this.lexicon.maxPhraseWords, this.units.length - i);
    for (let len = max; len >= 2; len--) {
      const span = this.units.slice(i, i + len);
      if (span[0]?.stop || span[len - 1]?.stop) continue;
      if (span.slice(1).some((u) => u.breakBefore)) continue;
      const translations = this.translatePhrase(span);
      if (translations.length > 0) {
        this.emit(span, translations, false);
        return len;
      }
    }
    return 0;
  }

  private word(i: number): number {
    const unit = this.units[i];
    if (!unit || unit.stop) return 1;
    const translations = unit.token.kind === 'number' ? [] : this.translate(unit.token.norm);
    this.emit([unit], translations, false);
    return 1;
  }

  private translatePhrase(span: Unit[]): string[] {
    const words = span.map((u) => u.token.norm);
    const direct = this.translate(words.join(' '), false);
    if (direct.length > 0) return direct;
    // "foreign fighters" is listed as "foreign fighter": inflect only the head (last) word.
    const last = words[words.length - 1] ?? '';
    for (const lemma of this.lemmas(last)) {
      const found = this.translate([...words.slice(0, -1), lemma].join(' '), false);
      if (found.length > 0) return found;
    }
    return [];
  }

  /** Translations of a word (with its lemmas) or phrase, best first, capped. */
  private translate(key: string, withLemmas = true): string[] {
    const lexicon = this.lexicon;
    if (!lexicon) return [];
    const out: string[] = [];
    const add = (list: readonly string[] | undefined) => {
      for (const t of list ?? []) if (!out.includes(t)) out.push(t);
    };
    add(lexicon.lookup(key));
    if (withLemmas) for (const lemma of this.lemmas(key)) add(lexicon.lookup(lemma));
    return out.slice(0, this.opts.maxTranslations);
  }

  /** Lexicon lemmas, else rule candidates that keep the Snowball English stem ("agencies" → agency). */
  private lemmas(word: string): string[] {
    const lexicon = this.lexicon;
    if (!lexicon || word.includes(' ')) return [];
    const known = lexicon.lemmas(word).filter((l) => l !== word);
    if (known.length > 0) return known;
    const stem = stemEnglish(word);
    return fallbackLemmas(word).filter((c) => stemEnglish(c) === stem && lexicon.lookup(c) !== undefined);
  }

  private emit(span: Unit[], translations: string[], compound: boolean): void {
    const opts = this.opts;
    const content = span.filter((u) => !u.stop);
    const group = this.groups.length;
    const alternatives: Alternative[] = [];
    translations.forEach((fr, rank) => {
      const analysed = analyzeFrenchTokens(fr).filter((t) => !t.compound);
      if (analysed.length === 0) return;
      alternatives.push({
        stems: analysed.map((t) => t.term),
        words: analysed.map((t) => t.folded),
        weight: Math.pow(opts.translationDecay, rank),
        origin: 'translation',
      });
    });
    const translated = alternatives.length > 0;
    const nameLike = content.some((u) => u.nameLike);
    const surfaceText = content.map((u) => u.token.norm).join(compound ? '-' : ' ');
    const surface = analyzeFrenchTokens(surfaceText).filter((t) => !t.compound);
    if (surface.length > 0) {
      alternatives.push({
        stems: surface.map((t) => t.term),
        words: surface.map((t) => t.folded),
        weight: !translated ? 1 : nameLike ? opts.nameSurfaceWeight : opts.surfaceWeight,
        origin: 'surface',
      });
    }
    const wantCognates = opts.cognates === 'all' || (opts.cognates === 'untranslated' && !translated);
    if (wantCognates && opts.vocabulary) {
      for (const u of content) if (u.token.kind !== 'number') alternatives.push(...cognates(u.folded, opts));
    }
    if (alternatives.length === 0) return;
    const k = Math.max(1, content.length);
    const mass = span.length > 1 && translated ? opts.phraseBoost * opts.phraseBoost * k : k;
    this.groups.push({
      text: span.map((u) => u.token.norm).join(' '),
      mass,
      breakBefore: span[0]?.breakBefore ?? false,
      translations: translations.length,
    });
    this.terms.push(...normaliseGroup(alternatives, mass, group, opts.duplicates));
  }
}

function cognates(folded: string, opts: QueryAnalysisOptions): Alternative[] {
  if (!opts.vocabulary) return [];
  return opts.vocabulary.similar(folded).map((s) => ({
    stems: [s.entry.stem],
    words: [s.entry.word],
    weight: opts.cognateWeight * s.score,
    origin: 'cognate' as const,
  }));
}

/** Merge identical alternatives, then scale so squared weights sum to `mass`. */
function normaliseGroup(alternatives: Alternative[], mass: number, group: number, duplicates: 'sum' | 'max'): QueryTerm[] {
  const merged = new Map<string, Alternative>();
  for (const a of alternatives) {
    const key = a.stems.join(' ');
    const prev = merged.get(key);
    if (prev) prev.weight = duplicates === 'sum' ? prev.weight + a.weight : Math.max(prev.weight, a.weight);
    else merged.set(key, { ...a });
  }
  let sq = 0;
  for (const a of merged.values()) sq += a.weight * a.weight;
  const scale = sq > 0 ? Math.sqrt(mass / sq) : 0;
  return [...merged.values()].map((a) => ({ stems: a.stems, words: a.words, weight: a.weight * scale, origin: a.origin, group }));
}

/** Regular English inflections undone by rule; callers keep those with the same Snowball stem. */
function fallbackLemmas(word: string): string[] {
  const out: string[] = [];
  const add = (c: string) => {
    if (c.length >= 3 && c !== word && !out.includes(c)) out.push(c);
  };
  if (word.endsWith('ies')) add(word.slice(0, -3) + 'y');
  if (word.endsWith('es')) add(word.slice(0, -2));
  if (word.endsWith('s')) add(word.slice(0, -1));
  if (word.endsWith('ied')) add(word.slice(0, -3) + 'y');
  if (word.endsWith('ed')) {
    add(word.slice(0, -2));
    add(word.slice(0, -1));
  }
  if (word.endsWith('ing')) {
    add(word.slice(0, -3));
    add(word.slice(0, -3) + 'e');
  }
  return out;
}
