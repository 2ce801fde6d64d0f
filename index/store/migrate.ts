/**
 * Copy an index from one PassageStore to another (HNSW files ⇄ Postgres) WITHOUT re-embedding:
 * passages, their stored vectors (getVectors), document records and the manifest's embedder and
 * chunking. Then verify the copy: counts, every document record and passage, a sample of vectors
 * within float tolerance, and a sample of nearest-neighbour queries returning the same top ids.
 * A failed check is an error: a migration is never reported done on a partial copy.
 */
import { AppError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { silentLogger } from '../../core/logger.js';
import type { DocumentRecord, Passage } from '../../core/types.js';
import { incompatibilities } from '../manifest.js';
import type { PassageStore } from './types.js';

export interface MigrateOptions {
  /** Passages per upsert (whole documents are never split across batches). */
  batchPassages: number;
  /** Passages whose vectors are compared, and used as nearest-neighbour queries. */
  sampleSize: number;
  /** Neighbours compared per sample query. */
  topK: number;
  /** Max absolute difference between the (unit-normalised) vectors of source and copy. */
  vectorTolerance: number;
  /** Both indexes are approximate (HNSW graphs built differently): beyond the top id, which must
   * agree (or tie), the mean share of common ids in the top-k must reach this. */
  minOverlap: number;
  /** Allow a target that already holds documents (they are replaced by source). */
  allowNonEmptyTarget: boolean;
  logger: Logger;
}

export const DEFAULT_MIGRATE: MigrateOptions = {
  batchPassages: 2000,
  sampleSize: 32,
  topK: 10,
  vectorTolerance: 1e-6,
  minOverlap: 0.9,
  allowNonEmptyTarget: false,
  logger: silentLogger,
};

export interface CopyReport {
  documents: number;
  passages: number;
  batches: number;
  ms: number;
}

export interface VerifyReport {
  documents: number;
  passages: number;
  vectorsChecked: number;
  maxVectorError: number;
  queriesChecked: number;
  /** Sample queries whose top hit is the same passage (or an exact tie). */
  topOneAgreement: number;
  /** Mean |top-k(source) ∩ top-k(copy)| / k over the sample queries. */
  meanOverlap: number;
}

export async function migrateStore(
  from: PassageStore,
  to: PassageStore,
  options: Partial<MigrateOptions> = {},
): Promise<{ copy: CopyReport; verify: VerifyReport }> {
  const copy = await copyStore(from, to, options);
  const verify = await verifyCopy(from, to, options);
  return { copy, verify };
}

export async function copyStore(from: PassageStore, to: PassageStore, options: Partial<MigrateOptions> = {}): Promise<CopyReport> {
  const opts = { ...DEFAULT_MIGRATE, ...options };
  const started = Date.now();
  const src = from.manifest();
  const reasons = incompatibilities(to.manifest(), src.embedder, src.chunking);
  if (reasons.length > 0) {
    throw new AppError('INDEX_MISMATCH', `The target ${to.kind} index was built with ${reasons.join('; ')}; it cannot receive this index as is.`, {
      details: { reasons },
    });
  }
  if (!opts.allowNonEmptyTarget && ((await to.count()) > 0 || Object.keys(to.manifest().documents).length > 0)) {
    throw new AppError('CONFLICT', `The target ${to.kind} index is not empty; migrate into an empty one (--replace resets it).`);
  }

  const bySource = new Map<string, Passage[]>();
  for (const p of await from.listPassages()) {
    const list = bySource.get(p.source) ?? [];
    list.push(p);
    bySource.set(p.source, list);
  }
  const records = Object.values(src.documents).sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  const orphans = [...bySource.keys()].filter((s) => !src.documents[s]);
  if (orphans.length > 0) {
    throw new AppError('INDEX_CORRUPT', `The source index holds passages of ${orphans.length} source(s) missing from its manifest (e.g. ${orphans[0]}).`);
  }
  const total = [...bySource.values()].reduce((n, l) => n + l.length, 0);
  opts.logger.info('migration started', { from: from.kind, to: to.kind, documents: records.length, passages: total });

  let batch: DocumentRecord[] = [];
  let batchSize = 0;
  let done = 0;
  let batches = 0;
  const send = async () => {
    if (batch.length === 0) return;
    const passages = batch.map((r) => bySource.get(r.source) ?? []);
    const vectors = await from.getVectors(passages.flat().map((p) => p.id));
    let offset = 0;
    await to.upsertDocuments(
      batch.map((record, i) => {
        const ps = passages[i] ?? [];
        const vs = vectors.slice(offset, offset + ps.length);
        offset += ps.length;
        return { record, passages: ps, vectors: vs };
      }),
    );
    done += batchSize;
    batches++;
    opts.logger.info('migration progress', { passages: done, of: total, percent: total ? Math.round((100 * done) / total) : 100 });
    batch = [];
    batchSize = 0;
  };
  for (const record of records) {
    batch.push(record);
    batchSize += bySource.get(record.source)?.length ?? 0;
    if (batchSize >= opts.batchPassages) await send();
  }
  await send();
  if (src.skipped) await to.setSkipped(src.skipped);
  await to.flush();
  const report = { documents: records.length, passages: total, batches, ms: Date.now() - started };
  opts.logger.info('migration copied', report);
  return report;
}

export async function verifyCopy(from: PassageStore, to: PassageStore, options: Partial<MigrateOptions> = {}): Promise<VerifyReport> {
  const opts = { ...DEFAULT_MIGRATE, ...options };
  const problems: string[] = [];
  const a = from.manifest();
  const b = to.manifest();

  const [countA, countB] = [await from.count(), await to.count()];
  if (countA !== countB) problems.push(`passage count ${countB}, source has ${countA}`);
  if (a.passages !== b.passages) problems.push(`manifest passages ${b.passages}, source has ${a.passages}`);
  const docsA = Object.keys(a.documents);
  const docsB = Object.keys(b.documents);
  if (docsA.length !== docsB.length) problems.push(`document count ${docsB.length}, source has ${docsA.length}`);
  const badDocs = docsA.filter((s) => !sameRecord(a.documents[s], b.documents[s]));
  if (badDocs.length > 0) problems.push(`${badDocs.length} document record(s) differ or are missing (e.g. ${badDocs[0]})`);
  if (canonical(a.embedder) !== canonical(b.embedder)) problems.push('embedder info differs');
  if (canonical(a.chunking) !== canonical(b.chunking)) problems.push('chunking info differs');
  if (canonical(a.skipped ?? {}) !== canonical(b.skipped ?? {})) problems.push('skipped files differ');

  const listA = await from.listPassages();
  const listB = await to.listPassages();
  const byIdB = new Map(listB.map((p) => [p.id, p]));
  const badPassages = listA.filter((p) => !samePassage(p, byIdB.get(p.id)));
  if (badPassages.length > 0) problems.push(`${badPassages.length} passage(s) differ or are missing (e.g. ${badPassages[0]?.id})`);

  const sample = spread(listA, opts.sampleSize).filter((p) => byIdB.has(p.id));
  let maxVectorError = 0;
  let topOne = 0;
  let overlapSum = 0;
  if (sample.length > 0) {
    const ids = sample.map((p) => p.id);
    const va = (await from.getVectors(ids)).map(normalise);
    const vb = (await to.getVectors(ids)).map(normalise);
    va.forEach((v, i) => {
      const w = vb[i] ?? [];
      if (w.length !== v.length) maxVectorError = Infinity;
      else v.forEach((x, j) => (maxVectorError = Math.max(maxVectorError, Math.abs(x - (w[j] ?? NaN)))));
    });
    if (!(maxVectorError <= opts.vectorTolerance)) {
      problems.push(`sampled vectors differ by up to ${maxVectorError} (tolerance ${opts.vectorTolerance})`);
    }
    for (const q of va) {
      const ha = await from.searchVector(q, opts.topK);
      const hb = await to.searchVector(q, opts.topK);
      const a0 = ha[0];
      const b0 = hb[0];
      // Same top passage, or two passages at the same similarity (duplicate texts tie).
      if (a0 && b0 && (a0.passage.id === b0.passage.id || Math.abs(a0.similarity - b0.similarity) < 1e-5)) topOne++;
      const idsB = new Set(hb.map((h) => h.passage.id));
      overlapSum += ha.length === 0 ? 1 : ha.filter((h) => idsB.has(h.passage.id)).length / ha.length;
    }
    if (topOne !== sample.length) problems.push(`top hit differs for ${sample.length - topOne} of ${sample.length} sample queries`);
    if (overlapSum / sample.length < opts.minOverlap) {
      problems.push(`sample queries share only ${(overlapSum / sample.length).toFixed(3)} of their top-${opts.topK} ids (minimum ${opts.minOverlap})`);
    }
  }

  const report: VerifyReport = {
    documents: docsB.length,
    passages: countB,
    vectorsChecked: sample.length,
    maxVectorError,
    queriesChecked: sample.length,
    topOneAgreement: topOne,
    meanOverlap: sample.length ? overlapSum / sample.length : 1,
  };
  if (problems.length > 0) {
    opts.logger.error('migration check failed', { problems });
    throw new AppError('INDEX_CORRUPT', `The ${to.kind} copy does not match the ${from.kind} index: ${problems.join('; ')}.`, {
      details: { problems, report },
    });
  }
  opts.logger.info('migration verified', { ...report });
  return report;
}

/** `passages` is compared too: both stores set it to the number of passages they hold. */
function sameRecord(x: DocumentRecord | undefined, y: DocumentRecord | undefined): boolean {
  if (!x || !y) return false;
  return (
    x.source === y.source &&
    x.title === y.title &&
    x.date === y.date &&
    x.hash === y.hash &&
    x.format === y.format &&
    x.passages === y.passages &&
    x.chars === y.chars &&
    x.ingestedAt === y.ingestedAt
  );
}

function samePassage(x: Passage, y: Passage | undefined): boolean {
  if (!y) return false;
  return (
    x.source === y.source &&
    x.title === y.title &&
    x.date === y.date &&
    x.text === y.text &&
    x.start === y.start &&
    x.end === y.end &&
    x.ordinal === y.ordinal &&
    x.page === y.page
  );
}

/** JSON with sorted keys: Postgres jsonb does not keep key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : 1))) : v,
  );
}

/** `n` items evenly spread over the list (deterministic: reruns check the same passages). */
function spread<T>(items: T[], n: number): T[] {
  if (items.length <= n) return [...items];
  const step = items.length / n;
  return Array.from({ length: n }, (_, i) => items[Math.floor(i * step)] as T);
}

/** hnswlib's cosine space stores vectors normalised; pgvector stores them as given. */
function normalise(v: number[]): number[] {
  const norm = Math.hypot(...v);
  return norm > 0 ? v.map((x) => x / norm) : v;
}
