/**
 * Side-by-side retrieval variants (hybrid + rerank) on several question sets, one index opened
 * per set: the quick loop behind the cross-lingual ablations in eval/RETRIEVAL.md.
 *
 *   npx tsx eval/xling-variants.ts --questions FILE [--questions FILE …] [--variants a,b]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { configFromEnv } from '../core/config.js';
import { createLogger } from '../core/logger.js';
import { createRetriever, mergeRetrievalConfig, readRetrievalConfig, type RetrievalConfigInput } from '../index/index.js';
import { corpusIndexDir } from './cli-args.js';
import { evaluate } from './evaluate.js';
import { openEvalIndex } from './eval-index.js';
import { loadQuestions } from './questions.js';

const VARIANTS: Record<string, { config: RetrievalConfigInput; english: boolean }> = {
  shipped: { config: {}, english: true },
  'no-apertium': { config: { reranker: { translationWeight: 0 } }, english: false },
  'translation-0.25': { config: { reranker: { translationWeight: 0.25 } }, english: true },
  'translation-1': { config: { reranker: { translationWeight: 1 } }, english: true },
};

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { questions: { type: 'string', multiple: true }, variants: { type: 'string' } } });
  const app = configFromEnv(process.env);
  const logger = createLogger({ level: 'warn' });
  const names = values.variants ? values.variants.split(',') : Object.keys(VARIANTS);
  for (const file of values.questions ?? []) {
    const beside = path.join(path.dirname(file), 'corpus');
    const corpusDir = file.startsWith('eval/sets/') ? beside : app.corpusDir;
    const indexDir = path.join(corpusDir === app.corpusDir ? app.indexDir : corpusIndexDir(app.dataDir, corpusDir), 'eval-lexical');
    const { store, embedder } = await openEvalIndex({ corpusDir, indexDir, logger });
    const base = await readRetrievalConfig(app.retrievalConfigPath, logger);
    const questions = await loadQuestions(file);
    for (const name of names) {
      const v = VARIANTS[name];
      if (!v) throw new Error(`unknown variant ${name}`);
      const config = mergeRetrievalConfig(base, v.config);
      const retriever = await createRetriever(store, embedder, { logger, config, englishSide: v.english ? { cacheFile: path.join(indexDir, '..', 'translations-fr-en.jsonl') } : false });
      const r = await evaluate(questions, retriever, { k: 10, mode: 'hybrid', rerank: true, label: name });
      if (process.env['XLING_DUMP']) {
        const { writeFileSync } = await import('node:fs');
        writeFileSync(`${process.env['XLING_DUMP']}-${path.basename(path.dirname(file))}-${path.basename(file, '.jsonl')}-${name}.json`, JSON.stringify(r.questions.map((q) => ({ id: q.id, lang: q.lang, rank: q.metrics?.firstRelevantRank ?? null }))));
      }
      for (const lang of ['fr', 'en'] as const) {
        const s = r.summary[lang];
        if (s.answerable === 0) continue;
        process.stdout.write(
          `${path.basename(path.dirname(file)) === 'eval' ? path.basename(file, '.jsonl') : path.basename(path.dirname(file))}\t${name}\t${lang}\tR@1 ${s.recall['1']?.toFixed(3)}\tR@5 ${s.recall['5']?.toFixed(3)}\tMRR ${(s.mrr ?? 0).toFixed(3)}\n`,
        );
      }
    }
    await store.close();
  }
}

await main();
