/**
 * A real HTTP server speaking the /api/search contract over a WordOverlapRetriever, with a few
 * misbehaving prefixes to exercise the client's error handling.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Passage } from '../../core/types.js';
import { WordOverlapRetriever } from './helpers.js';

export interface TestServer {
  url: string;
  requests: URL[];
  close(): Promise<void>;
}

export async function startSearchServer(passages: readonly Passage[]): Promise<TestServer> {
  const retriever = new WordOverlapRetriever(passages);
  const requests: URL[] = [];
  let limitedCalls = 0;

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(url);
    const [, prefix, ...rest] = url.pathname.split('/');
    if (rest.join('/') !== 'api/search') return send(res, 404, { error: { code: 'ROUTE_NOT_FOUND', message: 'no route' } });
    if (prefix === 'err') return send(res, 503, { error: { code: 'INDEX_NOT_READY', message: 'index loading' } });
    if (prefix === 'html') return send(res, 200, '<html>oops</html>');
    if (prefix === 'auth' && req.headers.authorization !== 'Bearer s3cret') return send(res, 401, { error: { code: 'UNAUTHORIZED', message: 'missing key' } });
    if (prefix === 'limited' && limitedCalls++ === 0) return send(res, 429, { error: { code: 'RATE_LIMITED', message: 'slow down' } }, { 'retry-after': '0' });
    const r = await retriever.search(url.searchParams.get('q') ?? '', { k: Number(url.searchParams.get('k') ?? '10') });
    const results = r.hits.map((h) => ({ id: h.passage.id, source: h.passage.source, title: h.passage.title, date: h.passage.date, text: h.passage.text, score: h.score }));
    if (prefix === 'broken') return send(res, 200, { answerable: true, results: results.map(({ text: _t, ...x }) => x) });
    return send(res, 200, { answerable: r.answerable, results, ...(prefix === 'ok' ? { lang: r.lang, diagnostics: r.diagnostics } : {}) });
  };

  const server: Server = createServer((req, res) => {
    handler(req, res).catch((err: unknown) => send(res, 500, { error: { code: 'INTERNAL', message: String(err) } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
