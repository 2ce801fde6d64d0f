/**
 * The kind of answer a question expects, read from its French or English interrogative words, and
 * whether a sentence holds a candidate of that kind. A passage that shares a question's topic but
 * holds no candidate ("When was X adopted?" next to a sentence about X without any date) is the
 * typical near-miss: it is on topic and still does not answer.
 *
 *   who   qui / who / whom / whose, "quels signataires"         → a person or body the question does not name
 *   when  quand / when / en quelle année / depuis quand / what year → a year, or a month (with a day or a year)
 *   count combien / how many / how much / quel nombre             → a quantity (not a year, an ordinal or a day)
 *   where où / where / dans quelle ville / which country           → "à/en/in/at" + a capitalised place
 *
 * Quand / when / qui / who / où / where ask only at the start of a clause ("…, et depuis quand",
 * "Où et quand"); elsewhere they are conjunctions or relatives ("… quand Guterres a reçu Stock",
 * "the resolutions who…"). "Which X" / "quel X" questions expect an X: the question's own content
 * word, which coverage already checks, so no type is added. Why / how have no checkable type.
 */
import type { Lang } from '../../core/types.js';
import { foldAccents } from '../../text/index.js';

export type AnswerType = 'who' | 'when' | 'count' | 'where';

export interface AnswerTypeInfo {
  /** Expected types, in the order the question asks them ("Où et quand" → where, when). */
  types: AnswerType[];
  /**
   * Folded words that only say which type is wanted ("année" in "en quelle année", "year",
   * "ville"): not content the answer sentence must repeat.
   */
  typeWords: Set<string>;
  /** A where-question asked through a noun (city, country): a name answers it as well as "in X". */
  whereByName: boolean;
}

interface Rule {
  type: AnswerType;
  re: RegExp;
}

/** A clause start: the question's start, after , ; : or a coordinating "et/and", then an optional preposition. */
const CLAUSE = String.raw`(?:^|[,;:(]\s*|\b(?:et|and|ou|or)\s+)(?:(?:et|and|mais|but|ou|or|so|alors)\s+)?(?:(?:a|à|de|par|avec|pour|depuis|en|dans|sur|selon|in|on|at|by|for|from|to|of|since|until)\s+)?`;

/* Rules run on the lowercased question with apostrophes unified to "'" — folded for everything but
 * "où", which folds to the conjunction "ou". A capture group named `w` is a type word. */
const RULES: Record<Lang, Rule[]> = {
  fr: [
    { type: 'when', re: /\b(?:combien de temps|depuis combien)\b/ },
    { type: 'count', re: /\bcombien\b|\bquel(?:le)?s? (?<w>nombre|montant|volume|quantite|somme|effectif)\b/ },
    { type: 'when', re: new RegExp(`${CLAUSE}(?:quand)\\b|\\b(?:quelle|quel)s? (?<w>annee|annees|date|dates|jour|mois|epoque|periode)\\b`) },
    { type: 'where', re: /\b(?:quelle|quelles|quel|quels) (?<w>villes?|pays|lieux?|endroits?|regions?|continents?)\b/ },
    { type: 'who', re: new RegExp(`${CLAUSE}qui\\b|\\b(?<w>signataires?)\\b`) },
  ],
  en: [
    { type: 'when', re: /\bhow long\b/ },
    { type: 'count', re: /\bhow (?:many|much)\b|\b(?:what|which) (?<w>number|amount|percentage|share|quantity|sum)\b|\bhow (?:big|large)\b/ },
    { type: 'when', re: new RegExp(`${CLAUSE}(?:when|since when|how long ago|how far back)\\b|\\b(?:what|which) (?<w>year|years|date|dates|day|month|period|time)\\b`) },
    { type: 'where', re: new RegExp(`${CLAUSE}where\\b|\\b(?:what|which) (?<w>city|cities|country|countries|place|places|region|regions|location|venue)\\b`) },
    { type: 'who', re: new RegExp(`${CLAUSE}(?:who|whom|whose)\\b|\\b(?<w>signatories|signatory)\\b`) },
  ],
};

/** "Où" read before folding (the folded "ou" is also "or"). */
const FR_OU = new RegExp(`${CLAUSE}où(?!\\p{L})`, 'u');

export function answerTypes(text: string, lang: Lang): AnswerTypeInfo {
  const lower = text.toLowerCase().replace(/[’‘ʼ´`]/g, "'").replace(/\s+/g, ' ').trim();
  const folded = foldAccents(lower);
  const found: { type: AnswerType; at: number }[] = [];
  const typeWords = new Set<string>();
  let whereByName = false;
  const add = (type: AnswerType, at: number) => {
    if (!found.some((t) => t.type === type)) found.push({ type, at });
  };
  for (const rule of RULES[lang]) {
    const m = rule.re.exec(folded);
    if (!m) continue;
    // Ordered by where the interrogative ends (a clause prefix may start both at 0: "Où et quand").
    add(rule.type, m.index + m[0].length);
    const w = m.groups?.w;
    if (w) {
      typeWords.add(w);
      if (rule.type === 'where') whereByName = true;
    }
  }
  if (lang === 'fr') {
    const m = FR_OU.exec(lower);
    if (m) add('where', m.index + m[0].length);
  }
  // "Combien de temps" asks for a duration: a when-question, not a count.
  if (/\b(?:combien de temps|depuis combien|how long)\b/.test(folded)) {
    const i = found.findIndex((t) => t.type === 'count');
    if (i >= 0) found.splice(i, 1);
  }
  found.sort((a, b) => a.at - b.at);
  return { types: found.map((t) => t.type), typeWords, whereByName };
}
