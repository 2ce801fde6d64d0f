/**
 * A stand-in for the LLM in the overload run: an OpenAI-compatible /chat/completions endpoint on
 * 127.0.0.1 that answers after a fixed delay, streamed or not. With the lexical embedder and the
 * extractive composer the answer pipeline is synchronous CPU work, which Node runs one request at
 * a time whatever the cap; a deployment with an LLM waits on the network instead, and that is
 * where requests pile up and the concurrency cap has to refuse them. The delay reproduces it
 * without a model.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubLlmOptions {
  /** Time before the first token, ms. */
  latencyMs: number;
  text: string;
}

export const DEFAULT_STUB_LLM: StubLlmOptions = {
  latencyMs: 300,
  text: 'Selon les documents, Jürgen Stock a rencontré António Guterres aux Nations unies [1].',
};

export interface StubLlm {
  /** For LLM_BASE_URL. */
  baseUrl: string;
  requests(): number;
  close(): Promise<void>;
}

export async function startStubLlm(options: Partial<StubLlmOptions> = {}): Promise<StubLlm> {
  const o: StubLlmOptions = { ...DEFAULT_STUB_LLM, ...options };
  let count = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
        return;
      }
      count++;
      let stream = false;
      try {
        stream = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { stream?: boolean }).stream === true;
      } catch {
        /* answer non-streamed */
      }
      const base = { id: `stub-${count}`, created: Math.floor(Date.now() / 1000), model: 'stub' };
      setTimeout(() => {
        if (!stream) {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ...base, object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: o.text }, finish_reason: 'stop' }] }));
          return;
        }
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        const chunk = (delta: Record<string, string>, finish: string | null) =>
          `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
        res.write(chunk({ role: 'assistant', content: '' }, null));
        for (const word of o.text.split(/(?<= )/)) res.write(chunk({ content: word }, null));
        res.write(chunk({}, 'stop'));
        res.end('data: [DONE]\n\n');
      }, o.latencyMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
