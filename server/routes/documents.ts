/**
 * Bring your own documents:
 *   POST   /api/documents          multipart/form-data, field `file` → 201 (200 + duplicate: true
 *                                  when the same bytes are already indexed)
 *   GET    /api/documents          → {documents: [...]}
 *   DELETE /api/documents/:source  URL-encoded source (may contain "/") → 204
 * The work happens in ingest/live.ts (corpus file + live store + refresh); this file only speaks
 * HTTP. The request body limit (uploadLimitBytes) is enforced by the middleware stack before the
 * body is read; the file itself is checked again here (the multipart envelope is not the file).
 */
import { Hono, type Context } from 'hono';
import { AppError } from '../../core/errors.js';
import type { DocumentRecord } from '../../core/types.js';
import { addDocument, removeDocument, type AddedDocument, type LiveContext } from '../../ingest/index.js';
import type { AppEnv } from '../types.js';

export function documentRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/api/documents', (c) => c.json({ documents: c.var.deps.service.documents().map(listed) }));

  app.post('/api/documents', async (c) => {
    const live = liveOf(c);
    const type = c.req.header('content-type') ?? '';
    if (!/^multipart\/form-data\s*;/iu.test(type)) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the document as multipart/form-data with the file in a field named "file".', {
        details: { contentType: type || null },
      });
    }
    let body: Record<string, string | File>;
    try {
      body = await c.req.parseBody();
    } catch (cause) {
      if (cause instanceof AppError) throw cause; // e.g. the body limit, raised while reading
      throw new AppError('BAD_REQUEST', 'The multipart body could not be parsed.', { cause });
    }
    const file = body['file'];
    if (!(file instanceof File)) {
      throw new AppError('VALIDATION_FAILED', 'file: a file is required (multipart field "file").', {
        details: { issues: [{ field: 'file', message: file === undefined ? 'missing' : 'must be a file, not a text field' }] },
      });
    }
    const limit = c.var.deps.config.uploadLimitBytes;
    if (file.size > limit) {
      throw new AppError('PAYLOAD_TOO_LARGE', `"${file.name}" is ${file.size} bytes; uploads are limited to ${limit} bytes.`, {
        details: { bytes: file.size, limitBytes: limit },
      });
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const added = await addDocument(bytes, file.name || 'document', live);
    c.header('Location', `/api/documents/${encodeURIComponent(added.source)}`);
    return c.json(created(added), added.duplicate ? 200 : 201);
  });

  // `{.+}`: the source may contain "/" (uploads/x.pdf), sent raw or as %2F.
  app.delete('/api/documents/:source{.+}', async (c) => {
    const live = liveOf(c);
    const source = c.req.param('source');
    await removeDocument(source, live);
    return c.body(null, 204);
  });

  return app;
}

function liveOf(c: Context<AppEnv>): LiveContext {
  const live = c.var.deps.documents;
  if (!live) throw new AppError('METHOD_NOT_ALLOWED', 'Document uploads and deletes are not enabled on this server.');
  return live;
}

function listed(d: DocumentRecord) {
  return { source: d.source, title: d.title, date: d.date, format: d.format, passages: d.passages, chars: d.chars, ingestedAt: d.ingestedAt };
}

function created(d: AddedDocument) {
  return { ...listed(d), ...(d.pages !== undefined ? { pages: d.pages } : {}), duplicate: d.duplicate };
}
