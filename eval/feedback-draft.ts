/**
 * What people marked becomes a test: stored answer feedback (answer/feedback.ts) → a draft
 * question set in the JSONL question format, plus a review list of what needs a person.
 *
 *   npm run eval -- --feedback-draft data/eval/feedback-draft.jsonl
 *   npm run eval -- --questions data/eval/feedback-draft.jsonl      # score it
 *
 * - an approved (👍) answer → `answerable: true`, gold = the sentences it quoted from each cited
 *   passage (the passage itself when it quoted none): spans verbatim in the indexed text;
 * - an approved decline (👍 on "the documents do not say") → an `answerable: false` candidate;
 * - a 👎 → the review list (what was wrong is for a person to decide: the gold passage of a wrong
 *   answer, or the answer the documents do hold after a wrong decline), with the comment.
 * The latest feedback on a turn wins; one question per distinct question text (the latest).
 * Follow-ups are written as the standalone question that was searched, so each line stands alone.
 */
import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { latestFeedback, type FeedbackRecord } from '../answer/index.js';
import { detectLanguage } from '../text/index.js';
import type { GoldSpan, Question } from './questions.js';

export interface ReviewItem {
  id: string;
  lang: 'fr' | 'en';
  question: string;
  rating: 'up' | 'down';
  answered: boolean;
  answer: string;
  comment?: string;
  reason: string;
  sources: string[];
}

export interface FeedbackDraft {
  questions: Question[];
  review: ReviewItem[];
  /** Records read (all versions) and turns rated (latest version each). */
  records: number;
  rated: number;
}

const idOf = (r: FeedbackRecord) => `fb-${r.turnId.replace(/-/g, '').slice(0, 12)}`;
const textOf = (r: FeedbackRecord) => (r.standalone?.trim() || r.question).trim();
const keyOf = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').replace(/[\s?!.]+$/u, '');

function goldOf(r: FeedbackRecord): GoldSpan[] {
  const out: GoldSpan[] = [];
  const seen = new Set<string>();
  const add = (source: string, text: string) => {
    const t = text.trim();
    if (!t || seen.has(`${source}\n${t}`)) return;
    seen.add(`${source}\n${t}`);
    out.push({ source, text: t });
  };
  for (const c of r.citations) {
    const quoted = (r.quotes ?? []).filter((q) => q.n === c.n && c.text.includes(q.text.trim()));
    if (quoted.length > 0) for (const q of quoted) add(c.source, q.text);
    else add(c.source, c.text);
  }
  return out;
}

export function feedbackDraft(records: readonly FeedbackRecord[]): FeedbackDraft {
  const latest = latestFeedback(records);
  const byQuestion = new Map<string, Question>();
  const review: ReviewItem[] = [];
  for (const r of latest) {
    const question = textOf(r);
    const lang = r.lang ?? detectLanguage(question);
    const base = { id: idOf(r), lang, question };
    if (r.rating === 'up' && r.answered) {
      const gold = goldOf(r);
      if (gold.length === 0) {
        review.push({ ...base, rating: r.rating, answered: true, answer: r.answer, ...(r.comment ? { comment: r.comment } : {}), reason: 'approved answer without citations: add the gold span by hand', sources: [] });
        continue;
      }
      byQuestion.set(keyOf(question), { ...base, answerable: true, gold, tags: ['feedback', 'approved'] });
    } else if (r.rating === 'up') {
      byQuestion.set(keyOf(question), { ...base, answerable: false, gold: [], tags: ['feedback', 'declined'] });
    } else {
      review.push({
        ...base,
        rating: r.rating,
        answered: r.answered,
        answer: r.answer,
        ...(r.comment ? { comment: r.comment } : {}),
        reason: r.answered
          ? 'marked wrong: find the passage that answers (answerable: true with its gold span) or mark it answerable: false'
          : 'decline marked wrong: the documents may hold the answer; add it with its gold span',
        sources: [...new Set(r.citations.map((c) => c.source))],
      });
    }
  }
  return { questions: [...byQuestion.values()], review, records: records.length, rated: latest.length };
}

/** The draft as JSONL (question format) and the review list as Markdown beside it (<name>.review.md). */
export async function writeFeedbackDraft(file: string, draft: FeedbackDraft): Promise<{ questions: string; review: string }> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const jsonl = draft.questions.map((q) => JSON.stringify({ id: q.id, lang: q.lang, question: q.question, answerable: q.answerable, gold: q.gold, tags: q.tags })).join('\n');
  await writeFile(file, jsonl ? `${jsonl}\n` : '');
  const reviewFile = file.replace(/\.jsonl?$/u, '') + '.review.md';
  const lines = [
    '# Feedback to review',
    '',
    `${draft.rated} rated answer(s): ${draft.questions.length} draft question(s) in \`${path.basename(file)}\`, ${draft.review.length} to review below.`,
    '',
  ];
  for (const r of draft.review) {
    lines.push(`## ${r.id} (${r.lang}, ${r.rating === 'up' ? '👍' : '👎'}${r.answered ? '' : ', declined'})`, '', `> ${r.question.replace(/\n/g, '\n> ')}`, '');
    if (r.comment) lines.push(`Comment: ${r.comment.replace(/\s+/g, ' ')}`, '');
    lines.push(`What to do: ${r.reason}.`, '');
    if (r.sources.length) lines.push(`Cited: ${r.sources.map((s) => `\`${s}\``).join(', ')}`, '');
    if (r.answer) lines.push('<details><summary>Answer given</summary>', '', r.answer.replace(/</g, '&lt;'), '', '</details>', '');
  }
  await writeFile(reviewFile, `${lines.join('\n').trimEnd()}\n`);
  return { questions: file, review: reviewFile };
}
