// A Server-Sent Events parser for fetch() bodies (EventSource cannot POST). Follows the
// event-stream format: lines end in CRLF, LF or CR; "data:" lines accumulate; a blank line
// dispatches; ":" starts a comment; one space after the colon is dropped.

/**
 * @typedef {{ event: string, data: string }} SseEvent
 */

/**
 * Incremental parser: push() text as it arrives (any split, even inside a line or a CRLF pair),
 * end() when the stream closes. Returns the events completed by each call.
 */
export function createSseParser() {
  let buffer = '';
  let eventName = '';
  /** @type {string[]} */
  let data = [];
  let hasData = false;

  /** @param {string} line @param {SseEvent[]} out */
  function onLine(line, out) {
    if (line === '') {
      if (hasData) out.push({ event: eventName || 'message', data: data.join('\n') });
      eventName = '';
      data = [];
      hasData = false;
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') eventName = value;
    else if (field === 'data') {
      data.push(value);
      hasData = true;
    }
    // id and retry do not matter for a one-shot POST stream.
  }

  /** @param {boolean} final @returns {SseEvent[]} */
  function drain(final) {
    /** @type {SseEvent[]} */
    const out = [];
    let start = 0;
    for (let i = 0; i < buffer.length; i++) {
      const c = buffer[i];
      if (c !== '\n' && c !== '\r') continue;
      // A CR at the very end may be the first half of a CRLF split across chunks: wait.
      if (c === '\r' && i === buffer.length - 1 && !final) break;
      onLine(buffer.slice(start, i), out);
      if (c === '\r' && buffer[i + 1] === '\n') i++;
      start = i + 1;
    }
    buffer = buffer.slice(start);
    if (final) {
      if (buffer !== '') onLine(buffer, out);
      buffer = '';
      // A stream may end without the final blank line: deliver what was complete.
      onLine('', out);
    }
    return out;
  }

  return {
    /** @param {string} chunk */
    push(chunk) {
      buffer += chunk;
      return drain(false);
    },
    end() {
      return drain(true);
    },
  };
}

/**
 * Read a fetch body as SSE events.
 * @param {ReadableStream<Uint8Array>} body
 * @returns {AsyncGenerator<SseEvent>}
 */
export async function* readSse(body) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = createSseParser();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      yield* parser.push(decoder.decode(value, { stream: true }));
    }
    finished = true;
    yield* parser.push(decoder.decode());
    yield* parser.end();
  } finally {
    // The consumer stopped early (error event, stop button): close the connection too.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
