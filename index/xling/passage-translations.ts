/**
 * English renderings of passages (Apertium fr→en), cached on disk by passage-text hash so a
 * passage is translated once whatever re-ingests, restarts or re-chunkings happen: an unchanged
 * text is never sent to the engine again. Append-only JSONL ({"h","en"} a line); a torn last line
 * (killed process) is skipped on load.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Translator } from '../../text/index.js';

export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 22);
}

export class PassageTranslations {
  private readonly map = new Map<string, string>();

  constructor(private readonly file: string | null) {
    if (file && existsSync(file)) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (!line) continue;
        try {
          const { h, en } = JSON.parse(line) as { h: string; en: string };
          if (typeof h === 'string' && typeof en === 'string') this.map.set(h, en);
        } catch {
          // a torn last line: that passage is translated again
        }
      }
    }
  }

  get size(): number {
    return this.map.size;
  }

  get(text: string): string | undefined {
    return this.map.get(textHash(text));
  }

  /** Translates the texts not cached yet, in batches, appending each batch to the file. */
  async fill(texts: readonly string[], translator: Translator, batch = 64, onProgress?: (done: number, total: number) => void): Promise<number> {
    const todo = [...new Set(texts.filter((t) => !this.map.has(textHash(t))))];
    if (this.file) mkdirSync(path.dirname(this.file), { recursive: true });
    for (let i = 0; i < todo.length; i += batch) {
      const chunk = todo.slice(i, i + batch);
      const english = await translator.translate(chunk);
      const lines: string[] = [];
      chunk.forEach((fr, j) => {
        const h = textHash(fr);
        const en = english[j] ?? '';
        this.map.set(h, en);
        lines.push(JSON.stringify({ h, en }));
      });
      if (this.file) appendFileSync(this.file, lines.join('\n') + '\n');
      onProgress?.(Math.min(i + batch, todo.length), todo.length);
    }
    return todo.length;
  }
}
