/**
 * A conversation as Markdown: each question, its answer with the [n] markers as written, then
 * its sources — title, file, date, page — each with the passage it cites quoted, so the export
 * stands on its own. Labels follow the language asked for. Text from people and documents is
 * quoted as Markdown blockquotes; a line that Markdown would read as a heading or a list stays
 * plain because it sits inside the quote.
 */
import type { Citation, Conversation, StoredTurn } from '../../answer/index.js';
import type { Lang } from '../../core/types.js';

const LABELS = {
  fr: {
    exported: 'Exporté le {date} · {n} question(s)',
    question: 'Question {n}',
    answer: 'Réponse',
    declined: 'Les documents ne contiennent pas la réponse.',
    sources: 'Sources',
    seeAlso: 'Voir aussi',
    page: 'page {page}',
    pages: 'pages {pages}',
    unknownDate: 'date inconnue',
    feedback: 'Avis : {rating}{comment}',
    up: 'utile',
    down: 'pas utile',
  },
  en: {
    exported: 'Exported on {date} · {n} question(s)',
    question: 'Question {n}',
    answer: 'Answer',
    declined: 'The documents do not hold the answer.',
    sources: 'Sources',
    seeAlso: 'See also',
    page: 'page {page}',
    pages: 'pages {pages}',
    unknownDate: 'date unknown',
    feedback: 'Feedback: {rating}{comment}',
    up: 'helpful',
    down: 'not helpful',
  },
} as const;

type Labels = (typeof LABELS)[Lang];

function fill(template: string, args: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in args ? String(args[k]) : m));
}

/** Every line prefixed with "> " (blank lines too, so the quote is one block). */
function quote(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split('\n')
    .map((l) => (l.trim() === '' ? '>' : `> ${l}`))
    .join('\n');
}

/** Inline text (titles, file names): no line breaks, Markdown punctuation escaped. */
function inline(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

function citationLine(c: Citation, l: Labels, lang: Lang): string {
  const parts = [`*${inline(c.title || c.source)}*`, `\`${c.source.replace(/`/g, "'")}\``, c.date ? formatDate(c.date, lang) : l.unknownDate];
  if (c.page !== undefined) parts.push(fill(l.page, { page: c.page }));
  if (c.pages && c.pages.length > 1) parts.push(fill(l.pages, { pages: c.pages.join(', ') }));
  return `${c.n}. ${parts.join(' — ')}\n\n${quote(c.text)
    .split('\n')
    .map((x) => `   ${x}`)
    .join('\n')}`;
}

function formatDate(iso: string, lang: Lang): string {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  const date = new Date(Date.UTC(Number(y), mo ? Number(mo) - 1 : 0, d ? Number(d) : 1));
  const opts: Intl.DateTimeFormatOptions = d ? { dateStyle: 'long', timeZone: 'UTC' } : mo ? { year: 'numeric', month: 'long', timeZone: 'UTC' } : { year: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', opts).format(date);
}

function turnMarkdown(t: StoredTurn, i: number, l: Labels, lang: Lang): string {
  const out = [`## ${fill(l.question, { n: i + 1 })}`, '', quote(t.question), '', `**${l.answer}**`, ''];
  const answer = (t.answer ?? '').trim();
  out.push(answer || l.declined, '');
  const cited = t.answered === false ? (t.seeAlso?.length ? t.seeAlso : (t.citations ?? [])) : (t.citations ?? []);
  if (cited.length > 0) {
    out.push(`**${t.answered === false ? l.seeAlso : l.sources}**`, '');
    for (const c of cited) out.push(citationLine(c, l, lang), '');
  }
  if (t.feedback) out.push(`_${fill(l.feedback, { rating: l[t.feedback.rating], comment: t.feedback.comment ? ` — ${inline(t.feedback.comment)}` : '' })}_`, '');
  return out.join('\n');
}

export function conversationMarkdown(c: Conversation, lang: Lang, now: Date = new Date()): string {
  const l = LABELS[lang];
  const head = [`# ${inline(c.title || 'Conversation')}`, '', `_${fill(l.exported, { date: formatDate(now.toISOString().slice(0, 10), lang), n: c.turns.length })}_`, ''];
  return `${[...head, ...c.turns.map((t, i) => turnMarkdown(t, i, l, lang))].join('\n').trimEnd()}\n`;
}
