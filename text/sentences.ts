/**
 * French-aware sentence splitting over cleaned text, as offsets (so passages can quote it
 * verbatim). A line break always ends a sentence (headings, list items, captions are lines).
 * Inside a line a sentence ends at . ! ? … (plus closing » ” ) ]) followed by whitespace and a
 * sentence start (capital, digit, opening quote). It does not end:
 *   - after abbreviations and titles (M. Stock, MM., Mme, Dr., p. ex., cf., art., n°, No.)
 *     or initials (J. Stock, J.-P.), dotted acronyms (O.N.U.);
 *   - inside « … » when the closing guillemet after the punctuation is followed by the rest of the
 *     sentence (« … demain ! », a conclu M. Stock.);
 *   - inside numbers and URLs (1.5, 4,5, 43 000, 10h30, www.interpol.int): no space after the dot;
 *   - at ; or : (they join clauses in French);
 *   - at an ellipsis followed by lower case, or an elision mark (…) / […].
 * "etc." ends a sentence when a capital follows: that is its usual place at the end of a list.
 */

export interface SentenceOptions {
  /** Abbreviations written with a final period that never end a sentence (exact case). */
  abbreviations: readonly string[];
  /** Same, compared in lower case. */
  abbreviationsAnyCase: readonly string[];
  /** A whole line at most this long, not ending like a sentence, is a heading. */
  headingMaxChars: number;
}

export const DEFAULT_SENTENCES: SentenceOptions = {
  abbreviations: [
    'M', 'MM', 'Mme', 'Mmes', 'Mlle', 'Mlles', 'Me', 'Mes', 'Mgr', 'Dr', 'Drs', 'Pr', 'Prof', 'St', 'Ste', 'Sts',
    'Mr', 'Mrs', 'Ms', 'Messrs', 'Jr', 'Sr', 'Gen', 'Gal', 'Col', 'Cpt', 'Lt', 'Sgt', 'Cie', 'Co', 'Inc', 'Ltd',
    'No', 'Nos', 'Vol', 'Art', 'Fig', 'Éd', 'Ed', 'Chap',
  ],
  abbreviationsAnyCase: [
    'cf', 'p', 'pp', 'ex', 'art', 'al', 'av', 'apr', 'env', 'vol', 'chap', 'fig', 'éd', 'coll', 'ibid', 'op', 'cit',
    'n', 'no', 'nos', 'réf', 'ref', 'tél', 'tel', 'bd', 'boul', 'fg', 'hab', 'min', 'max', 'mm', 'cm', 'km',
    'janv', 'févr', 'fév', 'avr', 'juil', 'sept', 'oct', 'nov', 'déc', 'jan', 'feb', 'mar', 'jun', 'jul', 'aug', 'sep', 'dec',
    'vs', 'viz', 'approx', 'dept', 'dép', 'resp', 'suppl', 'éq', 'sq', 'sqq', 'i.e', 'e.g', 'p.ex', 'c.-à-d', 'c.à.d',
  ],
  headingMaxChars: 150,
};

export interface SentenceSpan {
  start: number;
  end: number;
  /** The sentence is a whole line that reads as a heading / title / dateline (no final punctuation). */
  heading: boolean;
}

const TERMINAL = new Set(['.', '!', '?', '…']);
const CLOSERS = new Set(['»', '"', '”', '’', ')', ']', '›']);
const SPACE = /[\s\u00A0\u202F]/u;
const SENTENCE_START = /[\p{Lu}\p{Lt}\p{N}«"“(\[¿¡—–-]/u;
const WORD_BEFORE = /([\p{L}\p{N}]+(?:[.-][\p{L}\p{N}]+)*)$/u;

export function splitSentences(text: string, options: Partial<SentenceOptions> = {}): SentenceSpan[] {
  const opts: SentenceOptions = { ...DEFAULT_SENTENCES, ...options };
  const exact = new Set(opts.abbreviations);
  const anyCase = new Set(opts.abbreviationsAnyCase.map((a) => a.toLowerCase()));
  const out: SentenceSpan[] = [];

  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    splitLine(text, lineStart, lineEnd, exact, anyCase, opts, out);
    lineStart = lineEnd + 1;
  }
  return out;
}

function splitLine(
  text: string,
  from: number,
  to: number,
  exact: Set<string>,
  anyCase: Set<string>,
  opts: SentenceOptions,
  out: SentenceSpan[],
): void {
  let ls = from;
  let le = to;
  while (ls < le && SPACE.test(text[ls]!)) ls++;
  while (le > ls && SPACE.test(text[le - 1]!)) le--;
  if (ls === le) return;

  const pieces: [number, number][] = [];
  let start = ls;
  let i = ls;
  while (i < le) {
    if (!TERMINAL.has(text[i]!)) {
      i++;
      continue;
    }
    // Run of terminal punctuation ("?!", "...", "…"), then closing quotes/brackets, possibly NBSP-spaced ("demain. »").
    let j = i;
    while (j < le && TERMINAL.has(text[j]!)) j++;
    const run = text.slice(i, j);
    let closed = false;
    for (;;) {
      let k = j;
      while (k < le && SPACE.test(text[k]!) && k - j < 2) k++;
      if (k < le && CLOSERS.has(text[k]!)) {
        j = k + 1;
        closed = true;
      } else break;
    }
    let n = j;
    while (n < le && SPACE.test(text[n]!)) n++;
    if (n >= le || n === j || !SENTENCE_START.test(text[n]!) || !endsSentence(text, ls, i, run, closed, exact, anyCase)) {
      i = j > i ? j : i + 1;
      continue;
    }
    pieces.push([start, j]);
    start = n;
    i = n;
  }
  pieces.push([start, le]);

  for (const [s, e] of pieces) {
    let a = s;
    let b = e;
    while (a < b && SPACE.test(text[a]!)) a++;
    while (b > a && SPACE.test(text[b - 1]!)) b--;
    if (a === b) continue;
    const heading = pieces.length === 1 && isHeadingLike(text.slice(a, b), opts.headingMaxChars);
    out.push({ start: a, end: b, heading });
  }
}

/** Punctuation at text[i..] followed by a capital: is it really the end of a sentence? */
function endsSentence(
  text: string,
  lineStart: number,
  i: number,
  run: string,
  closed: boolean,
  exact: Set<string>,
  anyCase: Set<string>,
): boolean {
  const isEllipsis = run === '…' || run.startsWith('...');
  if (isEllipsis) {
    // "(…)" / "[…]" mark words left out of a quotation: the sentence goes on.
    const before = text[i - 1];
    return !(before === '(' || before === '[');
  }
  if (run !== '.' || closed) return true; // ! ? ?! and "word. »" end sentences
  const word = WORD_BEFORE.exec(text.slice(lineStart, i))?.[1];
  if (word === undefined) return true;
  if (exact.has(word) || anyCase.has(word.toLowerCase())) return false;
  // Initials and dotted acronyms: J. Stock, J.-P. Dupont, O.N.U.
  if (/^\p{Lu}$/u.test(word)) return false;
  if (/^(?:\p{L}{1,2}[.-])+\p{L}{1,2}$/u.test(word)) return false;
  return true;
}

/** A short line that does not end like a sentence: title, section heading, dateline. */
export function isHeadingLike(line: string, maxChars: number = DEFAULT_SENTENCES.headingMaxChars): boolean {
  const t = line.trim();
  if (t.length === 0 || t.length > maxChars) return false;
  if (!/\p{L}/u.test(t)) return false;
  return !/[.;:,…»"”]$/u.test(t);
}
