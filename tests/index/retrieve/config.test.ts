/** The retrieval configuration file: validation, merging, the shipped config/retrieval.json. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../../core/logger.js';
import { DEFAULT_RETRIEVAL_CONFIG, mergeRetrievalConfig, parseRetrievalConfig, readRetrievalConfig } from '../../../index/retrieve/config.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

describe('retrieval config', () => {
  it('merges a partial file over the defaults, section by section', () => {
    const c = parseRetrievalConfig({ mode: 'bm25', bm25: { k1: 0.9 }, answerability: { threshold: 0.3 }, question: { analysis: { maxTranslations: 3 } } });
    expect(c.mode).toBe('bm25');
    expect(c.bm25.k1).toBe(0.9);
    expect(c.bm25.b).toBe(DEFAULT_RETRIEVAL_CONFIG.bm25.b);
    expect(c.answerability.threshold).toBe(0.3);
    expect(c.answerability.top).toBe(DEFAULT_RETRIEVAL_CONFIG.answerability.top);
    expect(c.question.analysis.maxTranslations).toBe(3);
    expect(c.question.analysis.translationDecay).toBe(DEFAULT_RETRIEVAL_CONFIG.question.analysis.translationDecay);
    expect(mergeRetrievalConfig(DEFAULT_RETRIEVAL_CONFIG, {})).toEqual(DEFAULT_RETRIEVAL_CONFIG);
  });

  it('takes every default from the one schema: an empty file is the defaults, and fusion weights merge by name', () => {
    expect(parseRetrievalConfig({})).toEqual(DEFAULT_RETRIEVAL_CONFIG);
    expect(DEFAULT_RETRIEVAL_CONFIG.evidence.maxSentences).toBe(2);
    expect(DEFAULT_RETRIEVAL_CONFIG.question.analysis.maxTranslations).toBe(5);
    const c = parseRetrievalConfig({ fusion: { weights: { extra: 2 } } });
    expect(c.fusion.weights).toEqual({ ...DEFAULT_RETRIEVAL_CONFIG.fusion.weights, extra: 2 });
    expect(() => mergeRetrievalConfig(DEFAULT_RETRIEVAL_CONFIG, { evidence: { typeFloor: 3 } })).toThrow(/evidence\.typeFloor/);
  });

  it('rejects unknown keys and bad values, naming the field', () => {
    expect(() => parseRetrievalConfig({ bm25: { k2: 1 } }, 'x.json')).toThrow(/x\.json.*bm25/);
    expect(() => parseRetrievalConfig({ mode: 'sparse' })).toThrow(/mode/);
    expect(() => parseRetrievalConfig({ dedup: { lambda: 2 } })).toThrow(/dedup\.lambda/);
    expect(() => parseRetrievalConfig([])).toThrow();
    expect(() => parseRetrievalConfig({ evidence: { typeFloor: 2 } })).toThrow(/evidence\.typeFloor/);
    expect(() => parseRetrievalConfig({ answerability: { minCoverage: 0.1 } })).toThrow(/answerability/);
    expect(() => parseRetrievalConfig({ quotes: { maxSentences: 0 } })).toThrow(/quotes\.maxSentences/);
  });

  it('merges the evidence and quotes sections', () => {
    const c = parseRetrievalConfig({ evidence: { maxSentences: 1 }, quotes: { minGain: 0.3 } });
    expect(c.evidence.maxSentences).toBe(1);
    expect(c.evidence.typeFloor).toBe(DEFAULT_RETRIEVAL_CONFIG.evidence.typeFloor);
    expect(c.quotes.minGain).toBe(0.3);
  });

  it('accepts the round-3 evidence conditions and rejects bad values', () => {
    const c = parseRetrievalConfig({ evidence: { nowFactor: 1, personPlaces: true } });
    expect(c.evidence.nowFactor).toBe(1);
    expect(c.evidence.personPlaces).toBe(true);
    expect(c.evidence.attributionFactor).toBe(DEFAULT_RETRIEVAL_CONFIG.evidence.attributionFactor);
    // Experiments deleted in issue 12 are unknown keys now, so errors.
    expect(() => parseRetrievalConfig({ evidence: { relationMode: 'all' } })).toThrow(/evidence/);
    expect(() => parseRetrievalConfig({ feedback: { docs: 3 } })).toThrow(/feedback|Unrecognized/);
    expect(() => parseRetrievalConfig({ evidence: { substitutionFactor: 1.5 } })).toThrow(/evidence\.substitutionFactor/);
    expect(() => parseRetrievalConfig({ evidence: { personPlaces: 'no' } })).toThrow(/evidence\.personPlaces/);
  });

  it('reads the shipped config/retrieval.json (calibrated threshold included)', async () => {
    const c = await readRetrievalConfig(path.join(ROOT, 'config', 'retrieval.json'), memoryLogger());
    expect(['dense', 'bm25', 'hybrid']).toContain(c.mode);
    expect(Number.isFinite(c.answerability.threshold)).toBe(true);
    expect(c.answerability.threshold).toBeGreaterThan(0);
    expect(c.answerability.threshold).toBeLessThan(1);
  });

  it('falls back to the defaults when the file is missing (logged), fails on bad JSON', async () => {
    const log = memoryLogger();
    expect(await readRetrievalConfig(path.join(ROOT, 'no-such-retrieval.json'), log)).toEqual(DEFAULT_RETRIEVAL_CONFIG);
    expect(log.lines.some((l) => l.level === 'warn')).toBe(true);
    await expect(readRetrievalConfig(path.join(ROOT, 'package.json'), log)).rejects.toThrow(/retrieval config|Unrecognized/);
  });
});
