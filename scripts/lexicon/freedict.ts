/**
 * Reads a FreeDict dictionary in dictd format (.index + .dict.dz, as Debian's dict-freedict-*
 * packages install them) into headwords with numbered senses.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { AppError } from '../../core/errors.js';

export interface DictEntry {
  headword: string;
  /** Part of speech from the headline ("<n, masc>" → "n"), when present. */
  pos: string | undefined;
  /** Senses in dictionary order; each sense is its comma-separated equivalents, raw (uncleaned). */
  senses: string[][];
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** dictd's base-64 numbers (offsets and lengths in the .index file). */
export function decodeDictdNumber(text: string): number {
  let n = 0;
  for (const ch of text) {
    const digit = B64.indexOf(ch);
    if (digit < 0) throw new AppError('INTERNAL', `bad dictd base64 digit "${ch}" in "${text}"`);
    n = n * 64 + digit;
  }
  return n;
}

/** Splits on commas and semicolons that are not inside parentheses or brackets. */
export function splitEquivalents(line: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of line) {
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if ((ch === ')' || ch === ']' || ch === '}') && depth > 0) depth--;
    if ((ch === ',' || ch === ';') && depth === 0) {
      out.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  out.push(current);
  return out.map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Parses one entry's text: a headline "word /pron/ <pos>" then one line per sense ("1. a, b"). */
export function parseEntry(text: string): DictEntry | undefined {
  const lines = text.split('\n').map((l) => l.trim());
  const headline = lines.shift();
  if (!headline) return undefined;
  const posMatch = /<([^>]*)>\s*$/.exec(headline);
  const pos = posMatch?.[1]?.split(',')[0]?.trim() || undefined;
  // The pronunciation is between slashes; some headwords have none.
  const slash = headline.indexOf(' /');
  const headword = (slash >= 0 ? headline.slice(0, slash) : headline.replace(/<[^>]*>\s*$/, '')).trim();
  const senses: string[][] = [];
  for (const line of lines) {
    // A few entries carry usage examples (quoted lines, lone "2." markers, notes): not equivalents.
    if (line.length === 0 || line.startsWith('"') || /^\d+\.$/.test(line)) continue;
    const numbered = /^\d+\.\s+(.*)$/.exec(line);
    senses.push(splitEquivalents(numbered ? (numbered[1] ?? '') : line));
  }
  return headword.length > 0 ? { headword, pos, senses: senses.filter((s) => s.length > 0) } : undefined;
}

/** All entries of a dictd dictionary, in index order, skipping the 00-database-* metadata entries. */
export function readDictd(indexPath: string, dictDzPath: string): DictEntry[] {
  const dict = gunzipSync(readFileSync(dictDzPath));
  const seen = new Set<number>();
  const entries: DictEntry[] = [];
  for (const line of readFileSync(indexPath, 'utf8').split('\n')) {
    const cols = line.split('\t');
    if (cols.length < 3) continue;
    const word = cols[0]!.trim();
    if (word.startsWith('00database') || word.startsWith('00-database')) continue;
    const offset = decodeDictdNumber(cols[1]!);
    if (seen.has(offset)) continue;
    seen.add(offset);
    const length = decodeDictdNumber(cols[2]!);
    const entry = parseEntry(dict.subarray(offset, offset + length).toString('utf8'));
    if (entry) entries.push(entry);
  }
  return entries;
}
