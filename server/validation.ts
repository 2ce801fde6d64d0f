/**
 * Request schemas (zod through Hono's validator). Failures throw AppError so the one onError maps
 * them: query-string problems are 400, well-formed JSON that breaks the schema is 422.
 */
import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
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
    if (target === 'param') throw new AppError('NOT_FOUND', 'No such passage.', { details: { issues } });
    throw new AppError('INVALID_PARAMETER', message, { details: { issues } });
  });
}
