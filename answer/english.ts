/**
 * English renderings for English questions answered from French documents, without an LLM: each
 * quoted French sentence goes through the offline translator (text/translate.ts, Apertium
 * French → Spanish → English) and the short answer's plan (answer/short/short-answer.ts) is
 * completed — its dates and numbers are already English, its common words are translated here in
 * the same batch. The French sentences stay what is cited; the renderings are labelled as machine
 * translation by the composer.
 *
 * Rule-based translation leaks a few things a reader should not see: French number notation
 * ("4,5", "43 000"), the Spanish pivot's words for large numbers ("millardos"), and Spanish names
 * of places the English side does not know ("Ginebra"). Numbers are rewritten; a translated name is
 * kept only when it is the input itself, confirmed by the bilingual lexicon, or at least as long as
 * the French (otherwise the French name is shown: a name is better untranslated than wrong).
 */
import type { Lexicon, Translator } from '../text/index.js';
import type { EnglishSegment, ShortAnswerPlan } from './short/short-answer.js';

export interface EnglishRendering {
  /** One per quote, same order. */
  translations: string[];
  /** The English short answer (parts joined), null without a plan. */
  short: string | null;
}

/** Quotes and short-answer pieces translated in one batch (one round trip through the engine). */
export async function renderEnglish(
  quotes: readonly string[],
  plan: ShortAnswerPlan | null,
  translator: Translator,
  lexicon: Lexicon | null,
  signal?: AbortSignal,
): Promise<EnglishRendering> {
  const pieces: string[] = [];
  const collect = (segments: readonly EnglishSegment[]) => {
    for (const s of segments) {
      if (!('translate' in s)) continue;
      pieces.push(s.translate);
      if (s.orElse) collect(s.orElse);
    }
  };
  for (const part of plan?.parts ?? []) collect(part.english);
  const out = await translator.translate([...quotes, ...pieces], signal ? { signal } : {});
  const translations = out.slice(0, quotes.length).map(fixNumbers);
  const translated = new Map<string, string>();
  pieces.forEach((p, i) => translated.set(p, fragment(p, out[quotes.length + i] ?? p, lexicon)));
  return { translations, short: plan ? shortText(plan, (s) => translated.get(s) ?? s) : null };
}

/** The English short answer with untranslated pieces left in French (no translator). */
export function englishShortWithoutTranslator(plan: ShortAnswerPlan): string {
  return shortText(plan, null);
}

function shortText(plan: ShortAnswerPlan, translate: ((french: string) => string) | null): string {
  return plan.parts.map((part) => upperFirst(segmentsText(part.english, translate).replace(/\s+/g, ' ').trim())).join('; ');
}

/** Without a translator (null), a segment with a fallback uses it and other French pieces stay French. */
function segmentsText(segments: readonly EnglishSegment[], translate: ((french: string) => string) | null): string {
  return segments
    .map((s) => {
      if ('text' in s) return s.text;
      if (!translate) return s.orElse ? segmentsText(s.orElse, null) : s.translate;
      const out = translate(s.translate);
      if (s.expect && !out.includes(s.expect) && s.orElse) return segmentsText(s.orElse, translate);
      return out;
    })
    .join('');
}

/** A translated fragment (a counted noun, a place, a body): casing of the source, names checked. */
function fragment(french: string, english: string, lexicon: Lexicon | null): string {
  let en = fixNumbers(english).trim();
  const fr = french.trim();
  // The engine capitalises a fragment's first letter; keep the source's casing.
  if (fr && fr[0] === fr[0]!.toLowerCase() && en) en = en[0]!.toLowerCase() + en.slice(1);
  if (!/^\p{Lu}/u.test(fr)) return en;
  if (en === fr) return en;
  const confirmed = lexicon?.lookup(en.toLowerCase())?.some((t) => t === fr.toLowerCase()) ?? false;
  if (confirmed) return en;
  const content = (s: string) => s.split(/[\s'’-]+/).filter((w) => w && !/^(?:de|du|des|d|la|le|l|les|et|of|the|and|a|an)$/i.test(w)).length;
  // "Conseil de sécurité" → "Council", "Genève" → "Ginebra": a name that lost words or is not confirmed.
  if (content(en) < content(fr) || content(fr) === 1) return fr;
  return en;
}

const FRENCH_THOUSANDS = /\b(\d{1,3}(?:[ \u00a0\u202f]\d{3})+)(?![\d,])/g;

/** French number notation and the pivot's large-number words, in English form. */
export function fixNumbers(text: string): string {
  return text
    .replace(FRENCH_THOUSANDS, (m) => m.replace(/[ \u00a0\u202f]/g, ','))
    .replace(/(\d),(\d{1,2}|\d{4,})(?!\d)/g, '$1.$2')
    .replace(/\bmillardos?\b/gi, 'billion')
    .replace(/\bmillones\b/gi, 'million')
    .replace(/\b(million|billion|thousand) of\b/gi, '$1');
}

function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
