/**
 * The default store: LangChain's HNSWLib vector store (hnswlib-node) persisted as files under
 * data/index/, one atomic generation per save (see generations.ts). Passages ride in LangChain's
 * docstore as Document metadata, so the saved folder is a regular HNSWLib save plus our manifest.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Document } from '@langchain/core/documents';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { AppError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { silentLogger } from '../../core/logger.js';
import type { DocumentRecord, Passage } from '../../core/types.js';
import { parseManifest, withDocuments } from '../manifest.js';
import { currentGeneration, writeGeneration } from './generations.js';
import type { IndexManifest, PassageStore, VectorHit } from './types.js';

export const MANIFEST_FILE = 'manifest.json';
/** Files HNSWLib.save writes; checked against the manifest before hnswlib-node reads them. */
const DATA_FILES = ['hnswlib.index', 'args.json', 'docstore.json'] as const;

export interface HnswStoreOptions {
  /** Folder holding CURRENT and the generations (data/index). */
  root: string;
  /** Search beam width floor; raised to 2·k per query. hnswlib's default (10) loses recall at k ≥ 10. */
  efSearch: number;
  /** Rebuild the graph at save time when more than this share of its slots are deleted passages. */
  compactRatio: number;
  logger: Logger;
}

export const DEFAULT_HNSW_OPTIONS: Omit<HnswStoreOptions, 'root'> = {
  efSearch: 96,
  compactRatio: 0.2,
  logger: silentLogger,
};

type PassageMeta = Omit<Passage, 'text'>;

export class HnswStore implements PassageStore {
  readonly kind = 'hnsw' as const;
  private vs: HNSWLib | null;
  private current: IndexManifest;
  private readonly opts: HnswStoreOptions;
  private readonly embeddings: EmbeddingsInterface;
  /** label ↔ passage maps kept beside LangChain's docstore for O(1) lookups. */
  private readonly labelById = new Map<string, number>();
  private readonly labelsBySource = new Map<string, number[]>();
  private readonly passageByLabel = new Map<number, Passage>();
  private dirty = false;

  private constructor(embeddings: EmbeddingsInterface, manifest: IndexManifest, vs: HNSWLib | null, opts: HnswStoreOptions) {
    this.embeddings = embeddings;
    this.current = manifest;
    this.vs = vs;
    this.opts = opts;
    if (vs) {
      for (const [key, doc] of vs.docstore._docs.entries()) {
        this.track(Number(key), toPassage(doc));
      }
    }
  }

  /** An empty store for `manifest` (nothing on disk until flush()). */
  static empty(embeddings: EmbeddingsInterface, manifest: IndexManifest, options: Partial<HnswStoreOptions> & { root: string }): HnswStore {
    const opts = { ...DEFAULT_HNSW_OPTIONS, ...options };
    const store = new HnswStore(embeddings, manifest, null, opts);
    store.dirty = true;
    return store;
  }

  /** Whether `root` holds a saved index (CURRENT pointing at a generation). */
  static async exists(root: string): Promise<boolean> {
    return (await currentGeneration(root)) !== null;
  }

  /** Read only the manifest of the current generation (cheap staleness checks). */
  static async readManifest(root: string): Promise<IndexManifest | null> {
    const dir = await currentGeneration(root);
    if (!dir) return null;
    const raw = await fs.readFile(path.join(dir, MANIFEST_FILE), 'utf8').catch((err: unknown) => {
      throw new AppError('INDEX_CORRUPT', `The index at ${root} has no readable manifest.`, { cause: err });
    });
    return parseManifest(raw, dir);
  }

  /** PassageStore.savedManifest: the generation saved under this store's root now. */
  savedManifest(): Promise<IndexManifest | null> {
    return HnswStore.readManifest(this.opts.root);
  }

  /**
   * Load the current generation. Every data file is checked against the sizes and checksums in the
   * manifest first: a truncated or damaged file becomes INDEX_CORRUPT instead of a native crash.
   */
  static async load(embeddings: EmbeddingsInterface, options: Partial<HnswStoreOptions> & { root: string }): Promise<HnswStore> {
    const opts = { ...DEFAULT_HNSW_OPTIONS, ...options };
    const dir = await currentGeneration(opts.root);
    if (!dir) throw new AppError('INDEX_MISSING', `No index at ${opts.root}.`);
    const manifest = await HnswStore.readManifest(opts.root);
    if (!manifest) throw new AppError('INDEX_MISSING', `No index at ${opts.root}.`);
    if (manifest.passages === 0) return new HnswStore(embeddings, manifest, null, opts);
    await verifyFiles(dir, manifest);
    let vs: HNSWLib;
    try {
      vs = await HNSWLib.load(dir, embeddings);
    } catch (err) {
      throw new AppError('INDEX_CORRUPT', `The index at ${dir} could not be read: ${(err as Error).message}`, { cause: err });
    }
    const store = new HnswStore(embeddings, manifest, vs, opts);
    if (store.passageByLabel.size !== manifest.passages) {
      throw new AppError('INDEX_CORRUPT', `The index at ${dir} holds ${store.passageByLabel.size} passages, its manifest says ${manifest.passages}.`);
    }
    opts.logger.debug('index loaded', { dir, passages: manifest.passages });
    return store;
  }

  manifest(): IndexManifest {
    return this.current;
  }

  async upsertDocuments(docs: { record: DocumentRecord; passages: Passage[]; vectors: number[][] }[]): Promise<void> {
    if (docs.length === 0) return;
    // Validate everything before touching the graph: a rejected upsert must change nothing.
    const dim = this.current.embedder.dimension;
    for (const d of docs) {
      if (d.passages.length !== d.vectors.length) {
        throw new AppError('INTERNAL', `${d.record.source}: ${d.passages.length} passages but ${d.vectors.length} vectors.`);
      }
      const bad = d.vectors.findIndex((v) => v.length !== dim);
      if (bad >= 0) throw new AppError('INTERNAL', `${d.record.source}: vector ${bad} has ${d.vectors[bad]?.length} dimensions, the index has ${dim}.`);
    }
    const documents = { ...this.current.documents };
    this.removeLabels(docs.map((d) => d.record.source));
    const allPassages: Passage[] = [];
    const allVectors: number[][] = [];
    for (const d of docs) {
      allPassages.push(...d.passages);
      allVectors.push(...d.vectors);
      documents[d.record.source] = { ...d.record, passages: d.passages.length };
    }
    if (allVectors.length > 0) {
      const vs = this.vs ?? new HNSWLib(this.embeddings, { space: 'cosine', numDimensions: dim });
      const firstLabel = vs._index ? vs.index.getCurrentCount() : 0;
      await vs.addVectors(allVectors, allPassages.map(toDocument));
      this.vs = vs;
      allPassages.forEach((p, i) => this.track(firstLabel + i, p));
    }
    this.current = withDocuments(this.current, documents);
    this.dirty = true;
  }

  async removeDocuments(sources: string[]): Promise<number> {
    const removed = this.removeLabels(sources);
    const documents = { ...this.current.documents };
    let changed = false;
    for (const s of sources) {
      if (documents[s]) {
        delete documents[s];
        changed = true;
      }
    }
    if (changed || removed > 0) {
      this.current = withDocuments(this.current, documents);
      this.dirty = true;
    }
    return removed;
  }

  async setSkipped(skipped: Record<string, { hash: string; reason: string }>): Promise<void> {
    this.current = { ...this.current, skipped };
    this.dirty = true;
  }

  async searchVector(vector: number[], k: number): Promise<VectorHit[]> {
    const live = this.passageByLabel.size;
    if (vector.length !== this.current.embedder.dimension) {
      throw new AppError('INTERNAL', `Query vector has ${vector.length} dimensions, the index has ${this.current.embedder.dimension}.`);
    }
    if (!this.vs || live === 0 || k <= 0) return [];
    const kk = Math.min(k, live);
    this.vs.index.setEf(Math.max(this.opts.efSearch, 2 * kk));
    const results = await this.vs.similaritySearchVectorWithScore(vector, kk);
    const hits: VectorHit[] = [];
    for (const [doc, distance] of results) {
      // cosine space: distance = 1 − cos
      hits.push({ passage: toPassage(doc), similarity: 1 - distance });
    }
    return hits;
  }

  async getPassage(id: string): Promise<Passage | undefined> {
    const label = this.labelById.get(id);
    return label === undefined ? undefined : this.passageByLabel.get(label);
  }

  async listPassages(): Promise<Passage[]> {
    return [...this.passageByLabel.values()].sort((a, b) =>
      a.source === b.source ? a.ordinal - b.ordinal : a.source < b.source ? -1 : 1,
    );
  }

  async getVectors(ids: string[]): Promise<number[][]> {
    return ids.map((id) => {
      const label = this.labelById.get(id);
      if (label === undefined || !this.vs) throw new AppError('NOT_FOUND', `No passage ${id} in the index.`);
      return this.vs.index.getPoint(label);
    });
  }

  async count(): Promise<number> {
    return this.passageByLabel.size;
  }

  /** Atomically persist the current state as a new generation (no-op when nothing changed). */
  async flush(): Promise<void> {
    if (!this.dirty) return;
    await this.compactIfNeeded();
    const manifest = this.current;
    const vs = this.vs;
    await writeGeneration(this.opts.root, async (dir) => {
      const files: NonNullable<IndexManifest['files']> = {};
      if (vs && this.passageByLabel.size > 0) {
        await vs.save(dir);
        for (const f of DATA_FILES) files[f] = await fileDigest(path.join(dir, f));
      }
      await fs.writeFile(path.join(dir, MANIFEST_FILE), JSON.stringify({ ...manifest, files }, null, 2));
    });
    this.dirty = false;
    this.opts.logger.debug('index saved', { root: this.opts.root, passages: manifest.passages });
  }

  async close(): Promise<void> {
    /* in-memory; nothing to release */
  }

  /**
   * Deleted passages stay in the HNSW graph as tombstones (markDelete). When they make up a large
   * share of the slots, rebuild a compact graph from the live vectors (no re-embedding) so the
   * saved index does not grow without bound across re-ingests.
   */
  private async compactIfNeeded(): Promise<void> {
    const vs = this.vs;
    if (!vs?._index) return;
    const slots = vs.index.getCurrentCount();
    const live = this.passageByLabel.size;
    if (slots === 0 || (slots - live) / slots <= this.opts.compactRatio) return;
    const entries = [...this.passageByLabel.entries()].sort((a, b) => a[0] - b[0]);
    const vectors = entries.map(([label]) => vs.index.getPoint(label));
    let fresh: HNSWLib | null = null;
    if (entries.length > 0) {
      fresh = new HNSWLib(this.embeddings, { space: 'cosine', numDimensions: this.current.embedder.dimension });
      await fresh.addVectors(vectors, entries.map(([, p]) => toDocument(p)));
    }
    this.labelById.clear();
    this.labelsBySource.clear();
    this.passageByLabel.clear();
    entries.forEach(([, p], i) => this.track(i, p));
    this.vs = fresh;
    this.opts.logger.debug('index compacted', { slots, live });
  }

  private track(label: number, passage: Passage): void {
    this.passageByLabel.set(label, passage);
    this.labelById.set(passage.id, label);
    const list = this.labelsBySource.get(passage.source) ?? [];
    list.push(label);
    this.labelsBySource.set(passage.source, list);
  }

  private removeLabels(sources: string[]): number {
    let n = 0;
    for (const source of sources) {
      const labels = this.labelsBySource.get(source);
      if (!labels) continue;
      for (const label of labels) {
        const p = this.passageByLabel.get(label);
        if (p) this.labelById.delete(p.id);
        this.passageByLabel.delete(label);
        // markDelete keeps the slot but excludes it from searches; docstore entry goes too so a save is clean.
        this.vs?.index.markDelete(label);
        this.vs?.docstore._docs.delete(String(label));
        n++;
      }
      this.labelsBySource.delete(source);
    }
    return n;
  }
}

function toDocument(p: Passage): Document {
  const { text, ...meta } = p;
  return new Document({ pageContent: text, metadata: meta });
}

function toPassage(doc: Document): Passage {
  const m = doc.metadata as PassageMeta;
  const p: Passage = {
    id: m.id,
    source: m.source,
    title: m.title,
    date: m.date ?? null,
    text: doc.pageContent,
    start: m.start,
    end: m.end,
    ordinal: m.ordinal,
  };
  if (m.page !== undefined) p.page = m.page;
  if (Array.isArray(m.pageSpans) && m.pageSpans.length > 0) p.pageSpans = m.pageSpans;
  return p;
}

async function fileDigest(file: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

async function verifyFiles(dir: string, manifest: IndexManifest): Promise<void> {
  const files = manifest.files ?? {};
  for (const name of DATA_FILES) {
    const expected = files[name];
    if (!expected) throw new AppError('INDEX_CORRUPT', `The manifest in ${dir} does not list ${name}.`);
    let actual: { bytes: number; sha256: string };
    try {
      actual = await fileDigest(path.join(dir, name));
    } catch (err) {
      throw new AppError('INDEX_CORRUPT', `${name} is missing from ${dir}.`, { cause: err });
    }
    if (actual.bytes !== expected.bytes || actual.sha256 !== expected.sha256) {
      throw new AppError('INDEX_CORRUPT', `${name} in ${dir} is damaged (size or checksum differs from the manifest).`);
    }
  }
}
