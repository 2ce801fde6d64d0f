/**
 * Retrieval settings: modes, depths, BM25, fusion, dedup, reranker and the calibrated
 * answerability threshold. The server reads config/retrieval.json once at start
 * (`config.retrievalConfigPath`) and passes the parsed object down; every field is optional in
 * the file and merged over DEFAULT_RETRIEVAL_CONFIG. Unknown keys are errors (a typo must not
 * silently fall back to a default).
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { DEFAULT_BM25, type Bm25Options } from '../bm25/types.js';
import { DEFAULT_ANSWERABILITY, type AnswerabilityOptions } from './answerability.js';
import { DEFAULT_DEDUP, type DedupOptions } from './dedup.js';
import { DEFAULT_EVIDENCE, type EvidenceOptions } from './evidence.js';
import { DEFAULT_QUOTES, type QuoteOptions } from './evidence-select.js';
import { DEFAULT_FEATURES, type FeatureOptions } from './features.js';
import { DEFAULT_FEEDBACK, type FeedbackOptions } from './feedback.js';
import { DEFAULT_FUSION, type FusionOptions } from './fusion.js';
import { DEFAULT_QUESTION, type QuestionOptions } from './query.js';
import { DEFAULT_RERANK, type RerankOptions } from './rerank.js';
import type { SearchMode } from './types.js';

export interface RetrievalConfig {
  /** Defaults for SearchOptions.mode / rerank. */
  mode: SearchMode;
  rerank: boolean;
  /** Passages each first-stage ranker returns (and the fusion works on). */
  candidates: number;
  bm25: Bm25Options;
  /** Pseudo-relevance feedback for the BM25 pass (feedback.ts; off by default). */
  feedback: FeedbackOptions;
  question: Omit<QuestionOptions, 'lexicon'>;
  fusion: FusionOptions;
  dedup: DedupOptions;
  features: FeatureOptions;
  reranker: RerankOptions;
  evidence: EvidenceOptions;
  quotes: QuoteOptions;
  answerability: AnswerabilityOptions;
}

export const DEFAULT_RETRIEVAL_CONFIG: RetrievalConfig = {
  mode: 'hybrid',
  rerank: true,
  candidates: 40,
  bm25: DEFAULT_BM25,
  feedback: DEFAULT_FEEDBACK,
  question: DEFAULT_QUESTION,
  fusion: DEFAULT_FUSION,
  dedup: DEFAULT_DEDUP,
  features: DEFAULT_FEATURES,
  reranker: DEFAULT_RERANK,
  evidence: DEFAULT_EVIDENCE,
  quotes: DEFAULT_QUOTES,
  answerability: DEFAULT_ANSWERABILITY,
};

type DeepPartial<T> = { [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** Any subset of the configuration, section by section. */
export type RetrievalConfigInput = DeepPartial<RetrievalConfig>;

const num = z.number().finite();
const nonNeg = num.min(0);
const unit = num.min(0).max(1);
const posInt = z.number().int().min(1).max(1000);

const schema = z
  .object({
    $comment: z.string().optional(),
    version: z.literal(1).optional(),
    /** Written by the calibration script; informational. */
    calibration: z.record(z.unknown()).optional(),
    mode: z.enum(['dense', 'bm25', 'hybrid']).optional(),
    rerank: z.boolean().optional(),
    candidates: posInt.optional(),
    bm25: z
      .object({
        k1: nonNeg,
        b: unit,
        groupCombine: z.enum(['max', 'sum']),
        phraseFallback: unit,
        phraseSlack: z.number().int().min(0).max(10),
      })
      .partial()
      .strict()
      .optional(),
    feedback: z.object({ docs: z.number().int().min(0).max(20), terms: z.number().int().min(0).max(100), weight: unit }).partial().strict().optional(),
    question: z
      .object({
        ambiguous: z.enum(['fr', 'en', 'both']),
        analysis: z
          .object({
            maxTranslations: posInt,
            translationDecay: unit,
            surfaceWeight: nonNeg,
            nameSurfaceWeight: nonNeg,
            phrases: z.boolean(),
            phraseBoost: nonNeg,
            cognates: z.enum(['off', 'untranslated', 'all']),
            cognateWeight: nonNeg,
            duplicates: z.enum(['sum', 'max']),
          })
          .partial()
          .strict(),
        expand: z
          .object({ numberWords: z.boolean(), acronyms: z.boolean(), mergeNames: z.boolean(), partWeight: unit, massPerWord: nonNeg, longFormSuffixes: unit })
          .partial()
          .strict(),
      })
      .partial()
      .strict()
      .optional(),
    fusion: z
      .object({ method: z.enum(['rrf', 'weighted']), rrfK: nonNeg, weights: z.record(nonNeg) })
      .partial()
      .strict()
      .optional(),
    dedup: z.object({ duplicate: nonNeg, lambda: unit }).partial().strict().optional(),
    features: z.object({ window: posInt }).partial().strict().optional(),
    reranker: z
      .object({
        depth: posInt,
        retrievalWeight: nonNeg,
        coverageWeight: nonNeg,
        windowWeight: nonNeg,
        documentWeight: nonNeg,
        titleWeight: nonNeg,
        numberWeight: nonNeg,
        missingNumberWeight: nonNeg,
        evidenceWeight: nonNeg,
        translationWeight: nonNeg,
      })
      .partial()
      .strict()
      .optional(),
    evidence: z
      .object({
        depth: posInt,
        maxSentences: z.number().int().min(1).max(5),
        prefixCredit: unit,
        prefixMin: z.number().int().min(2).max(20),
        allMix: unit,
        typeFloor: unit,
        numberPenalty: unit,
        rankDiscount: unit,
        contextCredit: unit,
        headingWindow: unit,
        entityExponent: z.number().min(0).max(10),
        extraSentencePenalty: unit,
        typeAnchor: unit,
        derivationCredit: unit,
        acronymWho: unit,
        bodyWho: unit,
        attributionFactor: unit,
        relationMode: z.enum(['off', 'max', 'all']),
        relationFloor: unit,
        relatedCredit: unit,
        relatedMin: unit,
        relationInRanking: z.boolean(),
        substitutionFactor: unit,
        personPlaces: z.boolean(),
        acronymPlaces: z.boolean(),
        nowFactor: unit,
      })
      .partial()
      .strict()
      .optional(),
    quotes: z.object({ maxSentences: z.number().int().min(1).max(10), relativeScore: unit, minGain: unit }).partial().strict().optional(),
    answerability: z
      .object({ enabled: z.boolean(), top: posInt, unknownWeight: unit, threshold: num })
      .partial()
      .strict()
      .optional(),
  })
  .strict();

/** Merge a partial configuration over a base (section by section). */
export function mergeRetrievalConfig(base: RetrievalConfig, input: RetrievalConfigInput = {}): RetrievalConfig {
  return {
    mode: input.mode ?? base.mode,
    rerank: input.rerank ?? base.rerank,
    candidates: input.candidates ?? base.candidates,
    bm25: { ...base.bm25, ...input.bm25 },
    feedback: { ...base.feedback, ...input.feedback },
    question: {
      ...base.question,
      ...input.question,
      analysis: { ...base.question.analysis, ...input.question?.analysis },
      expand: { ...base.question.expand, ...input.question?.expand },
    },
    fusion: { ...base.fusion, ...input.fusion, weights: { ...base.fusion.weights, ...definedValues(input.fusion?.weights) } },
    dedup: { ...base.dedup, ...input.dedup },
    features: { ...base.features, ...input.features },
    reranker: { ...base.reranker, ...input.reranker },
    evidence: { ...base.evidence, ...input.evidence },
    quotes: { ...base.quotes, ...input.quotes },
    answerability: { ...base.answerability, ...input.answerability },
  };
}

function definedValues(record: Partial<Record<string, number>> | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(record ?? {})) if (v !== undefined) out[k] = v;
  return out;
}

/** Validates a parsed JSON object (the file's content); errors name the offending field. */
export function parseRetrievalConfig(json: unknown, source = 'retrieval config'): RetrievalConfig {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new AppError('INVALID_PARAMETER', `${source}: ${issues.join('; ')}`, { details: { errors: issues } });
  }
  const { $comment: _c, version: _v, calibration: _cal, ...rest } = parsed.data;
  return mergeRetrievalConfig(DEFAULT_RETRIEVAL_CONFIG, rest as RetrievalConfigInput);
}

/**
 * Reads the configuration file at the edge (server start, eval, calibration). A missing file means
 * the defaults (logged); a malformed one is an error, never ignored.
 */
export async function readRetrievalConfig(path: string, logger: Logger): Promise<RetrievalConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      logger.warn('retrieval config not found, using defaults', { path });
      return DEFAULT_RETRIEVAL_CONFIG;
    }
    throw new AppError('INVALID_PARAMETER', `cannot read retrieval config ${path}: ${(err as Error).message}`, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new AppError('INVALID_PARAMETER', `retrieval config ${path} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  const config = parseRetrievalConfig(json, path);
  logger.debug('retrieval config loaded', { path, mode: config.mode, rerank: config.rerank, threshold: config.answerability.threshold });
  return config;
}
