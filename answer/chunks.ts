/**
 * Cuts a finished answer into small pieces for streaming, never splitting a citation marker, so a
 * client that renders markers as it goes always sees "[12]" whole.
 */
export interface ChunkOptions {
  /** Words (whitespace-separated pieces, a marker counting as one) per chunk. */
  wordsPerChunk: number;
}

export const DEFAULT_CHUNKS: ChunkOptions = { wordsPerChunk: 4 };

export function chunkText(text: string, options: Partial<ChunkOptions> = {}): string[] {
  const opts: ChunkOptions = { ...DEFAULT_CHUNKS, ...options };
  const pieces = text.match(/\s*\S+/g) ?? [];
  const out: string[] = [];
  for (let i = 0; i < pieces.length; i += opts.wordsPerChunk) out.push(pieces.slice(i, i + opts.wordsPerChunk).join(''));
  const consumed = out.join('').length;
  if (consumed < text.length) {
    // Trailing whitespace belongs to the last chunk, so the chunks always join back to the text.
    if (out.length === 0) out.push(text);
    else out[out.length - 1] += text.slice(consumed);
  }
  return out;
}
