/**
 * The Hono application: routes mounted on shared middleware, one error handler. Built from injected
 * dependencies so tests drive the real app through app.request() without a socket.
 */
import { Hono } from 'hono';
import { makeOnError, notFound } from './errors.js';
import { mountMiddleware } from './middleware/stack.js';
import { chatRoutes } from './routes/chat.js';
import { conversationRoutes } from './routes/conversations.js';
import { documentRoutes } from './routes/documents.js';
import { healthRoutes } from './routes/health.js';
import { openAiRoutes } from './routes/openai.js';
import { previewRoutes } from './routes/preview.js';
import { searchRoutes } from './routes/search.js';
import { sourceRoutes } from './routes/sources.js';
import { staticRoutes } from './routes/static.js';
import type { AppDeps, AppEnv } from './types.js';

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // --- middleware (order and rationale: server/middleware/stack.ts) ---
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  mountMiddleware(app, deps.config);
  // --- routes ---
  app.route('/', healthRoutes());
  app.route('/', searchRoutes());
  app.route('/', sourceRoutes());
  app.route('/', documentRoutes());
  app.route('/', previewRoutes());
  app.route('/', chatRoutes());
  app.route('/', conversationRoutes());
  app.route('/', openAiRoutes());
  // Static assets last: API routes win, unknown paths fall through to the JSON 404.
  app.route('/', staticRoutes());
  app.notFound(notFound);
  app.onError(makeOnError(deps.logger));
  return app;
}
