/**
 * Key normalisation shared by the build script and the runtime loader, so a key written at build
 * time is found with the same spelling at query time.
 */

/** Hyphen-like and apostrophe-like code points the sources and user input mix freely. */
const HYPHENS = /[\u2010\u2011\u2012\u2013\u2212]/g;
const APOSTROPHES = /[\u2018\u2019\u02bc\u02c8\u00b4`]/g;

/** Lowercase, NFC, one kind of hyphen and apostrophe, single spaces. Accents are kept. */
export function normalizeKey(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(HYPHENS, '-')
    .replace(APOSTROPHES, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** Words of a normalised key; hyphens split words too, because tokenizers usually do. */
export function keyWords(key: string): string[] {
  return key.split(/[\s-]+/).filter((w) => w.length > 0);
}

/** The spaced variant of a hyphenated key ("counter-terrorism" → "counter terrorism"), else undefined. */
export function spacedVariant(key: string): string | undefined {
  if (!key.includes('-')) return undefined;
  const spaced = keyWords(key).join(' ');
  return spaced.length > 0 && spaced !== key ? spaced : undefined;
}
