/**
 * Limits on the real app (real index, real middleware stack): body size per route group,
 * JSON-only bodies, per-client rate limiting, the request deadline and the answer-pipeline
 * concurrency cap. Clients are told apart the way the server does it, by the socket address
 * (given to app.request() as the node-server binding). The deadline and the cap are also driven
 * on a bare Hono app whose handler the test holds open, so nothing depends on timing.
 */
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inRanges, parseCidrList } from '../../core/cidr.js';
import { configFromEnv, DEFAULT_CONFIG, type AppConfig } from '../../core/config.js';
import { AppError } from '../../core/errors.js';
import { silentLogger } from '../../core/logger.js';
import { createApp } from '../../server/app.js';
import { makeOnError } from '../../server/errors.js';
import { clientIp, clientKey } from '../../server/middleware/client-ip.js';
import { concurrencyLimit, ConcurrencyGate } from '../../server/middleware/concurrency.js';
import { RateLimiter } from '../../server/middleware/rate-limit.js';
import { requestTimeout } from '../../server/middleware/timeout.js';
import { buildTestIndex, type TestIndex } from '../helpers/test-index.js';

let index: TestIndex;
beforeAll(async () => {
  index = await buildTestIndex();
});
afterAll(() => index.close());

function appWith(config: Partial<AppConfig> = {}) {
  return createApp({ config: { ...DEFAULT_CONFIG, ...config }, logger: silentLogger, service: index.service, startedAt: Date.now() });
}

/** The node-server binding getConnInfo() reads: what a real socket from `address` looks like. */
const from = (address: string) => ({ incoming: { socket: { remoteAddress: address, remotePort: 40000, remoteFamily: address.includes(':') ? 'IPv6' : 'IPv4' } } });

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string; details?: Record<string, unknown> } }).error;

/** A request body that arrives in pieces, without Content-Length (chunked on the wire). */
function streamed(chunks: string[]): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(enc.encode(chunks[i++]));
      else controller.close();
    },
  });
}

describe('body size limits', () => {
  const app = () => appWith({ bodyLimitBytes: 1024, uploadLimitBytes: 8192 });
  const big = JSON.stringify({ message: 'x'.repeat(2000) });

  it('a JSON body over bodyLimitBytes is a 413 PAYLOAD_TOO_LARGE, with or without Content-Length', async () => {
    for (const url of ['/api/chat', '/v1/chat/completions']) {
      const withLength = await app().request(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(big)) },
        body: big,
      });
      expect(withLength.status).toBe(413);
      const err = await errorOf(withLength);
      expect(err.code).toBe('PAYLOAD_TOO_LARGE');
      expect(err.message).toMatch(/1024 bytes/);
      const chunked = await app().request(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: streamed([big.slice(0, 700), big.slice(700, 1400), big.slice(1400)]),
        duplex: 'half',
      } as RequestInit);
      expect(chunked.status).toBe(413);
      expect((await errorOf(chunked)).code).toBe('PAYLOAD_TOO_LARGE');
    }
  });

  it('a body under the limit goes through to the route', async () => {
    const res = await app().request('/api/chat', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ message: 'INTERPOL ?' }) });
    expect(res.status).toBe(200);
  });

  it('the upload group is not cut by the JSON limit, only by uploadLimitBytes', async () => {
    const form = (bytes: number) => {
      const fd = new FormData();
      fd.append('file', new Blob(['a'.repeat(bytes)], { type: 'text/plain' }), 'note.txt');
      return fd;
    };
    const mid = await app().request('/api/documents', { method: 'POST', body: form(4000) });
    expect(mid.status).not.toBe(413);
    const over = await app().request('/api/documents', { method: 'POST', body: form(20_000) });
    expect(over.status).toBe(413);
    expect((await errorOf(over)).message).toMatch(/8192 bytes/);
  });
});

describe('JSON-only bodies', () => {
  it.each([
    ['/api/chat', 'text/plain', 'message=hi'],
    ['/api/chat', 'application/x-www-form-urlencoded', 'message=hi'],
    ['/api/chat', undefined, '{"message":"hi"}'],
    ['/v1/chat/completions', 'multipart/form-data; boundary=x', '--x--'],
    ['/v1/chat/completions', 'application/jsonp', '{}'],
  ])('POST %s with Content-Type %s is a 415', async (url, type, body) => {
    const res = await appWith().request(url, { method: 'POST', headers: type ? { 'Content-Type': type } : {}, body });
    expect(res.status).toBe(415);
    expect((await errorOf(res)).code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('application/json (with a charset) is accepted', async () => {
    const res = await appWith().request('/api/chat', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ message: 'Qui dirige INTERPOL ?' }),
    });
    expect(res.status).toBe(200);
  });

  it('GET endpoints are not affected', async () => {
    expect((await appWith().request('/api/search?q=INTERPOL')).status).toBe(200);
  });
});

describe('rate limiting', () => {
  const limited = (extra: Partial<AppConfig> = {}) => appWith({ rateLimit: { windowMs: 60_000, max: 3 }, ...extra });

  it('gives each client max requests per window, then 429 RATE_LIMITED with Retry-After and RateLimit headers', async () => {
    const app = limited();
    const a = from('192.0.2.10');
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await app.request('/api/search?q=INTERPOL&k=1', {}, a);
      statuses.push(res.status);
      expect(res.headers.get('ratelimit-remaining')).toBe(String(2 - i));
    }
    expect(statuses).toEqual([200, 200, 200]);
    const res = await app.request('/api/search?q=INTERPOL&k=1', {}, a);
    expect(res.status).toBe(429);
    const err = await errorOf(res);
    expect(err.code).toBe('RATE_LIMITED');
    const retry = Number(res.headers.get('retry-after'));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    expect(res.headers.get('ratelimit-limit')).toBe('3');
    expect(res.headers.get('ratelimit-remaining')).toBe('0');
    expect(res.headers.get('ratelimit-policy')).toBe('3;w=60');
    expect(res.headers.get('content-security-policy')).toBeTruthy();
    // Another client is not affected; neither are /health and the page.
    expect((await app.request('/api/search?q=INTERPOL&k=1', {}, from('192.0.2.11'))).status).toBe(200);
    expect((await app.request('/health', {}, a)).status).toBe(200);
    expect((await app.request('/', {}, a)).status).toBe(200);
  });

  it('ignores X-Forwarded-For unless the socket is a trusted proxy (TRUST_PROXY addresses)', async () => {
    const app = limited();
    const a = from('192.0.2.20');
    for (let i = 0; i < 3; i++) await app.request('/api/search?q=x', { headers: { 'X-Forwarded-For': `198.51.100.${i}` } }, a);
    const spoofed = await app.request('/api/search?q=x', { headers: { 'X-Forwarded-For': '198.51.100.99' } }, a);
    expect(spoofed.status).toBe(429);

    // Behind a trusted proxy, the proxy's address is shared and the entry it appended counts.
    const proxied = limited({ trustProxy: parseCidrList('10.0.0.0/8') });
    const proxy = from('10.0.0.1');
    for (let i = 0; i < 3; i++) await proxied.request('/api/search?q=x', { headers: { 'X-Forwarded-For': '198.51.100.7' } }, proxy);
    expect((await proxied.request('/api/search?q=x', { headers: { 'X-Forwarded-For': '198.51.100.7' } }, proxy)).status).toBe(429);
    // A client-supplied entry further left does not buy a new bucket.
    expect((await proxied.request('/api/search?q=x', { headers: { 'X-Forwarded-For': '1.2.3.4, 198.51.100.7' } }, proxy)).status).toBe(429);
    // A chain of trusted proxies (10.x) is walked past; the first foreign address is the client.
    expect((await proxied.request('/api/search?q=x', { headers: { 'X-Forwarded-For': '198.51.100.7, 10.1.2.3' } }, proxy)).status).toBe(429);
    expect((await proxied.request('/api/search?q=x', { headers: { 'X-Forwarded-For': '198.51.100.8' } }, proxy)).status).toBe(200);

    // The attack: TRUST_PROXY set, but a direct client (not a listed proxy) rotating the
    // header. It is keyed by its socket: limited after 3, whatever it claims.
    const direct = from('192.0.2.21');
    const rotating = [] as number[];
    for (let i = 0; i < 6; i++) rotating.push((await proxied.request('/api/search?q=x', { headers: { 'X-Forwarded-For': `203.0.113.${i}` } }, direct)).status);
    expect(rotating).toEqual([200, 200, 200, 429, 429, 429]);
  });

  it('TRUST_PROXY takes addresses; a hop count or true is refused with the fix', () => {
    expect(configFromEnv({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1' }).trustProxy.map((r) => r.source)).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
    expect(configFromEnv({ TRUST_PROXY: 'loopback' }).trustProxy).toHaveLength(2);
    expect(configFromEnv({ TRUST_PROXY: 'off' }).trustProxy).toEqual([]);
    for (const v of ['1', 'true', '2']) expect(() => configFromEnv({ TRUST_PROXY: v })).toThrow(/TRUST_PROXY=127\.0\.0\.1/);
    expect(() => configFromEnv({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/not an IP address or CIDR/);
    const ranges = parseCidrList('10.0.0.0/8,2001:db8::/32,loopback');
    expect(inRanges('10.200.3.4', ranges)).toBe(true);
    expect(inRanges('::ffff:10.1.1.1', ranges)).toBe(true);
    expect(inRanges('11.0.0.1', ranges)).toBe(false);
    expect(inRanges('2001:db8:ffff::1', ranges)).toBe(true);
    expect(inRanges('2001:db9::1', ranges)).toBe(false);
    expect(inRanges('127.5.5.5', ranges)).toBe(true);
    expect(inRanges('::1', ranges)).toBe(true);
  });

  it('weighs requests by cost: a long question spends more of the budget than a short one', async () => {
    const app = appWith({ rateLimit: { windowMs: 60_000, max: 30 } });
    const a = from('192.0.2.25');
    const long = encodeURIComponent('coopération '.repeat(334).slice(0, 4000)); // 4,000 characters: 1 + 20 units
    const first = await app.request(`/api/search?q=${long}&k=1`, {}, a);
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-remaining')).toBe('9');
    // Nine one-unit searches fit; the next long one does not.
    for (let i = 0; i < 9; i++) expect((await app.request('/api/search?q=INTERPOL&k=1', {}, a)).status).toBe(200);
    expect((await app.request(`/api/search?q=${long}&k=1`, {}, a)).status).toBe(429);
    // A request costing more than the whole budget still passes once a window (never locked out).
    const b = from('192.0.2.26');
    const small = appWith({ rateLimit: { windowMs: 60_000, max: 3 } });
    expect((await small.request(`/api/search?q=${long}&k=1`, {}, b)).status).toBe(200);
    expect((await small.request('/api/search?q=x&k=1', {}, b)).status).toBe(429);
  });

  it('also throttles requests that fail authentication (key guessing)', async () => {
    const app = limited({ apiKey: 'k' });
    const a = from('192.0.2.30');
    for (let i = 0; i < 3; i++) expect((await app.request('/api/search?q=x', { headers: { Authorization: `Bearer guess${i}` } }, a)).status).toBe(401);
    expect((await app.request('/api/search?q=x', { headers: { Authorization: 'Bearer k' } }, a)).status).toBe(429);
  });

  it('RATE_LIMIT_MAX=0 turns it off', async () => {
    const app = appWith({ rateLimit: { windowMs: 60_000, max: 0 } });
    for (let i = 0; i < 5; i++) {
      const res = await app.request('/api/search?q=x&k=1', {}, from('192.0.2.40'));
      expect(res.status).toBe(200);
      expect(res.headers.has('ratelimit-limit')).toBe(false);
    }
  });

  it('windows reset, and the bucket table stays bounded (sweep + cap)', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter({ windowMs: 1000, max: 2, maxClients: 100, now: () => now });
    expect(limiter.hit('a').allowed).toBe(true);
    expect(limiter.hit('a').allowed).toBe(true);
    const third = limiter.hit('a');
    expect(third).toMatchObject({ allowed: false, remaining: 0, resetSeconds: 1 });
    now += 1000;
    expect(limiter.hit('a').allowed).toBe(true);
    // 10 000 distinct clients in one window: never more than maxClients buckets.
    for (let i = 0; i < 10_000; i++) limiter.hit(`c${i}`);
    expect(limiter.size).toBeLessThanOrEqual(100);
    // After the window, the next request sweeps every expired bucket.
    now += 1000;
    limiter.hit('z');
    expect(limiter.size).toBe(1);
  });

  it('keys clients by socket address, IPv4-mapped IPv6 as IPv4, IPv6 by /64', async () => {
    expect(clientKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(clientKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey('192.0.2.1')).toBe('192.0.2.1');
    const app = new Hono();
    app.get('/ip', (c) => c.text(clientIp(c)));
    // No socket (app.request without bindings): one shared bucket, never a crash.
    expect(await (await app.request('/ip')).text()).toBe('unknown');
    expect(await (await app.request('/ip', {}, from('::ffff:203.0.113.5'))).text()).toBe('203.0.113.5');
  });
});

/** A promise the test resolves when it chooses. */
function deferred<T = void>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('request deadline', () => {
  it('a handler that does not answer in time gets a 504 TIMEOUT JSON, and its signal is aborted', async () => {
    const app = new Hono();
    app.onError(makeOnError(silentLogger));
    let signal: AbortSignal | null = null;
    app.use('*', requestTimeout({ ms: 20 }));
    app.get('/slow', async (c) => {
      signal = c.var.requestSignal;
      await new Promise<void>((resolve) => c.var.requestSignal.addEventListener('abort', () => resolve()));
      return c.text('too late');
    });
    const res = await app.request('/slow');
    expect(res.status).toBe(504);
    expect((await errorOf(res)).code).toBe('TIMEOUT');
    expect((signal as AbortSignal | null)?.aborted).toBe(true);
  });

  it('a streaming (SSE) response that has started is not cut by the deadline', async () => {
    const app = new Hono();
    app.onError(makeOnError(silentLogger));
    app.use('*', requestTimeout({ ms: 20 }));
    app.get('/stream', (c) =>
      streamSSE(c, async (s) => {
        await s.writeSSE({ event: 'token', data: 'first' });
        // Well past the deadline before the last event.
        await new Promise((r) => setTimeout(r, 100));
        await s.writeSSE({ event: 'done', data: 'last' });
      }),
    );
    const res = await app.request('/stream');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('data: first');
    expect(text).toContain('data: last');
  });

  it('the real app applies REQUEST_TIMEOUT_MS to /api and /v1 (a queued request times out)', async () => {
    // One slot, held by a request whose body does not arrive: the next one waits in the queue
    // until its deadline, then gets 504 and leaves the queue.
    const app = appWith({ answerConcurrency: 1, answerQueue: 4, requestTimeoutMs: 100 });
    const held = heldChatRequest(app);
    await held.started;
    const res = await app.request('/api/chat', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"message":"INTERPOL ?"}' });
    expect(res.status).toBe(504);
    expect((await errorOf(res)).code).toBe('TIMEOUT');
    // The held request is past its deadline too.
    expect((await held.done).status).toBe(504);
    held.finish();
  });
});

/**
 * POST /api/chat whose JSON body arrives in two parts: the first part is sent, the rest only when
 * finish() is called, so the request holds its answer slot in between (Content-Length is given,
 * so the body limit does not buffer it). `started` resolves once the server pulled the first part.
 */
function heldChatRequest(app: ReturnType<typeof appWith>, extraHeaders: Record<string, string> = {}) {
  const body = JSON.stringify({ message: 'Qui dirige INTERPOL ?' });
  const gate = deferred();
  const started = deferred();
  const enc = new TextEncoder();
  let step = 0;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (step === 0) {
        step = 1;
        controller.enqueue(enc.encode(body.slice(0, 5)));
        started.resolve();
      } else {
        await gate.promise;
        controller.enqueue(enc.encode(body.slice(5)));
        controller.close();
      }
    },
  });
  const done = app.request('/api/chat', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)), ...extraHeaders },
    body: stream,
    duplex: 'half',
  } as RequestInit);
  return { started: started.promise, finish: () => gate.resolve(), done };
}

describe('answer-pipeline concurrency cap', () => {
  it('ConcurrencyGate: runs `concurrency`, queues `queue`, refuses the rest with OVERLOADED + retryAfterSeconds', async () => {
    const gate = new ConcurrencyGate({ concurrency: 1, queue: 1 });
    const r1 = await gate.acquire();
    const second = gate.acquire();
    expect(gate.queued).toBe(1);
    const third = await gate.acquire().catch((e: unknown) => e);
    expect(third).toBeInstanceOf(AppError);
    expect((third as AppError).code).toBe('OVERLOADED');
    expect((third as AppError).details?.['retryAfterSeconds']).toBeGreaterThanOrEqual(1);
    r1();
    const r2 = await second;
    expect(gate.active).toBe(1);
    r2();
    r2(); // releasing twice is harmless
    expect(gate.active).toBe(0);
  });

  it('ConcurrencyGate: a waiter whose signal aborts leaves the queue', async () => {
    const gate = new ConcurrencyGate({ concurrency: 1, queue: 1 });
    const r1 = await gate.acquire();
    const ac = new AbortController();
    const waiting = gate.acquire(ac.signal).catch((e: unknown) => e);
    ac.abort(new Error('client gone'));
    expect(((await waiting) as Error).message).toBe('client gone');
    expect(gate.queued).toBe(0);
    r1();
    expect(gate.active).toBe(0);
  });

  it('through middleware: a full queue gets 503 OVERLOADED with Retry-After; the held ones complete', async () => {
    const app = new Hono();
    app.onError(makeOnError(silentLogger));
    const limit = concurrencyLimit({ concurrency: 1, queue: 1 });
    const release = deferred();
    app.use('/work', limit);
    app.get('/work', async (c) => {
      await release.promise;
      return c.json({ ok: true });
    });
    const first = app.request('/work');
    const second = app.request('/work');
    // Let both reach the gate before the third arrives.
    while (limit.gate.active + limit.gate.queued < 2) await new Promise((r) => setImmediate(r));
    const third = await app.request('/work');
    expect(third.status).toBe(503);
    expect((await errorOf(third)).code).toBe('OVERLOADED');
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    release.resolve();
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    expect(limit.gate.active).toBe(0);
  });

  it('through middleware: an SSE response holds its slot until the stream ends', async () => {
    const app = new Hono();
    app.onError(makeOnError(silentLogger));
    const limit = concurrencyLimit({ concurrency: 1, queue: 0 });
    const finish = deferred();
    app.use('*', limit);
    app.get('/sse', (c) =>
      streamSSE(c, async (s) => {
        await s.writeSSE({ data: 'hello' });
        await finish.promise;
        await s.writeSSE({ data: 'bye' });
      }),
    );
    const res = await app.request('/sse');
    expect(res.status).toBe(200);
    expect(limit.gate.active).toBe(1);
    expect((await app.request('/sse')).status).toBe(503);
    finish.resolve();
    expect(await res.text()).toContain('bye');
    expect(limit.gate.active).toBe(0);
  });

  it('the real app caps POST /api/chat at ANSWER_CONCURRENCY + ANSWER_QUEUE, then 503 with Retry-After', async () => {
    const app = appWith({ answerConcurrency: 1, answerQueue: 0 });
    const held = heldChatRequest(app);
    await held.started;
    const refused = await app.request('/api/chat', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"message":"INTERPOL ?"}' });
    expect(refused.status).toBe(503);
    expect((await errorOf(refused)).code).toBe('OVERLOADED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Search has its own gate: not blocked by the chat in progress.
    expect((await app.request('/api/search?q=INTERPOL')).status).toBe(200);
    held.finish();
    const res = await held.done;
    expect(res.status).toBe(200);
    expect((await res.json()) as Record<string, unknown>).toMatchObject({ answer: expect.any(String), citations: expect.any(Array) });
    // The slot is free again.
    const after = await app.request('/api/chat', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"message":"INTERPOL ?"}' });
    expect(after.status).toBe(200);
  });
});
