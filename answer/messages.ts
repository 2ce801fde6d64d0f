/**
 * The fixed sentences of answers, in the question's language: lead-ins, "the documents do not
 * say …" (restating the question as an indirect question where that is safe), notices.
 */
import type { Lang } from '../core/types.js';

export const LEAD_IN: Record<Lang, string> = {
  fr: 'D’après les documents :',
  en: 'According to the documents (quoted in French):',
};

/** English answers whose quotations are machine-translated (the French sentences stay the thing cited). */
export const LEAD_IN_TRANSLATED: Record<'en', string> = {
  en: 'From the documents (machine translation of the French; [n] opens the original):',
};

/** Evidence just above the threshold: say the documents do not say it directly, quote the closest passage. */
export const CLOSEST_ONLY: Record<Lang, { plain: string; translated: string }> = {
  fr: { plain: 'Les documents ne le disent pas directement ; le passage le plus proche :', translated: 'Les documents ne le disent pas directement ; le passage le plus proche :' },
  en: {
    plain: 'The documents do not say this directly; the closest passage is (quoted in French):',
    translated: 'The documents do not say this directly; the closest passage is (machine translation of the French):',
  },
};

export const LLM_UNAVAILABLE: Record<Lang, string> = {
  fr: 'LLM indisponible, réponse extractive',
  en: 'LLM unavailable, extractive answer',
};

/** Heading of the verbatim French sentences listed after a machine-translated English answer. */
export const FRENCH_ORIGINALS_HEADING = 'French originals (the cited text):';

export const SOURCES_HEADING: Record<Lang, string> = { fr: 'Sources :', en: 'Sources:' };
export const SEE_ALSO_HEADING: Record<Lang, string> = { fr: 'Passages les plus proches :', en: 'Closest passages:' };

/** "The documents do not say who …" / « Les documents ne précisent pas qui … ». */
export function notInDocuments(question: string, lang: Lang): string {
  return lang === 'fr' ? notInDocumentsFr(question) : notInDocumentsEn(question);
}

const FR_INTERROGATIVE =
  /^(?:(?:à|a|de|en|dans|par|pour|sur|avec|depuis|vers|selon|contre)\s+)?(?:qui|quand|où|pourquoi|comment|combien|quel|quelle|quels|quelles|lequel|laquelle|lesquels|lesquelles|quoi)\b/i;
const FR_INVERSION = /-(?:t-)?(?:il|elle|ils|elles|on)\b/gi;

function notInDocumentsFr(question: string): string {
  let q = clean(question);
  q = q.replace(FR_INVERSION, '');
  let indirect: string;
  const estCe = /^qu['’]est-ce\s+qu(e\s+|['’])/i.exec(q);
  if (estCe) indirect = `ce qu${estCe[1]}${q.slice(estCe[0].length)}`;
  else if (/^est-ce\s+qu/i.test(q)) indirect = `si ${q.replace(/^est-ce\s+qu(?:e\s+|['’])/i, '')}`;
  else if (/^que\s+/i.test(q)) indirect = `ce que ${q.slice(4)}`;
  else if (/^qu['’]/i.test(q)) indirect = `ce qu’${q.slice(3)}`;
  else if (FR_INTERROGATIVE.test(q)) indirect = lowerFirst(q);
  else indirect = `si ${lowerFirstUnlessName(q)}`;
  indirect = indirect.replace(/\bsi (ils?)\b/i, 's’$1').replace(/\s+est-ce\s+que?\b/i, '').replace(/\s{2,}/g, ' ');
  return `Les documents ne précisent pas ${indirect}.`;
}

const EN_WH = /^(?:(?:in|on|at|for|from|by|with|since|to|of|under)\s+)?(?:who|whom|whose|what|when|where|which|why|how)\b/i;
/** Wh-questions whose word order is already that of an indirect question (no do-support, no inversion). */
const EN_DIRECT_ORDER = /^(?:who|what|which\s+\w+)\s+(?!is\b|are\b|was\b|were\b|do\b|does\b|did\b|has\b|have\b|had\b|can\b|could\b|will\b|would\b|should\b)/i;

function notInDocumentsEn(question: string): string {
  const q = clean(question);
  if (EN_WH.test(q) && (EN_DIRECT_ORDER.test(q) || /^(?:who|what)\s+(?:is|are|was|were)\b/i.test(q))) {
    return `The documents do not say ${lowerFirst(q)}.`;
  }
  return `The documents do not say: “${question.trim().replace(/\s+/g, ' ')}”`;
}

function clean(question: string): string {
  return question
    .trim()
    .replace(/[\s?？!.]+$/u, '')
    .replace(/\s+/g, ' ');
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** Keep a leading name or acronym (INTERPOL, Stock) capitalised; lower a leading common word. */
function lowerFirstUnlessName(s: string): string {
  const first = /^\S+/.exec(s)?.[0] ?? '';
  if (first.length >= 2 && first === first.toUpperCase()) return s;
  return lowerFirst(s);
}
