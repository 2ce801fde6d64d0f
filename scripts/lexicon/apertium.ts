/**
 * English → French through Spanish with Apertium's bilingual dictionaries (eng-spa, then es-fr),
 * plus the English form → lemma pairs of Apertium's English analyser.
 */
import { enumerateAttPaths, parseAnalysis } from './att.js';
import { cleanEnglish, cleanFrench } from './clean.js';

/** Content parts of speech worth carrying across; function words are the tokenizer's business. */
const CONTENT_POS = new Set(['n', 'vblex', 'adj', 'adv']);

/** source lemma + POS → target lemmas, in dictionary order. */
export type Bidix = Map<string, string[]>;

const bidixKey = (lemma: string, pos: string): string => `${lemma}\u0000${pos}`;

function posOf(tags: readonly string[], placeNamesOnly: boolean): string | undefined {
  const pos = tags[0];
  if (pos === undefined) return undefined;
  if (CONTENT_POS.has(pos)) return pos;
  // Place names translate ("Germany" → "Allemagne"); person and brand names do not. Only eng-spa
  // marks places (<np><loc>); es-fr does not, and is only reached through eng-spa anyway.
  if (pos === 'np' && (!placeNamesOnly || tags[1] === 'loc')) return 'np';
  return undefined;
}

/**
 * Reads a bilingual dictionary from its `lt-print` dump. `placeNamesOnly` keeps, of the proper
 * nouns, only those tagged as places.
 */
export function readBidix(att: string, placeNamesOnly: boolean): Bidix {
  const bidix: Bidix = new Map();
  for (const path of enumerateAttPaths(att)) {
    const src = parseAnalysis(path.input);
    const tgt = parseAnalysis(path.output);
    const pos = posOf(src.tags, placeNamesOnly);
    if (!pos || src.lemma.length === 0 || tgt.lemma.length === 0 || /\d/.test(src.lemma)) continue;
    const key = bidixKey(src.lemma, pos);
    const list = bidix.get(key);
    if (!list) bidix.set(key, [tgt.lemma]);
    else if (!list.includes(tgt.lemma)) list.push(tgt.lemma);
  }
  return bidix;
}

export interface PivotTranslation {
  fr: string;
  /** Rank of the Spanish word among the English word's translations (0 = first). */
  enRank: number;
  /** Rank of the French word among the Spanish word's translations. */
  esRank: number;
  /** French → Spanish → English leads back to the English word. */
  roundTrip: boolean;
}

export interface PivotInput {
  engSpa: Bidix;
  spaFra: Bidix;
  /** Reverse directions, for the round-trip check. */
  fraSpa: Bidix;
  spaEng: Bidix;
}

/** English key → French translations through Spanish, in (enRank, esRank) order. */
export function pivot(input: PivotInput): Map<string, PivotTranslation[]> {
  const out = new Map<string, PivotTranslation[]>();
  for (const [key, spanish] of input.engSpa) {
    const [enLemma, pos] = key.split('\u0000') as [string, string];
    const en = cleanEnglish(enLemma);
    if (!en) continue;
    const list = out.get(en) ?? [];
    spanish.forEach((es, enRank) => {
      const french = input.spaFra.get(bidixKey(es, pos)) ?? [];
      french.forEach((frLemma, esRank) => {
        const fr = cleanFrench(frLemma);
        if (!fr || list.some((t) => t.fr === fr)) return;
        list.push({ fr, enRank, esRank, roundTrip: roundTrips(input, frLemma, pos, enLemma) });
      });
    });
    if (list.length > 0) {
      list.sort((a, b) => a.enRank - b.enRank || a.esRank - b.esRank);
      out.set(en, list);
    }
  }
  return out;
}

function roundTrips(input: PivotInput, fr: string, pos: string, en: string): boolean {
  for (const es of input.fraSpa.get(bidixKey(fr, pos)) ?? []) {
    if ((input.spaEng.get(bidixKey(es, pos)) ?? []).includes(en)) return true;
  }
  return false;
}

export interface AnalyserListing {
  /** Lowercase surface form → lowercase lemmas, in listing order. */
  forms: Map<string, string[]>;
  /** Lowercase lemma → its parts of speech ("n", "vblex", "adj", …). */
  lemmaPos: Map<string, Set<string>>;
}

/**
 * Reads an `lt-paradigm -a` listing of the English analyser ("meet<vblex><past>:met"). Proper
 * nouns and contractions ("doesn't" = do+not) are skipped.
 */
export function readAnalyserListing(listing: string): AnalyserListing {
  const forms = new Map<string, string[]>();
  const lemmaPos = new Map<string, Set<string>>();
  for (const line of listing.split('\n')) {
    const colon = line.lastIndexOf(':');
    if (colon <= 0) continue;
    const analysis = line.slice(0, colon);
    const surfaceRaw = line.slice(colon + 1);
    if (analysis.includes('+') || /[\s'ʼ’]/.test(surfaceRaw)) continue;
    const { lemma, tags } = parseAnalysis(analysis);
    const pos = tags[0];
    if (pos === undefined || pos === 'np' || lemma.length === 0 || /[^\p{L}-]/u.test(lemma)) continue;
    // Lowercase both sides: the runtime sees lowercased query words.
    const surface = surfaceRaw.toLowerCase();
    const base = lemma.toLowerCase();
    const list = forms.get(surface);
    if (!list) forms.set(surface, [base]);
    else if (!list.includes(base)) list.push(base);
    const posSet = lemmaPos.get(base);
    if (!posSet) lemmaPos.set(base, new Set([pos]));
    else posSet.add(pos);
  }
  return { forms, lemmaPos };
}
