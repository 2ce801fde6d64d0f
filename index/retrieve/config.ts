/**
 * Retrieval settings — ONE declaration: the zod schema below is the source of their types
 * (`RetrievalConfig = z.infer<…>`, each stage reads its section as `RetrievalConfig['x']`) and of
 * their defaults (`DEFAULT_RETRIEVAL_CONFIG = schema.parse({})`). The server reads
 * config/retrieval.json once at start (`config.retrievalConfigPath`); every key is optional there
 * and filled from the defaults; unknown keys are errors (a typo must not silently fall back to a
 * default). Partial configurations (eval variants, tests) are merged once, at construction
 * (mergeRetrievalConfig), and validated by the same schema.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { queryAnalysisSchema } from '../../text/index.js';

const num = z.number().finite();
const nonNeg = num.min(0);
const unit = num.min(0).max(1);
const posInt = z.number().int().min(1).max(1000);
// Each section: its keys optional (defaults), unknown keys refused, absent = all defaults.

const bm25 = z
  .object({
    /** Term-frequency saturation. */
    k1: nonNeg.default(1.2),
    /** Length normalisation (0 = none, 1 = full). */
    b: unit.default(0.75),
    /**
     * How the alternatives of one query group (a word's translations, its surface form, cognates)
     * combine: 'max' counts the best-matching alternative only, so a passage holding three
     * translations of one English word is not scored as if it matched three words.
     */
    groupCombine: z.enum(['max', 'sum']).default('max'),
    /**
     * A multi-word alternative ("conseil de sécurité") counts as a phrase: its words in order, at
     * most `phraseSlack` other index terms apart. Where the phrase is absent, its words alone earn
     * this share of their mean score (0 = phrase or nothing).
     */
    phraseFallback: unit.default(0.5),
    phraseSlack: z.number().int().min(0).max(10).default(1),
  })
  .strict()
  .default({});

const expand = z
  .object({
    /** Number words gain their digits ("sixième" → 6). */
    numberWords: z.boolean().default(true),
    /** Acronyms the corpus defines gain their long form, and long forms their acronym. */
    acronyms: z.boolean().default(true),
    /** Consecutive name words become one group ("Jürgen Stock"). */
    mergeNames: z.boolean().default(true),
    /** Weight of one word of a merged name or long form, relative to the whole phrase. */
    partWeight: unit.default(0.5),
    /** Mass of a merged group of k words: massPerWord · k (a French word has mass 1). */
    massPerWord: nonNeg.default(0.5),
    /** Weight (relative to the acronym) of the trailing parts of its long form; 0 = off. */
    longFormSuffixes: unit.default(0.5),
  })
  .strict()
  .default({});

const question = z
  .object({
    /**
     * Questions without language evidence ("INTERPOL cybercrime"): 'both' translates them like
     * English but keeps every word itself at full weight (same rule as the lexical embedder).
     */
    ambiguous: z.enum(['fr', 'en', 'both']).default('both'),
    /** Weighted French terms (text/query.ts; English through the lexicon). */
    analysis: queryAnalysisSchema.default({}),
    expand,
  })
  .strict()
  .default({});

const fusion = z
  .object({
    /** 'rrf': Σ w / (rrfK + rank); 'weighted': Σ w · score normalised by the list's best. */
    method: z.enum(['rrf', 'weighted']).default('weighted'),
    /** RRF constant (60 in Cormack et al.); lower favours the very top of each list. */
    rrfK: nonNeg.default(60),
    /** Weight of each first-stage ranker's list, by name (rankers/index.ts); absent = 1. */
    weights: z.record(nonNeg).default({ bm25: 1, dense: 0.5 }),
  })
  .strict()
  .default({});

const dedup = z
  .object({
    /** Containment at or above which a passage counts as a duplicate of a better one (> 1 = off). */
    duplicate: nonNeg.default(0.8),
    /** MMR trade-off: 1 = relevance only (MMR off), lower = more diversity. */
    lambda: unit.default(0.85),
  })
  .strict()
  .default({});

const reranker = z
  .object({
    /** Candidates reranked (the rest keep their order below them). */
    depth: posInt.default(30),
    /** First-stage score, divided by the best candidate's. */
    retrievalWeight: nonNeg.default(1),
    /** Coverage of the question by the passage's whole document (features.documentCoverage). */
    documentWeight: nonNeg.default(0.5),
    /** Per question number found (share of the question's numbers). */
    numberWeight: nonNeg.default(0.1),
    /** Per question number missing (share of the question's numbers). */
    missingNumberWeight: nonNeg.default(0.1),
    /** The passage's best evidence window (in [0, 1]). */
    evidenceWeight: nonNeg.default(2),
    /**
     * English questions (and ones without language evidence): the passage's score on the English
     * side (its fr→en translation searched with the question, translation.ts), divided by the best
     * one. 0 without Apertium or without an English side.
     */
    translationWeight: nonNeg.default(0.5),
  })
  .strict()
  .default({});

const evidence = z
  .object({
    /** First-stage candidates whose sentences are read (the reranked head; cached per passage). */
    depth: posInt.default(30),
    /** Most consecutive sentences in one window. */
    maxSentences: z.number().int().min(1).max(5).default(2),
    /** Credit of a stem matched only through a shared prefix ("signataires" / "signé"). */
    prefixCredit: unit.default(0.5),
    /** Shortest shared prefix, in characters. */
    prefixMin: z.number().int().min(2).max(20).default(5),
    /** Coverage = allMix · (content and names) + (1 − allMix) · content alone. */
    allMix: unit.default(0.5),
    /** Factor of a window holding no candidate of the expected answer type (0 = no evidence at all; 1 = types ignored). */
    typeFloor: unit.default(0),
    /** Factor of the question's numbers missing from the passage: (1 − numberPenalty · missing share). */
    numberPenalty: unit.default(1),
    /**
     * A window of the passage ranked r (1-based, final ranking) counts (1 − rankDiscount)^(r − 1):
     * between equally good sentences, the better-ranked passage's (dense and BM25 agree on it).
     */
    rankDiscount: unit.default(0.2),
    /** Coverage credit of a name found in the window's passage (or title) but not in the window itself. */
    contextCredit: unit.default(0.5),
    /** Factor of a window holding a heading-like line (0 = such lines are never windows). */
    headingWindow: unit.default(0.8),
    /** The names factor is (1 − share of the question's weight lost to missing names) to this power. */
    entityExponent: z.number().min(0).max(10).default(3),
    /** Each sentence beyond the first multiplies the score by (1 − this): a longer window must earn its length. */
    extraSentencePenalty: unit.default(0.1),
    /** An answer candidate counts in a sentence speaking about at least this share of what the window's best sentence covers. */
    typeAnchor: unit.default(0.5),
    // Round 3 (eval/RETRIEVAL.md): conditions a near-miss window fails.
    /** Credit of an acronym (mostly a body: ONUDC, BLT) as the answer to a who-question; 1 = off. */
    acronymWho: unit.default(0.5),
    /** Credit of any other name that is not a person's (Daech, Europol) as the answer to a who-question; 1 = off. */
    bodyWho: unit.default(0.5),
    /** Whether a person's name answers a where-question asked through a noun ("which countries"). */
    personPlaces: z.boolean().default(false),
    /** Whether an acronym (mostly a body: OAPM, ONUDC) answers such a where-question. */
    acronymPlaces: z.boolean().default(false),
    /** Factor of a window without any word of the present when the question asks about the present; 1 = off. */
    nowFactor: unit.default(0.5),
    /** Factor of a window naming another place (person) when one the question names is missing from the passage; 1 = off. */
    substitutionFactor: unit.default(0.25),
    /** Factor of a passage that knows the person whose words are asked about but never reports them speaking; 1 = off. */
    attributionFactor: unit.default(0.25),
  })
  .strict()
  .default({});

const quotes = z
  .object({
    /** Sentences quoted at most, all windows together. */
    maxSentences: z.number().int().min(1).max(10).default(3),
    /** A further window must score at least this share of the best one… */
    relativeScore: unit.default(0.5),
    /** …and cover at least this (IDF-weighted) share of the question the chosen ones miss, or a missing answer type. */
    minGain: unit.default(0.15),
  })
  .strict()
  .default({});

const answerability = z
  .object({
    /** Off: every question with at least one hit is answerable. */
    enabled: z.boolean().default(true),
    /** Passages (final ranking, independent of k) whose windows compete. */
    top: posInt.default(5),
    /** Confidence = best window evidence × (1 − unknownWeight · unknown share). */
    unknownWeight: unit.default(0),
    /**
     * Answerable when the confidence reaches this. Calibrated on eval/questions.jsonl by
     * eval/calibrate.ts (config/retrieval.json carries the exact fitted value; this rounded copy
     * serves callers that pass no configuration).
     */
    threshold: num.default(0.1),
  })
  .strict()
  .default({});

const schema = z
  .object({
    /** Defaults of SearchOptions.mode / rerank. */
    mode: z.enum(['dense', 'bm25', 'hybrid']).default('hybrid'),
    rerank: z.boolean().default(true),
    /** Passages each first-stage ranker returns (and the fusion works on). */
    candidates: posInt.default(40),
    bm25,
    question,
    fusion,
    dedup,
    reranker,
    evidence,
    quotes,
    answerability,
  })
  .strict();

/** The file may also carry these (informational; written by the calibration script). */
const fileSchema = schema.extend({
  $comment: z.string().optional(),
  version: z.literal(1).optional(),
  calibration: z.record(z.unknown()).optional(),
});

export type RetrievalConfig = z.infer<typeof schema>;
/** Any subset of the configuration, section by section (what the file and callers may give). */
export type RetrievalConfigInput = z.input<typeof schema>;

export const DEFAULT_RETRIEVAL_CONFIG: RetrievalConfig = schema.parse({});

/** A partial configuration merged over a base, section by section (records too), and validated. */
export function mergeRetrievalConfig(base: RetrievalConfig, input: RetrievalConfigInput = {}): RetrievalConfig {
  return parseWith(schema, deepMerge(base, input), 'retrieval config');
}

/** Validates a parsed JSON object (the file's content); errors name the offending field. */
export function parseRetrievalConfig(json: unknown, source = 'retrieval config'): RetrievalConfig {
  parseWith(fileSchema, json, source);
  // Merged over the defaults like any partial configuration: fusion weights the file does not name keep theirs.
  const { $comment: _c, version: _v, calibration: _cal, ...config } = json as Record<string, unknown>;
  return mergeRetrievalConfig(DEFAULT_RETRIEVAL_CONFIG, config as RetrievalConfigInput);
}

function parseWith<T extends z.ZodTypeAny>(s: T, value: unknown, source: string): z.infer<T> {
  const parsed = s.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new AppError('INVALID_PARAMETER', `${source}: ${issues.join('; ')}`, { details: { errors: issues } });
  }
  return parsed.data;
}

function deepMerge(base: unknown, input: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(input)) return input === undefined ? base : input;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(input)) if (v !== undefined) out[k] = deepMerge(base[k], v);
  return out;
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
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
