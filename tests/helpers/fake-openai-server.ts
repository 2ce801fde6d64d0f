/**
 * A small OpenAI-compatible chat server on a real socket, for the LLM composer tests: the real
 * LangChain client talks real HTTP to it. The first path segment picks a behaviour, so one server
 * serves every case (baseURL = `${url}/<mode>/v1`):
 *
 *   cite   a canned answer citing [1] and a bogus [9] (the marker split across chunks when
 *          streaming); condense prompts get `condensed` back
 *   hang   accepts the request and never answers (the client must time out)
 *   fail   HTTP 500 with an OpenAI-style error body
 *   nocite an answer without any citation marker
 *   break  streams the first piece of the answer, then drops the connection
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';

export interface FakeOpenAiOptions {
  /** Reply of the `cite` mode, in pieces (one SSE chunk each when streaming). */
  answerChunks: string[];
  /** Reply to condense prompts (recognised by "Standalone question" / "Question autonome"). */
  condensed: string;
  nociteAnswer: string;
}

export const DEFAULT_FAKE_OPENAI: FakeOpenAiOptions = {
  answerChunks: ['INTERPOL et l’ONUDC ont signé un accord ', 'de coopération en 2016 [1]. Ils luttent aussi ', 'contre la piraterie [', '9].'],
  condensed: 'Qui a signé l’accord de coopération entre l’ONUDC et INTERPOL en 2016 ?',
  nociteAnswer: 'Je ne sais pas.',
};

export type FakeMode = 'cite' | 'hang' | 'fail' | 'nocite' | 'break';

export interface RecordedRequest {
  mode: string;
  path: string;
  body: { model?: string; stream?: boolean; messages?: { role: string; content: unknown }[] } & Record<string, unknown>;
}

export interface FakeOpenAiServer {
  url: string;
  /** baseURL for a mode, e.g. baseUrl('cite') → http://127.0.0.1:PORT/cite/v1 */
  baseUrl(mode: FakeMode): string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startFakeOpenAi(options: Partial<FakeOpenAiOptions> = {}): Promise<FakeOpenAiServer> {
  const o: FakeOpenAiOptions = { ...DEFAULT_FAKE_OPENAI, ...options };
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const [, mode = '', ...rest] = url.pathname.split('/');
    const raw = await readBody(req);
    const body = raw ? (JSON.parse(raw) as RecordedRequest['body']) : {};
    requests.push({ mode, path: `/${rest.join('/')}`, body });
    if (rest.join('/') !== 'v1/chat/completions' || req.method !== 'POST') {
      return send(res, 404, { error: { message: 'no such route', type: 'invalid_request_error', code: null } });
    }
    if (mode === 'hang') return; // never answer; the socket is destroyed on close()
    if (mode === 'fail') return send(res, 500, { error: { message: 'model crashed', type: 'server_error', code: null } });
    const prompt = JSON.stringify(body.messages ?? []);
    const isCondense = /Standalone question|Question autonome/.test(prompt);
    const chunks = isCondense ? [o.condensed] : mode === 'nocite' ? [o.nociteAnswer] : o.answerChunks;
    const model = body.model ?? 'fake';
    if (body.stream) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const line = (delta: Record<string, unknown>, finish: string | null) =>
        `data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 0, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
      res.write(line({ role: 'assistant', content: '' }, null));
      if (mode === 'break' && !isCondense) {
        res.write(line({ content: chunks[0] ?? '' }, null));
        // Let the first piece reach the client before the connection drops.
        setTimeout(() => res.socket?.destroy(), 50);
        return;
      }
      for (const c of chunks) res.write(line({ content: c }, null));
      res.write(line({}, 'stop'));
      res.end('data: [DONE]\n\n');
      return;
    }
    return send(res, 200, {
      id: 'chatcmpl-fake',
      object: 'chat.completion',
      created: 0,
      model,
      choices: [{ index: 0, message: { role: 'assistant', content: chunks.join('') }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
    });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => send(res, 500, { error: { message: String(err), type: 'server_error', code: null } }));
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    baseUrl: (mode) => `${url}/${mode}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const s of sockets) s.destroy();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (data += c));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}
