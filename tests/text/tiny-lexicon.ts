/** A small hand-made Lexicon for unit tests that must not depend on the committed dictionary data. */
import type { Lexicon } from '../../text/lexicon/types.js';

export function tinyLexicon(
  entries: Record<string, string[]> = TINY_ENTRIES,
  lemmas: Record<string, string[]> = TINY_LEMMAS,
  version = 'tiny-1',
): Lexicon {
  const table = new Map(Object.entries(entries));
  let longest = 1;
  for (const key of table.keys()) longest = Math.max(longest, key.split(' ').length);
  return {
    lookup: (en) => table.get(en.toLowerCase()),
    lemmas: (en) => lemmas[en.toLowerCase()] ?? [],
    maxPhraseWords: longest,
    size: table.size,
    version,
  };
}

export const TINY_ENTRIES: Record<string, string[]> = {
  meet: ['rencontrer', 'réunir'],
  'united nations': ['nations unies', 'onu', 'organisation des nations unies'],
  agreement: ['accord'],
  sign: ['signer', 'signe'],
  office: ['bureau', 'office', 'fonction', 'service', 'emploi', 'poste'],
  security: ['sécurité'],
  'counter-terrorism': ['antiterrorisme', 'lutte contre le terrorisme'],
  'counter terrorism': ['antiterrorisme', 'lutte contre le terrorisme'],
  stock: ['stock', 'réserve'],
  open: ['ouvrir'],
};

export const TINY_LEMMAS: Record<string, string[]> = {
  met: ['meet'],
  signed: ['sign'],
  opened: ['open'],
};
