// Splits an answer into text and citation markers: "[1]", "[1, 3]", "[2; 4]". Markers whose
// number has no citation stay plain text (the model may write brackets for other reasons).

/**
 * @typedef {{ type: 'text', text: string } | { type: 'cite', n: number }} Segment
 */

const MARKER = /\[(\d{1,3}(?:\s*[,;]\s*\d{1,3})*)\]/g;

/**
 * @param {string} text
 * @param {(n: number) => boolean} known which numbers are real citations
 * @returns {Segment[]}
 */
export function splitMarkers(text, known) {
  /** @type {Segment[]} */
  const out = [];
  let last = 0;
  /** @param {string} s */
  const pushText = (s) => {
    if (s === '') return;
    const prev = out[out.length - 1];
    if (prev && prev.type === 'text') prev.text += s;
    else out.push({ type: 'text', text: s });
  };
  for (const m of text.matchAll(MARKER)) {
    const numbers = (m[1] ?? '').split(/[,;]/).map((x) => Number(x.trim()));
    if (!numbers.every((n) => known(n))) continue;
    pushText(text.slice(last, m.index));
    for (const n of numbers) out.push({ type: 'cite', n });
    last = (m.index ?? 0) + m[0].length;
  }
  pushText(text.slice(last));
  return out;
}
