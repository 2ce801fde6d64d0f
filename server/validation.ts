/**
 * Request schemas (zod through Hono's validator). Failures throw AppError so the one onError maps
 * them: query-string problems are 400, well-formed JSON that breaks the schema is 422.
 */
import { zValidator } from '@hono/zod-validator';
import type { MiddlewareHandler, ValidationTargets } from 'hono';
import { z } from 'zod';
import { AppError } from '../core/errors.js';

export const MAX_K = 50;
export const DEFAULT_K = 5;
export const MAX_MESSAGE_CHARS = 4000;

export const searchQuerySchema = z.object({
  q: z
    .string({ required_error: 'q is required' })
    .transform((s) => s.trim())
    .refine((s) => s.length > 0, 'q must not be empty')
    .refine((s) => s.length <= MAX_MESSAGE_CHARS, `q must be at most ${MAX_MESSAGE_CHARS} characters`),
  k: z
    .string()
    .regex(/^\d+$/, 'k must be a positive integer')
    .transform(Number)
    .refine((n) => n >= 1 && n <= MAX_K, `k must be between 1 and ${MAX_K}`)
    .optional(),
  mode: z.enum(['dense', 'bm25', 'hybrid']).optional(),
});

export const passageIdSchema = z.object({ id: z.string().regex(/^[0-9a-f]{16}$/) });

/** zValidator whose failures become catalog errors instead of zod's default 400 body. */
export function validate<T extends z.ZodTypeAny, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result) => {
    if (result.success) return;
    const issues = result.error.issues.map((i) => ({ field: i.path.join('.') || target, message: i.message }));
    const first = issues[0];
    const message = first ? `${first.field}: ${first.message}` : 'Invalid request.';
    if (target === 'query' && first?.field === 'q') throw new AppError('MISSING_QUERY', message, { details: { issues } });
    if (target === 'json') throw new AppError('VALIDATION_FAILED', message, { details: { issues } });
    if (target === 'param') throw new AppError('NOT_FOUND', 'Not found: check the identifier.', { details: { issues } });
    throw new AppError('INVALID_PARAMETER', message, { details: { issues } });
  });
}

// --- chat (POST /api/chat) and OpenAI-compatible (POST /v1/chat/completions) bodies ---

/** A UUID, with or without dashes, any case (sessions ids are server-generated UUIDs). */
export const SESSION_ID_PATTERN = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

const messageText = (field: string) =>
  z
    .string({ required_error: `${field} is required`, invalid_type_error: `${field} must be a string` })
    .transform((s) => s.trim())
    .refine((s) => s.length > 0, `${field} must not be empty`)
    .refine((s) => s.length <= MAX_MESSAGE_CHARS, `${field} must be at most ${MAX_MESSAGE_CHARS} characters`);

export const chatBodySchema = z.object({
  message: messageText('message'),
  sessionId: z
    .string({ invalid_type_error: 'sessionId must be a string' })
    .regex(SESSION_ID_PATTERN, 'sessionId must be a UUID (as returned by a previous answer)')
    .optional(),
  /** Answer the conversation's last question again, replacing its last answer. */
  regenerate: z.boolean({ invalid_type_error: 'regenerate must be true or false' }).optional(),
});

export const conversationIdSchema = z.object({ id: z.string().regex(SESSION_ID_PATTERN) });
export const turnParamsSchema = z.object({ id: z.string().regex(SESSION_ID_PATTERN), turnId: z.string().regex(SESSION_ID_PATTERN) });
export const MAX_TITLE_CHARS = 120;
export const MAX_COMMENT_CHARS = 2000;

export const renameSchema = z.object({
  title: z
    .string({ required_error: 'title is required', invalid_type_error: 'title must be a string' })
    .transform((s) => s.replace(/\s+/gu, ' ').trim())
    .refine((s) => s.length > 0, 'title must not be empty')
    .refine((s) => s.length <= MAX_TITLE_CHARS, `title must be at most ${MAX_TITLE_CHARS} characters`),
});

export const feedbackSchema = z.object({
  rating: z.enum(['up', 'down'], { required_error: 'rating is required', invalid_type_error: 'rating must be "up" or "down"' }),
  comment: z
    .string({ invalid_type_error: 'comment must be a string' })
    .transform((s) => s.trim())
    .refine((s) => s.length <= MAX_COMMENT_CHARS, `comment must be at most ${MAX_COMMENT_CHARS} characters`)
    .optional(),
});

const openAiContentSchema = z.union([z.string(), z.array(z.object({ type: z.string(), text: z.string().optional() }).passthrough()), z.null()]);

/** The text of an OpenAI message content (a string or text parts). */
export function openAiContentText(content: z.infer<typeof openAiContentSchema> | undefined): string {
  if (typeof content === 'string') return content;
  if (!content) return '';
  return content.map((p) => (p.type === 'text' && typeof p.text === 'string' ? p.text : '')).join('');
}

export const openAiChatSchema = z
  .object({
    model: z.string().max(200).optional(),
    messages: z
      .array(
        z
          .object({
            role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
            content: openAiContentSchema.optional(),
          })
          .passthrough(),
      )
      .min(1, 'messages must not be empty')
      .max(200, 'messages must hold at most 200 entries'),
    stream: z.boolean().optional(),
  })
  .passthrough()
  .superRefine((body, ctx) => {
    const last = body.messages[body.messages.length - 1];
    if (!last || last.role !== 'user') {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['messages'], message: 'the last message must be a user message (the question)' });
      return;
    }
    const text = openAiContentText(last.content).trim();
    if (text.length === 0) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['messages', body.messages.length - 1, 'content'], message: 'the question must not be empty' });
    if (text.length > MAX_MESSAGE_CHARS) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['messages', body.messages.length - 1, 'content'], message: `the question must be at most ${MAX_MESSAGE_CHARS} characters` });
    }
  });

/** Parse the JSON body up front so malformed JSON is 400 INVALID_JSON (hono's validator would say BAD_REQUEST). */
export function parsedJson(): MiddlewareHandler {
  return async (c, next) => {
    try {
      await c.req.json();
    } catch {
      throw new AppError('INVALID_JSON', 'The request body is not valid JSON.');
    }
    await next();
  };
}
