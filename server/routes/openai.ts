/**
 * OpenAI-compatible API, so existing clients (SDKs, chat front-ends) can talk to the assistant:
 *
 * - POST /v1/chat/completions: stateless; the last user message is the question, earlier
 *   user/assistant messages are the history used to rewrite a follow-up. The answer text keeps its
 *   [n] markers and gets a "Sources:" list appended; the structured citations ride along in an
 *   extra top-level `citations` field. `stream: true` sends `chat.completion.chunk` SSE lines and
 *   `data: [DONE]`.
 * - GET /v1/models: the one model id.
 *
 * Errors from these routes use OpenAI's shape {"error":{"message","type","code"}} with our catalog
 * code as `code` (plus `hint`); the status and logging come from the app's one onError.
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { FRENCH_ORIGINALS_HEADING, SEE_ALSO_HEADING, SOURCES_HEADING } from '../../answer/index.js';
import type { Answer, AnswerEvent, Citation, ConversationTurn } from '../../answer/index.js';
import type { AppError } from '../../core/errors.js';
import { makeOnError } from '../errors.js';
import { requestAbort, sseFrom, type SseMessage } from '../sse.js';
import type { AppEnv } from '../types.js';
import { openAiChatSchema, openAiContentText, parsedJson, validate } from '../validation.js';
import { answererFor } from './chat.js';

export const OPENAI_MODEL_ID = 'doc-assistant';

type OpenAiMessage = { role: string; content?: Parameters<typeof openAiContentText>[0] };

export function openAiRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const listedAt = Math.floor(Date.now() / 1000);

  app.get('/v1/models', (c) =>
    c.json({ object: 'list', data: [{ id: OPENAI_MODEL_ID, object: 'model', created: listedAt, owned_by: 'doc-assistant' }] }),
  );

  app.post('/v1/chat/completions', parsedJson(), validate('json', openAiChatSchema), async (c) => {
    const body = c.req.valid('json');
    const deps = c.var.deps;
    const { question, history } = conversationOf(body.messages);
    const model = body.model ?? OPENAI_MODEL_ID;
    const id = `chatcmpl-${randomUUID().replace(/-/g, '')}`;
    const created = Math.floor(Date.now() / 1000);
    const abort = requestAbort(c);
    const answerer = answererFor(deps);
    const request = { message: question, history, signal: abort.signal };

    if (body.stream === true) {
      const chunk = (delta: Record<string, unknown>, finish: string | null, extra: Record<string, unknown> = {}): SseMessage => ({
        data: JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, finish_reason: finish }], ...extra }),
      });
      let started = false;
      const render = (ev: AnswerEvent): SseMessage[] => {
        const out: SseMessage[] = [];
        if (!started) {
          started = true;
          out.push(chunk({ role: 'assistant', content: '' }, null));
        }
        if (ev.type === 'token') out.push(chunk({ content: ev.text }, null));
        if (ev.type === 'done') {
          const tail = appendix(ev.answer);
          if (tail) out.push(chunk({ content: tail }, null));
          out.push(chunk({}, 'stop', { citations: ev.answer.citations, answered: ev.answer.answered, ...answerExtras(ev.answer) }));
        }
        return out;
      };
      return sseFrom(c, answerer.stream(request), {
        render,
        renderError: (err) => [{ data: JSON.stringify(openAiErrorBody(err)) }, { data: '[DONE]' }],
        trailer: [{ data: '[DONE]' }],
        logger: deps.logger,
        abort,
      });
    }

    const answer = await answerer.answer(request);
    const content = answer.answer + appendix(answer);
    const prompt = body.messages.map((m) => openAiContentText(m.content)).join('\n');
    const promptTokens = estimateTokens(prompt);
    const completionTokens = estimateTokens(content);
    return c.json({
      id,
      object: 'chat.completion',
      created,
      model,
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
      // Estimated (≈ 4 characters a token): answers are not produced by a tokenizer-based model.
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
      citations: answer.citations,
      answered: answer.answered,
      ...(answer.seeAlso ? { see_also: answer.seeAlso } : {}),
      ...answerExtras(answer),
    });
  });

  app.onError(async (err, c) => {
    // The app's own handler decides status, headers and logging; only the body is reshaped.
    const res = makeOnError(c.var.deps.logger)(err, c);
    const ours = (await res.clone().json()) as { error: { code: string; message: string; hint?: string; details?: unknown } };
    const headers = new Headers(res.headers);
    headers.delete('content-length');
    return new Response(JSON.stringify(openAiShape(ours.error, res.status)), { status: res.status, headers });
  });
  return app;
}

/** Last user message = the question; earlier user/assistant pairs = the history (system messages are ours). */
export function conversationOf(messages: readonly OpenAiMessage[]): { question: string; history: ConversationTurn[] } {
  const history: ConversationTurn[] = [];
  const lastUser = messages.map((m) => m.role).lastIndexOf('user');
  messages.slice(0, lastUser).forEach((m) => {
    const text = openAiContentText(m.content).trim();
    if (!text) return;
    if (m.role === 'user') history.push({ question: text });
    else if (m.role === 'assistant') {
      const turn = history[history.length - 1];
      if (turn && turn.answer === undefined) turn.answer = text;
    }
  });
  return { question: openAiContentText(messages[lastUser]?.content).trim(), history };
}

/** Top-level extras beside `citations`: the short answer, confidence, the quoted sentences (with their English renderings), the notice. */
function answerExtras(a: Answer): Record<string, unknown> {
  return {
    ...(a.shortAnswer ? { short_answer: a.shortAnswer } : {}),
    ...(a.standalone ? { standalone: a.standalone } : {}),
    ...(a.confidence ? { confidence: a.confidence } : {}),
    ...(a.quotes ? { quotes: a.quotes } : {}),
    ...(a.translatedBy ? { translated_by: a.translatedBy } : {}),
    ...(a.notice ? { notice: a.notice } : {}),
  };
}

/**
 * The "Sources:" list (or the closest passages when not answered) appended to the text; when the
 * quotations were machine-translated, the verbatim French sentences follow, so the cited text is
 * there in any client.
 */
export function appendix(a: Answer): string {
  const parts: string[] = [];
  if (a.notice) parts.push(`(${a.notice})`);
  const translated = (a.quotes ?? []).filter((q) => q.translation);
  if (translated.length > 0) parts.push([FRENCH_ORIGINALS_HEADING, ...translated.map((q) => `[${q.n}] « ${q.text} »`)].join('\n'));
  if (a.citations.length > 0) parts.push([SOURCES_HEADING[a.lang], ...a.citations.map((c) => `[${c.n}] ${describe(c)}`)].join('\n'));
  else if (a.seeAlso && a.seeAlso.length > 0) parts.push([SEE_ALSO_HEADING[a.lang], ...a.seeAlso.map((c) => `- ${describe(c)}`)].join('\n'));
  return parts.length > 0 ? `\n\n${parts.join('\n\n')}` : '';
}

function describe(c: Citation): string {
  const where = [c.source, c.date, c.page !== undefined ? `p. ${c.page}` : null].filter(Boolean).join(', ');
  return `${c.title} (${where})`;
}

function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

const TYPE_BY_STATUS: Partial<Record<number, string>> = {
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  429: 'rate_limit_error',
};

function openAiShape(e: { code: string; message: string; hint?: string; details?: unknown }, status: number) {
  const type = TYPE_BY_STATUS[status] ?? (status >= 500 ? 'server_error' : 'invalid_request_error');
  return { error: { message: e.message, type, code: e.code, param: null, ...(e.hint ? { hint: e.hint } : {}), ...(e.details ? { details: e.details } : {}) } };
}

function openAiErrorBody(err: AppError) {
  return openAiShape(err.toJSON().error, err.status);
}
