/**
 * Names written in a sentence, as answers to "who / where / which organisation" questions:
 *   person  « M. Stock », « António Guterres », « Yury Fedotov » — after a civility title, or two and
 *           more adjacent capitalised words that are neither acronyms nor institution words;
 *   body    an acronym (« ONUDC », « AFRIPOL »), or a capitalised institution name (« Conseil de
 *           sécurité », « Union européenne ») with its acronym in brackets when one follows;
 *   place   a capitalised run after « à / au / aux / en / dans / in / at » (« à New York », « en
 *           France »), or « au siège de … ».
 * Runs of persons joined by « et / , / and » form one group ("MM. António Guterres et Jürgen Stock")
 * so that "who met?" gets both.
 */
import { ENGLISH_STOPWORDS, FRENCH_STOPWORDS } from '../../text/index.js';

export type NameKind = 'person' | 'body' | 'place';

export interface NameCandidate {
  kind: NameKind;
  start: number;
  end: number;
  /** Verbatim text (without the civility title or the place preposition). */
  text: string;
  /** Folded words of the name (to skip names the question already gives). */
  words: string[];
  /** The place preposition as written ("à", "au siège de"), for places. */
  prep: string | null;
  /** A body named only with institution words ("Conseil de sécurité", "Bureau du Représentant"). */
  generic?: boolean;
  /** A seat with its city (« au siège des Nations Unies à New York »): the body's and the city's names. */
  body?: string;
  city?: string;
}

/** Capitalised by convention without naming anyone in particular (folded). */
const COMMON = new Set(
  (
    'etat etats nation nations unie unies uni conseil assemblee generale general generaux secretaire secretaires secretariat ' +
    'organisation organisations bureau bureaux comite comites programme programmes objectif objectifs commission office agence agences ' +
    'communaute union direction departement division service services fonds cour tribunal parlement gouvernement republique royaume ' +
    'ministre ministres ministere president presidente directeur directrice representant representante special speciale centre groupe ' +
    'pacte convention session sommet forum accord partenariat dialogue monsieur madame m mm mme mlle dr pr photo ' +
    'united nation nations general assembly security council secretary secretaries secretariat office special representative ' +
    'committee commission agency department division service services fund court parliament government republic kingdom ' +
    'minister ministry president director centre center group compact convention session summit forum agreement dialogue mr mrs ms ' +
    'le la les l un une des du de lors selon dans en au aux a pour par avec sur the a an in on at for by with according during ' +
    'janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre january february march april may june july august september october november december ' +
    'lundi mardi mercredi jeudi vendredi samedi dimanche monday tuesday wednesday thursday friday saturday sunday'
  ).split(' '),
);
const TITLE = /(?:^|[\s(,;:«“"])(?:M|MM|Mme|Mmes|Mlle|Mr|Mrs|Ms|Dr|Pr|Me|Sir|Dame|Lord)\.?[\s\u00a0]+$/u;
const TITLE_WORDS = new Set(['m', 'mm', 'mme', 'mmes', 'mlle', 'mr', 'mrs', 'ms', 'dr', 'pr', 'me', 'sir', 'dame', 'lord']);
const PLACE_PREP = /(?:^|[\s(,;:])(à|au|aux|en|dans|depuis|in|at|from)[\s\u00a0]+$/iu;
const SEAT_PREP = /(?:^|[\s(,;:])((?:au|le|du)\s+siège\s+(?:de\s+l['’]|de\s+la\s+|des\s+|du\s+|de\s+)|at\s+(?:the\s+)?(?:\w+\s+)?headquarters\s+of\s+(?:the\s+)?)$/iu;
const PARTICLE = /^(?:de|du|des|d['’]|van|von|der|den|da|di|del|della|dos|das|bin|ben|al|el|la|le|y|of|the|for)$/i;
const WORD = /[\p{L}][\p{L}\p{M}'’.-]*/gu;

interface W {
  text: string;
  start: number;
  end: number;
  folded: string;
  capital: boolean;
  acronym: boolean;
  initial: boolean;
}

function fold(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[’]/g, "'")
    .replace(/\.$/, '');
}

function wordsOf(text: string): W[] {
  const out: W[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    let raw = m[0];
    let start = m.index;
    // Elided article glued to a name: « l’ONUDC », « d’INTERPOL ».
    const elided = /^(?:[ldLD]|qu|Qu|jusqu)['’](?=\p{L})/u.exec(raw);
    if (elided) {
      start += elided[0].length;
      raw = raw.slice(elided[0].length);
    }
    // A trailing period ends the sentence unless the word is an abbreviation ("M.", "J.").
    if (raw.endsWith('.') && raw.length > 2) raw = raw.slice(0, -1);
    const first = raw[0] ?? '';
    const capital = first !== first.toLowerCase();
    const letters = raw.replace(/[^\p{L}]/gu, '');
    const acronym = letters.length >= 2 && letters === letters.toUpperCase() && /\p{Lu}/u.test(letters);
    const initial = start === 0 || /(?:^|[.!?:;«»"“”\n(–—])\s*$/.test(text.slice(Math.max(0, start - 3), start)) && !/\b(?:M|MM|Mme|Dr|Mr)\.\s*$/.test(text.slice(Math.max(0, start - 5), start));
    out.push({ text: raw, start, end: start + raw.length, folded: fold(raw), capital, acronym, initial });
  }
  return out;
}

/** Names of `text` in text order. `persons`: folded words known as people's names elsewhere (the passage). */
export function findNames(text: string, persons: ReadonlySet<string> = new Set()): NameCandidate[] {
  const words = wordsOf(text);
  const out: NameCandidate[] = [];
  let i = 0;
  while (i < words.length) {
    const w = words[i]!;
    // Function words are capitalised only at a sentence start ("Lors", "Le"): never a name's start.
    if (!w.capital || isFunctionWord(w.folded)) {
      i++;
      continue;
    }
    // A capitalised word opening a sentence is a name only when a name word follows ("Yury Fedotov a…"),
    // or it is an acronym or a person's name known from elsewhere in the passage.
    const follower = words[i + 1];
    if (w.initial && !w.acronym && !persons.has(w.folded)) {
      const nameFollows = follower && follower.capital && !follower.acronym && !COMMON.has(follower.folded) && /^[\s\u00a0]+$/.test(text.slice(w.end, follower.start));
      if (!nameFollows) {
        i++;
        continue;
      }
    }
    // A run of capitalised words, particles allowed between two of them ("Office des Nations Unies").
    let j = i;
    // An acronym stands alone: « d'INTERPOL Juergen Stock » is a body, then a person.
    while (!w.acronym && j + 1 < words.length) {
      const next = words[j + 1]!;
      const gap = text.slice(words[j]!.end, next.start);
      if (!/^[\s\u00a0-]+$/.test(gap) && !/^[\s\u00a0]*['’][\s\u00a0]*$/.test(gap)) break;
      if (next.capital && !next.acronym) {
        j++;
        continue;
      }
      // Particle then a capitalised word: « Charles de Gaulle », « Conseil de sécurité » is not (lowercase).
      const after = words[j + 2];
      if (PARTICLE.test(next.text) && after && after.capital && !after.acronym && /^[\s\u00a0]+$/.test(text.slice(next.end, after.start))) {
        j += 2;
        continue;
      }
      break;
    }
    let run = words.slice(i, j + 1);
    // « Mme Claire Dubois », « M. Stock »: the title says a person follows; it is not part of the name.
    let titledRun = false;
    while (run.length > 1 && TITLE_WORDS.has(run[0]!.folded)) {
      run = run.slice(1);
      titledRun = true;
    }
    const start = run[0]!.start;
    const end = run[run.length - 1]!.end;
    const runText = text.slice(start, end);
    const before = text.slice(Math.max(0, start - 40), start);
    const significant = run.filter((r) => !COMMON.has(r.folded) && !PARTICLE.test(r.text));
    const seat = SEAT_PREP.exec(before);
    const place = PLACE_PREP.exec(before);
    if (seat) {
      // « au siège des Nations Unies à New York »: the seat and its city, one place.
      const city = /^[\s\u00a0]+(?:à|in)[\s\u00a0]+((?:\p{Lu}[\p{L}\p{M}'’-]*)(?:[\s\u00a0-]+\p{Lu}[\p{L}\p{M}'’-]*)*)/u.exec(text.slice(end));
      const stop = city ? end + city[0].length : end;
      out.push({ kind: 'place', start, end: stop, text: text.slice(start, stop), words: run.map((r) => r.folded), prep: seat[1]!.trim(), ...(city ? { city: city[1]!, body: runText } : {}) });
      if (city) {
        while (j + 1 < words.length && words[j + 1]!.start < stop) j++;
      }
    } else if (place && !run[0]!.acronym && significant.length > 0) {
      out.push({ kind: 'place', start, end, text: runText, words: run.map((r) => r.folded), prep: place[1]!.toLowerCase() });
    } else if (run.length === 1 && run[0]!.acronym) {
      out.push({ kind: 'body', start, end, text: runText, words: [run[0]!.folded], prep: null, generic: false });
    } else if (significant.length === 0) {
      // Only institution words ("Conseil de sécurité", "Secrétaire général"): a body when two or more.
      if (run.length >= 2) out.push({ kind: 'body', start, end, text: runText, words: run.map((r) => r.folded), prep: null, generic: true });
    } else {
      const titled = titledRun || TITLE.test(text.slice(Math.max(0, start - 6), start));
      const allNames = run.every((r) => !COMMON.has(r.folded) && !r.acronym) && run.filter((r) => !PARTICLE.test(r.text)).length >= 2;
      const known = run.some((r) => persons.has(r.folded));
      if ((titled || allNames || known) && !run.some((r) => r.acronym)) {
        out.push({ kind: 'person', start, end, text: runText, words: run.filter((r) => !PARTICLE.test(r.text)).map((r) => r.folded), prep: null });
      } else if (run.length >= 2 && !run.some((r) => r.acronym)) {
        // A capitalised name that is not a person's ("Union européenne" stops at the lowercase word,
        // so single words are left out: "Mécanisme" of « Mécanisme africain … (AFRIPOL) »).
        out.push({ kind: 'body', start, end, text: runText, words: run.map((r) => r.folded), prep: null, generic: false });
      } else {
        for (const r of run) if (r.acronym) out.push({ kind: 'body', start: r.start, end: r.end, text: r.text, words: [r.folded], prep: null, generic: false });
      }
    }
    i = j + 1;
  }
  return out;
}

function isFunctionWord(folded: string): boolean {
  return FRENCH_STOPWORDS.has(folded) || ENGLISH_STOPWORDS.has(folded) || /^(?:lors|selon|outre|apres|avant|depuis|pendant|according|during|following|after|before|since)$/.test(folded);
}

/**
 * Person candidates joined into groups: « MM. António Guterres et Jürgen Stock » → one group;
 * persons separated by other words stay apart. Returns the groups' spans over `text`.
 */
export function personGroups(text: string, names: readonly NameCandidate[]): NameCandidate[][] {
  const groups: NameCandidate[][] = [];
  for (const n of names) {
    if (n.kind !== 'person') continue;
    const last = groups[groups.length - 1];
    const prev = last?.[last.length - 1];
    const gap = text.slice(prev?.end ?? 0, n.start);
    // "A et B", "A, B and C", and coordinated appositions: « Yury Fedotov, et le Secrétaire général d'INTERPOL, Juergen Stock ».
    const joined = /^[\s\u00a0]*(?:,|et|and|&|,\s*et|,\s*and)[\s\u00a0]*(?:(?:M|MM|Mme|Mr|Mrs|Ms|Dr)\.?[\s\u00a0]+)?$/iu.test(gap);
    const apposed = /^[\s\u00a0]*,?[\s\u00a0]*(?:et|and)[\s\u00a0]+[^.;:!?«»"“”()]{0,80},[\s\u00a0]*(?:(?:M|MM|Mme|Mr|Mrs|Ms|Dr)\.?[\s\u00a0]+)?$/iu.test(gap);
    if (prev && (joined || apposed)) last!.push(n);
    else groups.push([n]);
  }
  return groups;
}
