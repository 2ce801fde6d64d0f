/**
 * Enumerates the paths of an lttoolbox transducer printed by `lt-print` (AT&T text format), which is
 * how we "expand" compiled Apertium bilingual dictionaries: Debian ships only the .bin files, and
 * `lt-expand` needs the XML sources.
 */

export interface AttPath {
  /** Input side, symbols concatenated without epsilons (e.g. "meeting<n>"). */
  input: string;
  /** Output side (e.g. "reunión<n><f>"). */
  output: string;
}

export interface AttOptions {
  /**
   * A section with more paths than this is dropped whole: those are the regex sections (numbers,
   * URLs, roman numerals), effectively unbounded and useless for a word list.
   */
  maxPathsPerSection: number;
}

export const DEFAULT_ATT: AttOptions = { maxPathsPerSection: 500_000 };

interface Arc {
  to: number;
  input: string;
  output: string;
}

const EPSILON = 'ε';

/**
 * Paths of every bounded section, in transition order; cycles are cut (a state is never revisited
 * on a path).
 */
export function enumerateAttPaths(att: string, options: Partial<AttOptions> = {}): AttPath[] {
  const opts: AttOptions = { ...DEFAULT_ATT, ...options };
  const paths: AttPath[] = [];
  for (const section of att.split(/^--$/m)) {
    const sectionPaths: AttPath[] = [];
    if (enumerateSection(section, opts, sectionPaths)) for (const p of sectionPaths) paths.push(p);
  }
  return paths;
}

/** Returns false when the section hit the path cap. */
function enumerateSection(text: string, opts: AttOptions, out: AttPath[]): boolean {
  const arcs = new Map<number, Arc[]>();
  const finals = new Set<number>();
  for (const line of text.split('\n')) {
    if (line.length === 0) continue;
    const cols = line.split('\t');
    // Final-state lines are "state<TAB>weight"; arcs are "from to in out weight".
    if (cols.length <= 3 && cols[0] !== undefined && /^\d+$/.test(cols[0])) {
      finals.add(Number(cols[0]));
      continue;
    }
    if (cols.length < 4) continue;
    const from = Number(cols[0]);
    const arc: Arc = { to: Number(cols[1]), input: cols[2] ?? '', output: cols[3] ?? '' };
    const list = arcs.get(from);
    if (list) list.push(arc);
    else arcs.set(from, [arc]);
  }
  if (!arcs.has(0)) return true;

  let count = 0;
  const onPath = new Set<number>();
  const inSyms: string[] = [];
  const outSyms: string[] = [];
  // Iterative DFS: the main sections are ~100k states deep-branching; recursion depth stays small
  // (one word), but an explicit stack keeps us safe from pathological regex sections.
  const stack: { state: number; next: number }[] = [{ state: 0, next: 0 }];
  onPath.add(0);
  if (finals.has(0)) out.push({ input: '', output: '' });
  while (stack.length > 0) {
    if (count > opts.maxPathsPerSection) return false;
    const top = stack[stack.length - 1]!;
    const list = arcs.get(top.state) ?? [];
    if (top.next >= list.length) {
      stack.pop();
      onPath.delete(top.state);
      if (stack.length > 0) {
        inSyms.pop();
        outSyms.pop();
      }
      continue;
    }
    const arc = list[top.next++]!;
    if (onPath.has(arc.to)) continue;
    inSyms.push(arc.input === EPSILON ? '' : arc.input);
    outSyms.push(arc.output === EPSILON ? '' : arc.output);
    onPath.add(arc.to);
    stack.push({ state: arc.to, next: 0 });
    if (finals.has(arc.to)) {
      out.push({ input: inSyms.join(''), output: outSyms.join('') });
      count++;
    }
  }
  return true;
}

export interface ApertiumEntry {
  /** Lemma without tags; multiword "#" markers become spaces ("take# off" → "take off"). */
  lemma: string;
  tags: string[];
}

/** Splits "take<vblex># off" into { lemma: "take off", tags: ["vblex"] }. */
export function parseAnalysis(text: string): ApertiumEntry {
  const tags: string[] = [];
  const lemma = text
    .replace(/<([^<>]+)>/g, (_m, tag: string) => {
      tags.push(tag);
      return '';
    })
    .replace(/#/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return { lemma, tags };
}
