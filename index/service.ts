/**
 * The loaded, queryable index as the server and the answer pipeline see it: a store, the embedder
 * that built it, a retriever, and per-document passage lists for neighbours and document views.
 */
import type { DocumentRecord, Passage } from '../core/types.js';
import type { AssistantEmbeddings } from './embedders/types.js';
import type { Retriever } from './retrieve/types.js';
import type { PassageStore } from './store/types.js';

export interface PassageContext {
  passage: Passage;
  previous: Passage | null;
  next: Passage | null;
  document: DocumentRecord | null;
}

export class IndexService {
  readonly store: PassageStore;
  readonly embedder: AssistantEmbeddings;
  private retrieverImpl: Retriever;
  private bySource = new Map<string, Passage[]>();
  private seenUpdatedAt: string | null = null;

  constructor(store: PassageStore, embedder: AssistantEmbeddings, retriever: Retriever) {
    this.store = store;
    this.embedder = embedder;
    this.retrieverImpl = retriever;
  }

  get retriever(): Retriever {
    return this.retrieverImpl;
  }

  /**
   * Rebuild derived views after the store changed (ingest, upload, delete): per-document passage
   * lists here, and the retriever's own (BM25 postings, corpus vocabulary) through its refresh().
   */
  async refresh(retriever?: Retriever): Promise<void> {
    if (retriever) this.retrieverImpl = retriever;
    await this.retrieverImpl.refresh?.();
    const map = new Map<string, Passage[]>();
    for (const p of await this.store.listPassages()) {
      const list = map.get(p.source) ?? [];
      list.push(p);
      map.set(p.source, list);
    }
    this.bySource = map;
    this.seenUpdatedAt = this.store.manifest().updatedAt;
  }

  /**
   * Pick up changes written by other processes sharing the store (several servers on one
   * Postgres database): re-read the store's shared state and rebuild the derived views when the
   * index changed. Returns whether it did. A no-op for stores without shared state.
   */
  async syncFromStore(): Promise<boolean> {
    if (!this.store.refresh) return false;
    const manifest = await this.store.refresh();
    if (manifest.updatedAt === this.seenUpdatedAt) return false;
    await this.refresh();
    return true;
  }

  documents(): DocumentRecord[] {
    return Object.values(this.store.manifest().documents).sort((a, b) => a.source.localeCompare(b.source));
  }

  passagesOf(source: string): Passage[] {
    return this.bySource.get(source) ?? [];
  }

  async context(id: string): Promise<PassageContext | null> {
    const passage = await this.store.getPassage(id);
    if (!passage) return null;
    const list = this.passagesOf(passage.source);
    const i = list.findIndex((p) => p.id === id);
    return {
      passage,
      previous: i > 0 ? (list[i - 1] ?? null) : null,
      next: i >= 0 && i < list.length - 1 ? (list[i + 1] ?? null) : null,
      document: this.store.manifest().documents[passage.source] ?? null,
    };
  }
}
