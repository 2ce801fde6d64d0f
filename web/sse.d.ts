// Types for tests importing sse.js from TypeScript (web/ is plain JS, not compiled).
export interface SseEvent {
  event: string;
  data: string;
}
export interface SseParser {
  push(chunk: string): SseEvent[];
  end(): SseEvent[];
}
export function createSseParser(): SseParser;
export function readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent>;
