/**
 * `npm run eval -- --conversations FILE [--conversations FILE2] [--url URL] [--stateless] [--k N]
 * [--translate auto|on|off] [--verbose] [--out FILE]`: scores conversation sets
 * (eval/conversation-eval.ts) through the in-process chat pipeline over the eval index of
 * `--corpus`, or through a running server's /api/chat (or /v1/chat/completions with --stateless)
 * and /api/search with --url. Prints one Markdown table per set.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { corpusViewOf, createAnswerer } from '../answer/index.js';
import type { Answer, ConversationTurn } from '../answer/index.js';
import { configFromEnv } from '../core/config.js';
import { AppError } from '../core/errors.js';
import { createLogger } from '../core/logger.js';
import { createRetriever, IndexService, mergeRetrievalConfig, readRetrievalConfig } from '../index/index.js';
import { APERTIUM_INSTALL_HINT, foldText, loadLexicon, openTranslator, type Translator } from '../text/index.js';
import { formatConversationTable, formatTurnProblems, scoreConversations, type ChatEngine, type ConversationEvalResult } from './conversation-eval.js';
import { loadConversations } from './conversations.js';
import { openEvalIndex } from './eval-index.js';
import { HttpRetriever } from './http-retriever.js';

export const CONVERSATION_USAGE = `Usage: npm run eval -- --conversations FILE [options]

Plays each conversation of a JSONL conversation set through the chat and scores every turn
(retrieval of the rewritten question, answer right or declined, short answer, rewrite language).

  --conversations FILE  conversation set (JSONL), e.g. eval/conversations.jsonl (repeatable)
  --url URL             a running server (/api/chat, /api/search) instead of the local pipeline
  --stateless           send earlier turns as history (/v1/chat/completions) instead of a session
  --k N                 passages searched per turn for the retrieval metrics     (default 10)
  --corpus DIR          corpus folder (local index; French words for the rewrite check)
  --index DIR           eval index folder                     (default data/index/eval-lexical)
  --translate MODE      auto | on | off: English renderings in the local pipeline (default auto)
  --verbose             list every turn that went wrong
  --out FILE            write the per-turn details as JSON
`;

export async function conversationMain(argv: readonly string[], io: { stdout: (t: string) => void } = { stdout: (t) => process.stdout.write(t) }): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      conversations: { type: 'string', multiple: true },
      url: { type: 'string' },
      stateless: { type: 'boolean', default: false },
      k: { type: 'string', default: '10' },
      corpus: { type: 'string' },
      index: { type: 'string' },
      translate: { type: 'string', default: 'auto' },
      verbose: { type: 'boolean', default: false },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
      'api-key': { type: 'string' },
    },
  });
  if (values.help) {
    io.stdout(CONVERSATION_USAGE);
    return 0;
  }
  const files = values.conversations ?? [];
  if (files.length === 0) throw new AppError('INVALID_PARAMETER', '--conversations FILE is required.');
  const k = Number(values.k);
  if (!Number.isInteger(k) || k < 1 || k > 50) throw new AppError('INVALID_PARAMETER', `--k must be an integer from 1 to 50, got "${values.k}".`);
  if (!['auto', 'on', 'off'].includes(values.translate)) throw new AppError('INVALID_PARAMETER', `--translate must be auto, on or off, got "${values.translate}".`);
  const app = configFromEnv();
  const logger = createLogger({ level: app.logLevel === 'info' ? 'warn' : app.logLevel });
  const corpusDir = values.corpus ?? app.corpusDir;
  const lexicon = loadLexicon();
  const corpusWords = await corpusWordsOf(corpusDir);

  let engine: ChatEngine;
  let close: () => Promise<void>;
  if (values.url) {
    engine = httpEngine(values.url, values['api-key'] ?? app.apiKey ?? null);
    close = async () => {};
  } else {
    const { store, embedder } = await openEvalIndex({ corpusDir, indexDir: values.index ?? path.join(app.indexDir, 'eval-lexical'), logger });
    const config = mergeRetrievalConfig(await readRetrievalConfig(app.retrievalConfigPath, logger), {});
    const retriever = await createRetriever(store, embedder, { logger, config });
    const service = new IndexService(store, embedder, retriever);
    await service.refresh();
    const translator: Translator | null = values.translate === 'off' ? null : openTranslator('fr-en', { logger });
    const frenchTranslator: Translator | null = translator ? openTranslator('en-fr', { logger }) : null;
    if (values.translate === 'on' && !translator) throw new AppError('INVALID_PARAMETER', `--translate on needs Apertium: ${APERTIUM_INSTALL_HINT}`);
    const answerer = createAnswerer({ retriever, logger, corpus: corpusViewOf(service), translator, frenchTranslator });
    engine = {
      chat: (message, sessionId) => answerer.answer({ message, ...(sessionId ? { sessionId } : {}) }),
      chatWithHistory: (message, history) => answerer.answer({ message, history }),
      search: async (q, n) => {
        const r = await retriever.search(q, { k: n });
        return { answerable: r.answerable, results: r.hits.map((h) => ({ source: h.passage.source, text: h.passage.text })) };
      },
    };
    close = async () => {
      await translator?.close();
      await frenchTranslator?.close();
      await store.close();
    };
  }
  const details: Record<string, ConversationEvalResult> = {};
  try {
    io.stdout(`conversations through ${values.url ? `${values.url} (${values.stateless ? '/v1/chat/completions' : '/api/chat'})` : 'the local pipeline'}, ${values.stateless ? 'stateless (history sent)' : 'one session per conversation'}\n\n`);
    for (const file of files) {
      const result = await scoreConversations(await loadConversations(file), engine, { lexicon, corpus: corpusWords }, { k, stateless: values.stateless });
      details[file] = result;
      io.stdout(formatConversationTable(path.basename(file), result) + '\n');
      if (values.verbose) io.stdout(formatTurnProblems(result) + '\n');
    }
  } finally {
    await close();
  }
  if (values.out) await writeFile(values.out, JSON.stringify(details, null, 2) + '\n');
  return 0;
}

/** Folded words of the corpus's text files (the French a rewrite may add). */
async function corpusWordsOf(dir: string): Promise<Set<string>> {
  const out = new Set<string>();
  let files: string[] = [];
  try {
    files = (await readdir(dir)).filter((f) => /\.(?:txt|md|html?)$/i.test(f));
  } catch {
    return out;
  }
  for (const f of files) {
    const text = await readFile(path.join(dir, f), 'utf8');
    for (const w of text.match(/[\p{L}][\p{L}\p{M}]*/gu) ?? []) out.add(foldText(w));
  }
  return out;
}

/** /api/chat (session), /v1/chat/completions (stateless) and /api/search of a running server. */
function httpEngine(baseUrl: string, apiKey: string | null): ChatEngine {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...(apiKey ? { Authorization: `Bearer ${apiKey}` } : {}) };
  const post = async (route: string, body: unknown): Promise<Record<string, unknown>> => {
    const res = await fetch(new URL(route, base), { method: 'POST', headers, body: JSON.stringify(body) });
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new AppError('UPSTREAM_UNREACHABLE', `${route} answered ${res.status}: ${JSON.stringify(json).slice(0, 300)}`);
    return json;
  };
  const search = new HttpRetriever({ baseUrl, apiKey });
  return {
    chat: async (message, sessionId) => (await post('api/chat', { message, ...(sessionId ? { sessionId } : {}) })) as unknown as Answer,
    chatWithHistory: async (message, history: ConversationTurn[]) => {
      const messages = history.flatMap((t) => [{ role: 'user', content: t.question }, ...(t.answer ? [{ role: 'assistant', content: t.answer }] : [])]);
      const r = await post('v1/chat/completions', { model: 'doc-assistant', messages: [...messages, { role: 'user', content: message }] });
      const choice = (r.choices as { message: { content: string } }[] | undefined)?.[0];
      return {
        answer: choice?.message.content ?? '',
        answered: r.answered === true,
        lang: 'fr',
        citations: (r.citations as Answer['citations']) ?? [],
        ...(r.quotes ? { quotes: r.quotes as Answer['quotes'] } : {}),
        ...(r.short_answer ? { shortAnswer: r.short_answer as Answer['shortAnswer'] } : {}),
        ...(typeof r.standalone === 'string' ? { standalone: r.standalone } : {}),
        ...(typeof r.confidence === 'string' ? { confidence: r.confidence as Answer['confidence'] } : {}),
      } as Answer;
    },
    search: async (q, k) => {
      const r = await search.search(q, { k });
      return { answerable: r.answerable, results: r.hits.map((h) => ({ source: h.passage.source, text: h.passage.text })) };
    },
  };
}
