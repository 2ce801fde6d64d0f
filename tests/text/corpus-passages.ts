/**
 * Paragraph passages of corpus/ for analysis and embedder tests (the ingest splitter is separate):
 * one passage per line, short lines (titles, headings) merged into the next paragraph, exact
 * repeats (captions) dropped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CORPUS_DIR = fileURLToPath(new URL('../../corpus/', import.meta.url));

export interface TestPassage {
  id: string;
  source: string;
  text: string;
}

export function corpusPassages(dir: string = CORPUS_DIR, minChars = 80): TestPassage[] {
  const out: TestPassage[] = [];
  for (const source of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const seen = new Set<string>();
    let pending = '';
    let n = 0;
    for (const raw of readFileSync(path.join(dir, source), 'utf8').split(/\r?\n/)) {
      const line = raw.trim();
      if (line.length === 0 || seen.has(line)) continue;
      seen.add(line);
      pending = pending ? `${pending}\n${line}` : line;
      if (line.length >= minChars) {
        out.push({ id: `${source}#${n++}`, source, text: pending });
        pending = '';
      }
    }
    if (pending) out.push({ id: `${source}#${n++}`, source, text: pending });
  }
  return out;
}

/** The passage containing `span` (throws when none or several do, so a typo fails loudly). */
export function passageWith(passages: readonly TestPassage[], span: string): TestPassage {
  const found = passages.filter((p) => p.text.includes(span));
  if (found.length !== 1) throw new Error(`expected exactly one passage containing "${span}", found ${found.length}`);
  return found[0]!;
}
