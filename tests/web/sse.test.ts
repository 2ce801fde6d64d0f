import { describe, expect, it } from 'vitest';
import { createSseParser, readSse, type SseEvent } from '../../web/sse.js';

const STREAM =
  'event: token\ndata: {"text":"Bonjour"}\n\n' +
  ': keep-alive comment\n\n' +
  'event: citations\r\ndata: [{"n":1}]\r\n\r\n' +
  'event: token\rdata: {"text":" [1]"}\r\r' +
  'data: line one\ndata:line two\n\n' +
  'event: done\ndata: {"answer":"Bonjour [1]"}\n\n';

const EXPECTED: SseEvent[] = [
  { event: 'token', data: '{"text":"Bonjour"}' },
  { event: 'citations', data: '[{"n":1}]' },
  { event: 'token', data: '{"text":" [1]"}' },
  { event: 'message', data: 'line one\nline two' },
  { event: 'done', data: '{"answer":"Bonjour [1]"}' },
];

function parseInPieces(text: string, size: number): SseEvent[] {
  const parser = createSseParser();
  const out: SseEvent[] = [];
  for (let i = 0; i < text.length; i += size) out.push(...parser.push(text.slice(i, i + size)));
  out.push(...parser.end());
  return out;
}

describe('createSseParser', () => {
  it('parses LF, CRLF and CR line endings, comments and multi-line data', () => {
    expect(parseInPieces(STREAM, STREAM.length)).toEqual(EXPECTED);
  });

  it('gives the same events whatever the chunk boundaries (inside lines, between CR and LF)', () => {
    for (let size = 1; size <= 13; size++) expect(parseInPieces(STREAM, size)).toEqual(EXPECTED);
  });

  it('delivers a last event that lacks its closing blank line', () => {
    expect(parseInPieces('event: done\ndata: {}', 4)).toEqual([{ event: 'done', data: '{}' }]);
  });

  it('ignores events without data and unknown fields', () => {
    expect(parseInPieces('event: ping\n\nid: 3\nretry: 10\nfoo: bar\ndata: x\n\n', 5)).toEqual([{ event: 'message', data: 'x' }]);
  });
});

describe('readSse', () => {
  it('decodes UTF-8 split across network chunks', async () => {
    const bytes = new TextEncoder().encode('event: token\ndata: {"text":"Jürgen, l’ONU"}\n\n');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        // One byte per chunk: every multi-byte character is cut in the middle.
        for (const b of bytes) controller.enqueue(Uint8Array.of(b));
        controller.close();
      },
    });
    const events: SseEvent[] = [];
    for await (const ev of readSse(body)) events.push(ev);
    expect(events).toEqual([{ event: 'token', data: '{"text":"Jürgen, l’ONU"}' }]);
  });

  it('cancels the body when the reader stops early', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('event: error\ndata: {}\n\nevent: token\ndata: {}\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const ev of readSse(body)) {
      expect(ev.event).toBe('error');
      break;
    }
    expect(cancelled).toBe(true);
  });
});
