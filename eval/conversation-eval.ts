/**
 * Conversation scoring (`npm run eval -- --conversations FILE [--url URL] [--stateless]`): every
 * conversation of a set (eval/conversations.ts) is played turn by turn through the chat — one
 * session per conversation (`sessionId`, as the chat page does), or with `--stateless` the
 * earlier turns sent as history (as /v1/chat/completions clients do) — and each turn is scored:
 *
 *   retrieval  R@1, R@5, MRR@10 of the standalone question the chat searched (answerable turns);
 *   answer     right = an answerable turn answered with a quote holding a gold span (the answer
 *              eval's rule), an unanswerable one declined; false refusals; short answer right;
 *   rewrite    follow-ups: the standalone rewrite adds no word of the other language (names and
 *              numbers are neutral), and holds the words the turn refers to (`refers`).
 *
 * Reported by turn kind (first turn, follow-up, topic switch) and language. Pure scoring lives in
 * scoreConversations(); the engine (in-process pipeline or a running server) is injected.
 */
import type { Answer, ConversationTurn } from '../answer/index.js';
import type { Lang } from '../core/types.js';
import { ENGLISH_STOPWORDS, foldText, FRENCH_STOPWORDS, type Lexicon } from '../text/index.js';
import { shortAnswerRight, supportedGold } from './answer-eval.js';
import type { Conversation, ConversationTurnGold } from './conversations.js';
import { DEFAULT_RELEVANCE, matchedGold, normalizeForMatch } from './relevance.js';

/** What the scorer needs from a chat system (in-process or over HTTP). */
export interface ChatEngine {
  /** One turn of a conversation: `sessionId` continues it (session mode). */
  chat(message: string, sessionId: string | undefined): Promise<Answer>;
  /** One turn with the earlier turns given (stateless mode). */
  chatWithHistory(message: string, history: ConversationTurn[]): Promise<Answer>;
  /** Ranked passages for a query (what /api/search returns). */
  search(query: string, k: number): Promise<{ answerable: boolean; results: { source: string; text: string }[] }>;
}

export interface ConversationEvalOptions {
  k: number;
  stateless: boolean;
}

export const DEFAULT_CONVERSATION_EVAL: ConversationEvalOptions = { k: 10, stateless: false };

export type TurnKind = 'first' | 'follow-up' | 'switch';

export interface TurnResult {
  id: string;
  conversation: string;
  index: number;
  kind: TurnKind;
  lang: Lang;
  question: string;
  standalone: string;
  answerable: boolean;
  answered: boolean;
  supported: boolean;
  /** Answerable and supported, or unanswerable and declined. */
  right: boolean;
  /** Rank (1-based) of the first passage holding a gold span in the search for the standalone question; null if none in the top k. */
  rank: number | null;
  shortRight: boolean | null;
  /** Follow-ups and switches: words of the other language the rewrite added (empty = fine). */
  foreignWords: string[] | null;
  /** Turns with `refers`: the rewrite holds them all. */
  refersOk: boolean | null;
  confidence: string | null;
}

export interface TurnSummary {
  turns: number;
  answerable: number;
  unanswerable: number;
  right: number | null;
  recall1: number | null;
  recall5: number | null;
  mrr: number | null;
  supported: number | null;
  declined: number | null;
  falseRefusals: number | null;
  withShort: number;
  shortRight: number | null;
  /** Rewritten turns (follow-ups and switches): share whose rewrite stays in the turn's language. */
  rewrites: number;
  sameLanguage: number | null;
  withRefers: number;
  refersResolved: number | null;
}

export interface ConversationEvalResult {
  turns: TurnResult[];
  summary: Record<'all' | TurnKind | Lang, TurnSummary>;
  conversations: { total: number; allRight: number };
}

/** Words a rewrite may add without mixing languages: the corpus's own words (French) and the lexicon's (English). */
export interface LanguageWords {
  lexicon: Lexicon | null;
  /** Folded words of the corpus. */
  corpus: ReadonlySet<string>;
}

export async function scoreConversations(
  conversations: readonly Conversation[],
  engine: ChatEngine,
  words: LanguageWords,
  options: Partial<ConversationEvalOptions> = {},
): Promise<ConversationEvalResult> {
  const o: ConversationEvalOptions = { ...DEFAULT_CONVERSATION_EVAL, ...options };
  const turns: TurnResult[] = [];
  let allRight = 0;
  for (const c of conversations) {
    let sessionId: string | undefined;
    const history: ConversationTurn[] = [];
    let convRight = true;
    for (const t of c.turns) {
      const a = o.stateless ? await engine.chatWithHistory(t.question, [...history]) : await engine.chat(t.question, sessionId);
      sessionId ??= a.sessionId;
      history.push({ question: t.question, answer: a.answer });
      const standalone = a.standalone ?? t.question;
      const search = t.answerable ? await engine.search(standalone, o.k) : null;
      const r = scoreTurn(c, t, a, standalone, search?.results ?? [], words);
      convRight &&= r.right;
      turns.push(r);
    }
    if (convRight) allRight++;
  }
  const by = (f: (t: TurnResult) => boolean) => summarise(turns.filter(f));
  return {
    turns,
    summary: {
      all: by(() => true),
      first: by((t) => t.kind === 'first'),
      'follow-up': by((t) => t.kind === 'follow-up'),
      switch: by((t) => t.kind === 'switch'),
      fr: by((t) => t.lang === 'fr'),
      en: by((t) => t.lang === 'en'),
    },
    conversations: { total: conversations.length, allRight },
  };
}

function scoreTurn(c: Conversation, t: ConversationTurnGold, a: Answer, standalone: string, results: readonly { source: string; text: string }[], words: LanguageWords): TurnResult {
  const kind: TurnKind = t.index === 0 ? 'first' : t.switch ? 'switch' : 'follow-up';
  const supported = t.answerable && a.answered && supportedGold(a, t, DEFAULT_RELEVANCE).length > 0;
  let rank: number | null = null;
  if (t.answerable) {
    const i = results.findIndex((p) => matchedGold(p, t.gold).length > 0);
    rank = i >= 0 ? i + 1 : null;
  }
  const short = a.shortAnswer ? { text: a.shortAnswer.text, original: a.shortAnswer.original } : null;
  const refersOk = t.refers.length > 0 ? t.refers.every((w) => fold(standalone).includes(fold(w))) : null;
  return {
    id: t.id,
    conversation: c.id,
    index: t.index,
    kind,
    lang: t.lang,
    question: t.question,
    standalone,
    answerable: t.answerable,
    answered: a.answered,
    supported,
    right: t.answerable ? supported : !a.answered,
    rank,
    shortRight: t.answerable && t.short ? a.answered && shortAnswerRight(short, t.short) : null,
    foreignWords: kind === 'first' ? null : foreignWords(standalone, t.question, t.lang, words),
    refersOk,
    confidence: a.confidence ?? null,
  };
}

const NAME = /^(?:\p{Lu}|\d)/u;
const FRENCH_LETTERS = /[éèêëàâçùûîïôœ]/;

/**
 * Words the rewrite added (not in the user's message) that belong to the other language: for a
 * French turn, English function words and English words the corpus never uses; for an English
 * turn, French function words, accented words and corpus words the lexicon does not know as English.
 * Names (capitalised, acronyms) and numbers are neither.
 */
export function foreignWords(standalone: string, message: string, lang: Lang, words: LanguageWords): string[] {
  const own = new Set(wordsOf(message).map((w) => fold(w)));
  const out: string[] = [];
  for (const raw of wordsOf(standalone)) {
    const w = fold(raw);
    if (own.has(w) || NAME.test(raw) || w.length < 2) continue;
    const lower = raw.toLowerCase();
    const english = ENGLISH_STOPWORDS.has(w) || words.lexicon?.lookup(lower) !== undefined || (words.lexicon?.lemmas(lower).length ?? 0) > 0;
    const french = FRENCH_STOPWORDS.has(w) || words.corpus.has(w) || FRENCH_LETTERS.test(lower);
    if (lang === 'fr' ? english && !french : (FRENCH_STOPWORDS.has(w) && !ENGLISH_STOPWORDS.has(w)) || FRENCH_LETTERS.test(lower) || (french && !english)) out.push(raw);
  }
  return out;
}

function wordsOf(text: string): string[] {
  return (text.match(/[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu) ?? []).filter((w) => !/^(?:l|d|qu|s|n|j|c|m|t)$/i.test(w));
}

function fold(s: string): string {
  return foldText(normalizeForMatch(s));
}

function summarise(rows: readonly TurnResult[]): TurnSummary {
  const rate = (n: number, d: number) => (d > 0 ? n / d : null);
  const ans = rows.filter((r) => r.answerable);
  const unans = rows.filter((r) => !r.answerable);
  const rewritten = rows.filter((r) => r.foreignWords !== null);
  const withShort = rows.filter((r) => r.shortRight !== null);
  const withRefers = rows.filter((r) => r.refersOk !== null);
  return {
    turns: rows.length,
    answerable: ans.length,
    unanswerable: unans.length,
    right: rate(rows.filter((r) => r.right).length, rows.length),
    recall1: rate(ans.filter((r) => r.rank !== null && r.rank <= 1).length, ans.length),
    recall5: rate(ans.filter((r) => r.rank !== null && r.rank <= 5).length, ans.length),
    mrr: ans.length > 0 ? ans.reduce((s, r) => s + (r.rank !== null ? 1 / r.rank : 0), 0) / ans.length : null,
    supported: rate(ans.filter((r) => r.supported).length, ans.length),
    declined: rate(unans.filter((r) => !r.answered).length, unans.length),
    falseRefusals: rate(ans.filter((r) => !r.answered).length, ans.length),
    withShort: withShort.length,
    shortRight: rate(withShort.filter((r) => r.shortRight).length, withShort.length),
    rewrites: rewritten.length,
    sameLanguage: rate(rewritten.filter((r) => r.foreignWords?.length === 0).length, rewritten.length),
    withRefers: withRefers.length,
    refersResolved: rate(withRefers.filter((r) => r.refersOk).length, withRefers.length),
  };
}

export function formatConversationTable(label: string, result: ConversationEvalResult): string {
  const f = (x: number | null) => (x === null ? '-' : x.toFixed(3));
  const lines = [
    `${label}: ${result.conversations.total} conversations, ${result.turns.length} turns; conversations with every turn right: ${result.conversations.allRight}`,
    '',
    '| turns | n | answerable / unanswerable | right | R@1 | R@5 | MRR@10 | quote holds gold | declined | false refusals | short right (n) | rewrite same language (n) | refers resolved (n) |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const key of ['first', 'follow-up', 'switch', 'fr', 'en', 'all'] as const) {
    const s = result.summary[key];
    if (s.turns === 0) continue;
    lines.push(
      `| ${key} | ${s.turns} | ${s.answerable} / ${s.unanswerable} | ${f(s.right)} | ${f(s.recall1)} | ${f(s.recall5)} | ${f(s.mrr)} | ${f(s.supported)} | ${f(s.declined)} | ${f(s.falseRefusals)} | ${f(s.shortRight)} (${s.withShort}) | ${f(s.sameLanguage)} (${s.rewrites}) | ${f(s.refersResolved)} (${s.withRefers}) |`,
    );
  }
  return lines.join('\n') + '\n';
}

/** One line per turn that went wrong (for --verbose). */
export function formatTurnProblems(result: ConversationEvalResult): string {
  const out: string[] = [];
  for (const t of result.turns) {
    const problems: string[] = [];
    if (!t.right) problems.push(t.answerable ? (t.answered ? 'UNSUPPORTED' : 'FALSE-REFUSAL') : 'WRONG-ANSWER');
    if (t.shortRight === false) problems.push('SHORT');
    if (t.foreignWords && t.foreignWords.length > 0) problems.push(`MIXED(${t.foreignWords.join(',')})`);
    if (t.refersOk === false) problems.push('REFERS');
    if (problems.length === 0) continue;
    out.push(`  ${t.id} [${t.kind}, ${t.lang}] ${problems.join(' ')} — «${t.question}» → «${t.standalone}»${t.rank !== null ? ` (rank ${t.rank})` : ''}`);
  }
  return out.join('\n') + (out.length ? '\n' : '');
}
