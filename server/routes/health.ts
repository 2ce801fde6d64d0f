import { Hono } from 'hono';
import type { AppEnv } from '../types.js';

export function healthRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/health', async (c) => {
    const { service, startedAt } = c.var.deps;
    const m = service.store.manifest();
    return c.json({
      status: 'ok',
      store: service.store.kind,
      embedder: m.embedder.name,
      model: m.embedder.model,
      documents: Object.keys(m.documents).length,
      passages: m.passages,
      indexUpdatedAt: m.updatedAt,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    });
  });
  return app;
}
