/**
 * Citation markers in LLM output, checked as the text streams: [n] must name one of the context
 * passages; other numbers are removed (with the space before them) and reported. Kept markers are
 * renumbered in order of first appearance, so the answer cites [1], [2] … and the citation list
 * holds exactly those passages. "[1, 3]" becomes "[1][2]". A marker split across chunks is held
 * back until it is complete, so no client ever sees a bogus number.
 */

export class CitationFilter {
  /** Context numbers in order of first citation (index + 1 = new number). */
  readonly cited: number[] = [];
  /** Numbers cited that were not in the context (each occurrence). */
  readonly invalid: number[] = [];
  private pending = '';
  private readonly renumbered = new Map<number, number>();

  constructor(private readonly available: number) {}

  /** Feed a chunk; returns the text that can be emitted now. */
  push(chunk: string): string {
    this.pending += chunk;
    return this.drain(false);
  }

  /** End of stream: whatever is held back. */
  flush(): string {
    return this.drain(true);
  }

  private renumber(n: number): number {
    let m = this.renumbered.get(n);
    if (m === undefined) {
      this.cited.push(n);
      m = this.cited.length;
      this.renumbered.set(n, m);
    }
    return m;
  }

  private drain(final: boolean): string {
    let out = '';
    for (;;) {
      const open = /\s*\[/.exec(this.pending);
      if (!open) {
        // Trailing whitespace waits: a marker to drop may follow it.
        const keep = final ? 0 : (/\s*$/.exec(this.pending)?.[0].length ?? 0);
        out += this.pending.slice(0, this.pending.length - keep);
        this.pending = this.pending.slice(this.pending.length - keep);
        return out;
      }
      out += this.pending.slice(0, open.index);
      const rest = this.pending.slice(open.index);
      const marker = /^(\s*)\[\s*(\d+(?:\s*[,;]\s*\d+)*)\s*\]/.exec(rest);
      if (marker) {
        const numbers = (marker[2] ?? '').split(/[,;]/).map((s) => Number(s.trim()));
        const valid = numbers.filter((n) => Number.isInteger(n) && n >= 1 && n <= this.available);
        for (const n of numbers) if (!valid.includes(n)) this.invalid.push(n);
        if (valid.length > 0) out += (marker[1] ?? '') + [...new Set(valid)].map((n) => `[${this.renumber(n)}]`).join('');
        this.pending = rest.slice(marker[0].length);
        continue;
      }
      if (!final && /^\s*\[[\d\s,;]*$/.test(rest)) {
        this.pending = rest;
        return out;
      }
      // A bracket that is not a citation ("[sic]"): pass it through.
      const bracket = rest.indexOf('[');
      out += rest.slice(0, bracket + 1);
      this.pending = rest.slice(bracket + 1);
    }
  }
}
