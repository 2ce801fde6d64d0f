/**
 * POST /api/chat {"message", "sessionId"?} → the answer as JSON, or as Server-Sent Events when the
 * client accepts text/event-stream: `token` ({"text"}) events, then `citations` (the array), then
 * `done` (the full JSON response); an `error` event ({"error":{code,message,hint}}) if it fails
 * mid-stream. Content type (415) and body size are checked by the middleware stack.
 */
import { Hono } from 'hono';
import { corpusViewOf, createAnswerer, MemoryFeedbackStore } from '../../answer/index.js';
import type { AnswerEvent, Answerer, FeedbackStore, SessionStore } from '../../answer/index.js';
import { AppError } from '../../core/errors.js';
import { clientOf } from '../client.js';
import { requestAbort, sseFrom, wantsEventStream, type SseMessage } from '../sse.js';
import type { AppDeps, AppEnv } from '../types.js';
import { chatBodySchema, parsedJson, validate } from '../validation.js';

const defaults = new WeakMap<AppDeps, Answerer & { sessions?: SessionStore }>();
const defaultFeedback = new WeakMap<AppDeps, FeedbackStore>();

/** The injected answerer, or one built once per app from its index and configuration. */
export function answererFor(deps: AppDeps): Answerer & { sessions?: SessionStore } {
  if (deps.answerer) return deps.answerer;
  let answerer = defaults.get(deps);
  if (!answerer) {
    const service = deps.service;
    answerer = createAnswerer({
      // Through the service, so a retriever swapped by refresh() (live uploads) is used at once.
      retriever: { search: (q, o) => service.retriever.search(q, o) },
      logger: deps.logger,
      corpus: corpusViewOf(service),
      llm: deps.config.llm,
      translator: deps.translator ?? null,
      ...(deps.sessions ? { sessions: deps.sessions } : {}),
    });
    defaults.set(deps, answerer);
  }
  return answerer;
}

/** The conversations the answerer records into (the injected store, else the answerer's own). */
export function sessionsFor(deps: AppDeps): SessionStore {
  if (deps.sessions) return deps.sessions;
  const own = answererFor(deps).sessions;
  if (own) return own;
  throw new AppError('INTERNAL', 'The injected answerer shares no session store: pass deps.sessions too.');
}

export function feedbackFor(deps: AppDeps): FeedbackStore {
  if (deps.feedback) return deps.feedback;
  let store = defaultFeedback.get(deps);
  if (!store) defaultFeedback.set(deps, (store = new MemoryFeedbackStore()));
  return store;
}

export function chatEvents(ev: AnswerEvent): SseMessage[] {
  switch (ev.type) {
    case 'token':
      return [{ event: 'token', data: JSON.stringify({ text: ev.text }) }];
    case 'citations':
      return [{ event: 'citations', data: JSON.stringify(ev.citations) }];
    case 'done':
      return [{ event: 'done', data: JSON.stringify(ev.answer) }];
  }
}

export function chatRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/api/chat', parsedJson(), validate('json', chatBodySchema), async (c) => {
    const { message, sessionId, regenerate } = c.req.valid('json');
    const deps = c.var.deps;
    const client = clientOf(c);
    const abort = requestAbort(c);
    const request = { message, ...(sessionId ? { sessionId } : {}), ...(regenerate ? { regenerate } : {}), client, signal: abort.signal };
    const answerer = answererFor(deps);
    if (wantsEventStream(c.req.header('accept'))) {
      return sseFrom(c, answerer.stream(request), {
        render: chatEvents,
        renderError: (err) => [{ event: 'error', data: JSON.stringify(err.toJSON()) }],
        logger: deps.logger,
        abort,
      });
    }
    return c.json(await answerer.answer(request));
  });
  return app;
}
