/**
 * French words related through the committed bilingual data: two French stems are related when
 * some English key of the lexicon (text/lexicon/data/lexicon.tsv, plus the glossary) translates
 * to both ("réexaminer" and "révision" through "review"). The link weighs 1 / (number of French
 * stems the key translates to): a key with two translations says more than one with eight.
 *
 * Round 1 found these links too noisy to expand queries with; the evidence model may use them as
 * a soft check that a window speaks of the question's relation term (evidence.ts
 * `relatedCredit`, off by default: eval/RETRIEVAL.md, round 3). Read once per process, lazily.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../core/errors.js';
import { DEFAULT_LEXICON_OPTIONS, LEXICON_FILE, analyzeFrenchTokens } from '../../text/index.js';
// Deleted with the experiment in M2/M3 (issue 12): reads the lexicon files directly.
import { FORMAT_HEADER } from '../../text/lexicon/format.js';
import { parseGlossary } from '../../text/lexicon/glossary.js';

export interface RelatedWordsOptions {
  /** Folder holding lexicon.tsv. */
  dataDir: string;
  /** The domain glossary; null = dictionaries only. */
  glossaryPath: string | null;
}

export const DEFAULT_RELATED_WORDS: RelatedWordsOptions = {
  dataDir: DEFAULT_LEXICON_OPTIONS.dataDir,
  glossaryPath: DEFAULT_LEXICON_OPTIONS.glossaryPath,
};

export class RelatedWords {
  /** French stem → English keys translating to it, with the key's specificity. */
  private readonly byStem = new Map<string, Map<string, number>>();
  /** English key → the single-word French stems it translates to. */
  private readonly byKey = new Map<string, string[]>();
  private readonly cache = new Map<string, ReadonlyMap<string, number>>();

  constructor(entries: Iterable<[string, readonly string[]]>) {
    for (const [en, french] of entries) {
      const stems = this.byKey.get(en) ?? [];
      for (const fr of french) {
        const tokens = analyzeFrenchTokens(fr).filter((t) => !t.compound && t.kind === 'word');
        // Multi-word translations ("prendre fin") relate a phrase, not a word: left out.
        if (tokens.length !== 1) continue;
        const stem = tokens[0]!.term;
        if (!stems.includes(stem)) stems.push(stem);
      }
      if (stems.length > 0) this.byKey.set(en, stems);
    }
    for (const [en, stems] of this.byKey) {
      for (const s of stems) {
        const keys = this.byStem.get(s) ?? new Map<string, number>();
        keys.set(en, 1 / stems.length);
        this.byStem.set(s, keys);
      }
    }
  }

  /** Stems related to `stem` (never itself), each with the weight of its best shared key. */
  related(stem: string): ReadonlyMap<string, number> {
    let out = this.cache.get(stem);
    if (out) return out;
    const found = new Map<string, number>();
    for (const [en, weight] of this.byStem.get(stem) ?? []) {
      for (const s of this.byKey.get(en) ?? []) if (s !== stem && weight > (found.get(s) ?? 0)) found.set(s, weight);
    }
    this.cache.set(stem, found);
    out = found;
    return out;
  }
}

const loaded = new Map<string, RelatedWords>();

/** The table for these data files, built once per process. */
export function loadRelatedWords(options: Partial<RelatedWordsOptions> = {}): RelatedWords {
  const o: RelatedWordsOptions = { ...DEFAULT_RELATED_WORDS, ...options };
  const key = JSON.stringify([o.dataDir, o.glossaryPath]);
  let table = loaded.get(key);
  if (table) return table;
  const path = join(o.dataDir, LEXICON_FILE);
  if (!existsSync(path)) throw new AppError('INTERNAL', `Lexicon data file missing: ${path}; restore text/lexicon/data from git.`, { details: { path } });
  const lines = readFileSync(path, 'utf8').split('\n');
  if (lines[0]?.trim() !== FORMAT_HEADER) throw new AppError('INTERNAL', `Lexicon data file ${path} has an unexpected header "${lines[0] ?? ''}".`, { details: { path } });
  const entries: [string, string[]][] = [];
  for (const line of lines.slice(1)) {
    if (line.length === 0 || line.startsWith('#')) continue;
    const [en, french] = line.split('\t');
    if (en && french) entries.push([en, french.split('|')]);
  }
  if (o.glossaryPath !== null && existsSync(o.glossaryPath)) {
    for (const entry of parseGlossary(readFileSync(o.glossaryPath, 'utf8'), o.glossaryPath)) {
      for (const en of entry.english) entries.push([`glossary:${en}`, entry.french]);
    }
  }
  table = new RelatedWords(entries);
  loaded.set(key, table);
  return table;
}
