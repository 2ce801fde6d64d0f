/**
 * The questions the HTTP runs send: the whole eval set (French and English, answerable and not),
 * interleaved by language so every window of a run sees both, as GET /api/search requests.
 */
import { loadQuestions, type Question } from '../eval/questions.js';
import type { LoadRequest } from './loadtest-run.js';

export interface QuestionMix {
  questions: Question[];
  fr: number;
  en: number;
  answerable: number;
}

export async function questionMix(file: string): Promise<QuestionMix> {
  const all = await loadQuestions(file);
  const fr = all.filter((q) => q.lang === 'fr');
  const en = all.filter((q) => q.lang === 'en');
  const mixed: Question[] = [];
  for (let i = 0; i < Math.max(fr.length, en.length); i++) {
    if (fr[i]) mixed.push(fr[i] as Question);
    if (en[i]) mixed.push(en[i] as Question);
  }
  return { questions: mixed, fr: fr.length, en: en.length, answerable: all.filter((q) => q.answerable).length };
}

export function searchRequests(mix: QuestionMix, k: number): LoadRequest[] {
  return mix.questions.map((q) => ({ method: 'GET', path: `/api/search?q=${encodeURIComponent(q.question)}&k=${k}` }));
}
