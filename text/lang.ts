/**
 * Fast French/English detection for short questions. Evidence comes from function words, French
 * elisions, English possessives/contractions, French accents and a few spelling patterns. Names and
 * acronyms carry no evidence (a capitalised word inside a sentence, an all-caps word), so
 * "Jürgen Stock", "António Guterres" or "INTERPOL" never flip the decision. A tie goes to French,
 * the corpus language.
 */
import type { Lang } from '../core/types.js';
import { foldAccents, normalizeText } from './normalize.js';
import { ENGLISH_STOPWORDS, FRENCH_STOPWORDS } from './stopwords.js';
import { FRENCH_ELISIONS } from './tokenize.js';

export interface LangDetectOptions {
  /** Weight of a function word found in only one language's list. */
  functionWord: number;
  /** Weight of a French elision (l', qu') or an English 's / n't. */
  elision: number;
  /** Weight of a word carrying a French accent. */
  accent: number;
  /** Weight of a word with a spelling pattern typical of one language. */
  pattern: number;
  /** Returned when evidence is equal (or absent). */
  tie: Lang;
}

export const DEFAULT_LANG_DETECT: LangDetectOptions = { functionWord: 1, elision: 1, accent: 0.5, pattern: 0.3, tie: 'fr' };

/** Function words that belong to one language only; shared ones ("a", "on", "me", "as") prove nothing. */
const FR_ONLY = difference(FRENCH_STOPWORDS, ENGLISH_STOPWORDS);
const EN_ONLY = difference(ENGLISH_STOPWORDS, FRENCH_STOPWORDS);
/** Folded French words too short or frequent to be in the stop list but telling in a question. */
const FR_EXTRA = new Set(['quel', 'quelle', 'quels', 'quelles', 'est-ce', 'qu', 'ete', 'ont', 'sont', 'combien', 'pourquoi']);
const EN_EXTRA = new Set(['who', 'what', 'when', 'where', 'which', 'why', 'how', 'the', 'did', 'does', 'was', 'were', 'tell', 'list']);

const FRENCH_ACCENT = /[éèêëàâçùûîïôœ]/;
const EN_PATTERN = /(?:^wh|^th|th$|ing$|ght|ould|ness$|ship$|ly$|w)/;
const FR_PATTERN = /(?:eau|eaux$|aux$|eux$|oux$|ée$|ées$|ez$|qu)/;

const WORD = /[\p{L}\p{M}]+(?:['\u2019\u02bc][\p{L}\p{M}]+)*/gu;
const SENTENCE_END = /[.!?:;«»"\n]\s*$/;

export interface LangScores {
  fr: number;
  en: number;
}

export function languageScores(text: string, options: Partial<LangDetectOptions> = {}): LangScores {
  const opts: LangDetectOptions = { ...DEFAULT_LANG_DETECT, ...options };
  const norm = normalizeText(text);
  const scores: LangScores = { fr: 0, en: 0 };
  let sentenceStart = true;
  let lastEnd = 0;
  for (const m of norm.matchAll(WORD)) {
    const raw = m[0];
    if (!sentenceStart) sentenceStart = SENTENCE_END.test(norm.slice(lastEnd, m.index));
    const initial = sentenceStart || m.index === 0;
    sentenceStart = false;
    lastEnd = m.index + raw.length;
    if (isNameLike(raw, initial)) continue;
    scoreWord(raw.toLowerCase(), scores, opts);
  }
  return scores;
}

export function detectLanguage(text: string, options: Partial<LangDetectOptions> = {}): Lang {
  const opts: LangDetectOptions = { ...DEFAULT_LANG_DETECT, ...options };
  const { fr, en } = languageScores(text, opts);
  if (fr === en) return opts.tie;
  return fr > en ? 'fr' : 'en';
}

function scoreWord(lower: string, scores: LangScores, opts: LangDetectOptions): void {
  const apostrophe = lower.indexOf("'");
  let word = lower;
  if (apostrophe > 0) {
    const head = lower.slice(0, apostrophe);
    const tail = lower.slice(apostrophe + 1);
    if (FRENCH_ELISIONS.has(head)) {
      scores.fr += opts.elision;
      word = tail;
    } else if (tail === 's' || tail === 't' || tail === 're' || tail === 've' || tail === 'll' || tail === 'd' || tail === 'm') {
      scores.en += opts.elision;
      word = head;
    }
  }
  const folded = foldAccents(word);
  if (FR_ONLY.has(folded) || FR_EXTRA.has(folded)) scores.fr += opts.functionWord;
  else if (EN_ONLY.has(folded) || EN_EXTRA.has(folded)) scores.en += opts.functionWord;
  if (FRENCH_ACCENT.test(word)) scores.fr += opts.accent;
  if (folded.length >= 3) {
    if (EN_PATTERN.test(folded)) scores.en += opts.pattern;
    if (FR_PATTERN.test(folded)) scores.fr += opts.pattern;
  }
}

/** Acronyms anywhere, and capitalised words not opening a sentence, are names: no evidence. */
function isNameLike(raw: string, initial: boolean): boolean {
  const first = raw[0] ?? '';
  const isUpper = first !== first.toLowerCase();
  if (!isUpper) return false;
  if (raw.length >= 2 && raw === raw.toUpperCase()) return true;
  return !initial;
}

function difference(a: ReadonlySet<string>, b: ReadonlySet<string>): ReadonlySet<string> {
  const out = new Set<string>();
  for (const x of a) if (!b.has(x)) out.add(x);
  return out;
}
