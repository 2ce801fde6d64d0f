/**
 * The index manifest: what built an index (embedder, chunking) and from which documents (content
 * hashes). It travels with the data so a server never answers from vectors it cannot interpret.
 */
import { AppError } from '../core/errors.js';
import type { DocumentRecord } from '../core/types.js';
import type { EmbedderInfo } from './embedders/types.js';
import type { ChunkingInfo, IndexManifest } from './store/types.js';

/** Bump when the on-disk layout changes; older indexes are then refused and rebuilt. */
export const INDEX_FORMAT_VERSION = 1;

export function newManifest(embedder: EmbedderInfo, chunking: ChunkingInfo, now = new Date()): IndexManifest {
  return {
    formatVersion: INDEX_FORMAT_VERSION,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    embedder,
    chunking,
    documents: {},
    passages: 0,
  };
}

/** Reasons an existing index cannot serve with this embedder/chunking; empty when compatible. */
export function incompatibilities(manifest: IndexManifest, embedder: EmbedderInfo, chunking: ChunkingInfo): string[] {
  const out: string[] = [];
  if (manifest.formatVersion !== INDEX_FORMAT_VERSION) {
    out.push(`format version ${manifest.formatVersion} (this build reads ${INDEX_FORMAT_VERSION})`);
  }
  const e = manifest.embedder;
  if (e.name !== embedder.name) out.push(`embedder "${e.name}" (requested "${embedder.name}")`);
  else if (e.model !== embedder.model) out.push(`model "${e.model}" (requested "${embedder.model}")`);
  else if (e.dimension !== embedder.dimension) out.push(`dimension ${e.dimension} (requested ${embedder.dimension})`);
  else if (e.fingerprint !== embedder.fingerprint) out.push(`embedder options ${e.fingerprint} (requested ${embedder.fingerprint})`);
  const c = manifest.chunking;
  if (
    c.targetChars !== chunking.targetChars ||
    c.maxChars !== chunking.maxChars ||
    c.overlapSentences !== chunking.overlapSentences ||
    c.version !== chunking.version
  ) {
    out.push(`chunking ${JSON.stringify(c)} (requested ${JSON.stringify(chunking)})`);
  }
  return out;
}

export function assertCompatible(manifest: IndexManifest, embedder: EmbedderInfo, chunking: ChunkingInfo, where: string): void {
  const reasons = incompatibilities(manifest, embedder, chunking);
  if (reasons.length > 0) {
    throw new AppError('INDEX_MISMATCH', `The index at ${where} was built with ${reasons.join('; ')}.`, {
      details: { reasons },
    });
  }
}

/** Structural validation of a parsed manifest.json; a bad one is a corrupt index, not a crash. */
export function parseManifest(raw: string, where: string): IndexManifest {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    throw new AppError('INDEX_CORRUPT', `The manifest at ${where} is not valid JSON.`, { cause: err });
  }
  const m = value as Partial<IndexManifest> | null;
  if (
    !m ||
    typeof m !== 'object' ||
    typeof m.formatVersion !== 'number' ||
    !m.embedder ||
    typeof m.embedder.dimension !== 'number' ||
    !m.chunking ||
    !m.documents ||
    typeof m.documents !== 'object' ||
    typeof m.passages !== 'number'
  ) {
    throw new AppError('INDEX_CORRUPT', `The manifest at ${where} is incomplete.`);
  }
  return m as IndexManifest;
}

export function withDocuments(manifest: IndexManifest, documents: Record<string, DocumentRecord>, now = new Date()): IndexManifest {
  const passages = Object.values(documents).reduce((n, d) => n + d.passages, 0);
  return { ...manifest, documents, passages, updatedAt: now.toISOString() };
}
