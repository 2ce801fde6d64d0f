/**
 * Saved conversations of the calling client (header X-Client-Id, see server/client.ts):
 *   GET    /api/conversations                      → {conversations: [{id,title,createdAt,updatedAt,turns}]}, newest first
 *   GET    /api/conversations/:id                  → the conversation with its turns (question, answer, citations, feedback…)
 *   PATCH  /api/conversations/:id {title}          → renamed summary
 *   DELETE /api/conversations/:id                  → 204
 *   GET    /api/conversations/:id/export?lang=fr   → Markdown (text/markdown, as an attachment) with the citations
 *   PUT    /api/conversations/:id/turns/:turnId/feedback {rating: "up"|"down", comment?}
 *          → the turn's feedback; also appended to the feedback store with the question, the answer
 *            and the cited passages (what `npm run eval -- --feedback-draft` reads)
 * Another client's conversation is a 404, like an unknown one.
 */
import { Hono } from 'hono';
import type { Conversation, FeedbackRecord, StoredTurn } from '../../answer/index.js';
import { AppError } from '../../core/errors.js';
import type { Lang } from '../../core/types.js';
import { identifiedClient } from '../client.js';
import { requireJson } from '../middleware/json-only.js';
import type { AppEnv } from '../types.js';
import { conversationIdSchema, feedbackSchema, parsedJson, renameSchema, turnParamsSchema, validate } from '../validation.js';
import { feedbackFor, sessionsFor } from './chat.js';
import { conversationMarkdown } from './conversation-markdown.js';

/** What clients see of a conversation (the owner key stays on the server). */
export function publicConversation(c: Conversation) {
  return { id: c.id, title: c.title, createdAt: c.createdAt, updatedAt: c.updatedAt, turns: c.turns };
}

export function conversationRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const json = requireJson();

  app.get('/api/conversations', async (c) => {
    const client = identifiedClient(c);
    return c.json({ conversations: await sessionsFor(c.var.deps).list(client) });
  });

  app.get('/api/conversations/:id', validate('param', conversationIdSchema), async (c) => {
    const conversation = await sessionsFor(c.var.deps).get(c.req.valid('param').id, identifiedClient(c));
    if (!conversation) throw new AppError('NOT_FOUND', 'No such conversation.');
    return c.json(publicConversation(conversation));
  });

  app.patch('/api/conversations/:id', json, parsedJson(), validate('param', conversationIdSchema), validate('json', renameSchema), async (c) => {
    const renamed = await sessionsFor(c.var.deps).rename(c.req.valid('param').id, identifiedClient(c), c.req.valid('json').title);
    const { turns, ...summary } = publicConversation(renamed);
    return c.json({ ...summary, turns: turns.length });
  });

  app.delete('/api/conversations/:id', validate('param', conversationIdSchema), async (c) => {
    const removed = await sessionsFor(c.var.deps).remove(c.req.valid('param').id, identifiedClient(c));
    if (!removed) throw new AppError('NOT_FOUND', 'No such conversation.');
    return c.body(null, 204);
  });

  app.get('/api/conversations/:id/export', validate('param', conversationIdSchema), async (c) => {
    const conversation = await sessionsFor(c.var.deps).get(c.req.valid('param').id, identifiedClient(c));
    if (!conversation) throw new AppError('NOT_FOUND', 'No such conversation.');
    const lang: Lang = c.req.query('lang') === 'en' ? 'en' : c.req.query('lang') === 'fr' ? 'fr' : (conversation.turns[0]?.lang ?? 'fr');
    c.header('Content-Type', 'text/markdown; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${fileNameOf(conversation.title)}.md"; filename*=UTF-8''${encodeURIComponent(fileNameOf(conversation.title, true))}.md`);
    return c.body(conversationMarkdown(conversation, lang));
  });

  app.put('/api/conversations/:id/turns/:turnId/feedback', json, parsedJson(), validate('param', turnParamsSchema), validate('json', feedbackSchema), async (c) => {
    const { id, turnId } = c.req.valid('param');
    const { rating, comment } = c.req.valid('json');
    const deps = c.var.deps;
    const at = new Date().toISOString();
    const feedback = { rating, ...(comment ? { comment } : {}), at };
    const { turn } = await sessionsFor(deps).setFeedback(id, turnId, identifiedClient(c), feedback);
    await feedbackFor(deps).add(feedbackRecord(id, turn, feedback));
    return c.json({ conversationId: id, turnId, feedback });
  });

  return app;
}

function feedbackRecord(conversationId: string, turn: StoredTurn, feedback: { rating: 'up' | 'down'; comment?: string; at: string }): FeedbackRecord {
  return {
    at: feedback.at,
    conversationId,
    turnId: turn.id,
    rating: feedback.rating,
    ...(feedback.comment ? { comment: feedback.comment } : {}),
    ...(turn.lang ? { lang: turn.lang } : {}),
    question: turn.question,
    ...(turn.standalone ? { standalone: turn.standalone } : {}),
    answer: turn.answer ?? '',
    answered: turn.answered ?? false,
    citations: turn.citations ?? [],
    ...(turn.quotes ? { quotes: turn.quotes } : {}),
  };
}

/** A file name from a title: ASCII-safe for the plain parameter, the title itself for filename*. */
function fileNameOf(title: string, unicode = false): string {
  const base = (title || 'conversation').replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ').replace(/\s+/gu, ' ').trim().slice(0, 80) || 'conversation';
  return unicode ? base : base.normalize('NFKD').replace(/[^\x20-\x7e]/gu, '').replace(/\s+/gu, '-') || 'conversation';
}
