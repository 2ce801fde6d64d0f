/**
 * Query-side expansions on top of the shared analysis (text/query.ts), all corpus- or
 * language-general:
 * - number words gain their digits ("sixième" → 6; the index does the same for passages);
 * - an acronym the corpus defines gains its long form as a phrase ("ONU" → "Organisation des
 *   Nations Unies"), and a long form (or its last words: "Nations Unies") in the question is
 *   merged into one group that also accepts the acronym;
 * - consecutive name words ("Jürgen Stock", "António Guterres") become one group: a phrase, with
 *   each word alone as a weaker alternative, so a two-word name counts as one concept rather
 *   than two independent matches, and "Juergen Stock" still matches through "Stock".
 */
import type { QueryAnalysis, QueryGroup, QueryTerm, QueryTermOrigin } from '../../text/index.js';
import { foldAccents, numberWordValue } from '../../text/index.js';
import type { AcronymTable } from './acronyms.js';
import type { GroupInfo } from './query.js';

export interface ExpandOptions {
  numberWords: boolean;
  acronyms: boolean;
  mergeNames: boolean;
  /** Weight of one word of a merged name or long form, relative to the whole phrase. */
  partWeight: number;
  /** Mass of a merged group of k words: massPerWord · k (a French word has mass 1). */
  massPerWord: number;
  /** Weight (relative to the acronym) of the trailing parts of its long form; 0 = off. */
  longFormSuffixes: number;
}

export const DEFAULT_EXPAND: ExpandOptions = { numberWords: true, acronyms: true, mergeNames: true, partWeight: 0.5, massPerWord: 0.5, longFormSuffixes: 0.5 };

interface Alt {
  stems: string[];
  words: string[];
  weight: number;
  origin: QueryTermOrigin;
}

interface Work {
  group: QueryGroup;
  info: GroupInfo;
  alts: Alt[];
}

export function expandQuestion(
  analysis: QueryAnalysis,
  infos: readonly GroupInfo[],
  acronyms: AcronymTable | null,
  options: Partial<ExpandOptions> = {},
): { analysis: QueryAnalysis; groups: GroupInfo[] } {
  const o: ExpandOptions = { ...DEFAULT_EXPAND, ...options };
  let work: Work[] = analysis.groups.map((group, i) => ({
    group,
    info: infos[i]!,
    alts: analysis.terms.filter((t) => t.group === i).map((t) => ({ stems: [...t.stems], words: [...t.words], weight: t.weight, origin: t.origin })),
  }));

  for (const w of work) {
    const single = !w.group.text.includes(' ');
    const top = Math.max(0, ...w.alts.map((a) => a.weight));
    if (o.numberWords && single) {
      const digits = numberWordValue(foldAccents(w.group.text));
      if (digits !== undefined) w.alts.push({ stems: [digits], words: [digits], weight: top, origin: 'surface' });
    }
    if (o.acronyms && acronyms && single) {
      const folded = foldAccents(w.group.text);
      // French derives adjectives from acronyms with -ien ("onusien", "otanienne"): the acronym itself.
      // (with a linking s: "onu-s-ien").
      const base = /^([a-z]{2,7})(?:iens?|iennes?)$/.exec(folded)?.[1];
      const short = base === undefined ? undefined : [base, base.replace(/s$/, '')].find((b) => b.length >= 2 && acronyms.longForm(b) !== undefined);
      if (short) w.alts.push({ stems: [short], words: [short], weight: top, origin: 'surface' });
      const long = acronyms.longForm(folded);
      if (long) {
        w.alts.push({ stems: [...long], words: [...long], weight: top * 0.9, origin: 'surface' });
        // Texts shorten long forms from the left ("des Nations Unies" for the ONU): trailing parts
        // keeping more than half of the words (and at least two) stand in too, a little weaker.
        if (o.longFormSuffixes > 0) {
          const keep = Math.max(2, Math.floor(long.length / 2) + 1);
          for (let s = 1; long.length - s >= keep; s++) w.alts.push({ stems: long.slice(s), words: long.slice(s), weight: top * o.longFormSuffixes, origin: 'surface' });
        }
      }
    }
  }
  if (o.acronyms && acronyms) work = mergeLongForms(work, acronyms, o);
  if (o.mergeNames) work = mergeNames(work, o);

  const groups: QueryGroup[] = [];
  const terms: QueryTerm[] = [];
  const infosOut: GroupInfo[] = [];
  work.forEach((w, g) => {
    groups.push(w.group);
    const stems = new Set<string>();
    for (const a of w.alts) {
      terms.push({ stems: a.stems, words: a.words, weight: a.weight, origin: a.origin, group: g });
      for (const s of a.stems) stems.add(s);
    }
    infosOut.push({ ...w.info, stems });
  });
  return { analysis: { lang: analysis.lang, groups, terms }, groups: infosOut };
}

/** The group's main single-stem alternative (its own word or best translation). */
function primaryStem(w: Work): string | undefined {
  let best: Alt | undefined;
  for (const a of w.alts) if (a.stems.length === 1 && (!best || a.weight > best.weight)) best = a;
  return best?.stems[0];
}

function mergeLongForms(work: Work[], acronyms: AcronymTable, o: ExpandOptions): Work[] {
  // Long forms and their trailing parts of ≥ 2 words ("nation uni" of "organis nation uni").
  const keys = new Map<string, { short: string; long: readonly string[] }>();
  for (const [short, long] of acronyms.entries()) {
    for (let s = 0; s + 2 <= long.length; s++) {
      const key = long.slice(s).join(' ');
      if (!keys.has(key)) keys.set(key, { short, long });
    }
  }
  if (keys.size === 0) return work;
  const out: Work[] = [];
  let i = 0;
  while (i < work.length) {
    let merged = false;
    for (let len = Math.min(8, work.length - i); len >= 2 && !merged; len--) {
      const span = work.slice(i, i + len);
      if (span.slice(1).some((w) => w.group.breakBefore)) continue;
      const stems = span.map(primaryStem);
      if (stems.some((s) => s === undefined)) continue;
      const found = keys.get(stems.join(' '));
      if (!found) continue;
      out.push(merge(span, [{ stems: stems as string[], words: stems as string[], weight: 1, origin: 'source' }, { stems: [found.short], words: [found.short], weight: 1, origin: 'surface' }], true, o));
      i += len;
      merged = true;
    }
    if (!merged) out.push(work[i++]!);
  }
  return out;
}

function isNameWord(w: Work): boolean {
  return w.info.entity && !w.info.acronym && w.info.numbers.length === 0 && !w.group.text.includes(' ');
}

function mergeNames(work: Work[], o: ExpandOptions): Work[] {
  const out: Work[] = [];
  let i = 0;
  while (i < work.length) {
    let j = i;
    while (j < work.length && isNameWord(work[j]!) && (j === i || !work[j]!.group.breakBefore)) j++;
    if (j - i >= 2) {
      const span = work.slice(i, j);
      const stems = span.map(primaryStem);
      if (stems.every((s) => s !== undefined)) {
        out.push(merge(span, [{ stems: stems as string[], words: stems as string[], weight: 1, origin: 'source' }], true, o));
        i = j;
        continue;
      }
    }
    out.push(work[i++]!);
  }
  return out;
}

/** One group for a span: the given whole-span alternatives plus each part's, weaker. */
function merge(span: Work[], whole: Alt[], entity: boolean, o: ExpandOptions): Work {
  const alts: Alt[] = [...whole];
  for (const w of span) {
    const top = Math.max(0, ...w.alts.map((a) => a.weight));
    for (const a of w.alts) alts.push({ ...a, weight: top > 0 ? (o.partWeight * a.weight) / top : 0 });
  }
  const mass = o.massPerWord * span.length;
  // Same stems twice (a part equal to the whole): keep the larger weight.
  const unique = new Map<string, Alt>();
  for (const a of alts) {
    const key = a.stems.join(' ');
    const prev = unique.get(key);
    if (!prev || a.weight > prev.weight) unique.set(key, a);
  }
  let sq = 0;
  for (const a of unique.values()) sq += a.weight * a.weight;
  const scale = sq > 0 ? Math.sqrt(mass / sq) : 0;
  const first = span[0]!;
  return {
    group: {
      text: span.map((w) => w.group.text).join(' '),
      mass,
      breakBefore: first.group.breakBefore,
      translations: span.reduce((n, w) => n + w.group.translations, 0),
    },
    info: {
      text: span.map((w) => w.info.text).join(' '),
      stems: new Set(),
      entity: entity || span.every((w) => w.info.entity),
      acronym: false,
      numbers: span.flatMap((w) => w.info.numbers),
    },
    alts: [...unique.values()].map((a) => ({ ...a, weight: a.weight * scale })),
  };
}
