// Types for tests importing markers.js from TypeScript (web/ is plain JS, not compiled).
export type Segment = { type: 'text'; text: string } | { type: 'cite'; n: number };
export function splitMarkers(text: string, known: (n: number) => boolean): Segment[];
