/** Threshold fitting for the evidence model's decision score, and its cross-validation. */
import { describe, expect, it } from 'vitest';
import { auc, crossValidate, fitThreshold } from '../../eval/calibrate.js';

describe('threshold calibration', () => {
  const answerable = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.05, 0.35];
  const unanswerable = [0, 0.01, 0.1, 0.15, 0.45];

  it('declines the most unanswerable questions within the false-refusal budget, midway between scores', () => {
    const strict = fitThreshold(answerable, unanswerable, 0);
    expect(strict.falseRefusals).toBe(0);
    expect(strict.threshold).toBeCloseTo(0.03, 6); // between 0.01 and 0.05: nothing answerable refused
    expect(strict.declined).toBeCloseTo(2 / 5, 12);
    const loose = fitThreshold(answerable, unanswerable, 0.1);
    expect(loose.falseRefusals).toBeCloseTo(0.1, 12); // 0.05 refused
    expect(loose.declined).toBeCloseTo(4 / 5, 12);
    expect(loose.threshold).toBeCloseTo(0.175, 6);
  });

  it('reports the AUC of the score', () => {
    expect(auc([1, 2], [0])).toBe(1);
    expect(auc([0], [1])).toBe(0);
    expect(auc([1], [1])).toBe(0.5);
  });

  it('cross-validates the fitting, deterministically for a seed', () => {
    const a = crossValidate(answerable, unanswerable, 0.1, 5, 10, 7);
    const b = crossValidate(answerable, unanswerable, 0.1, 5, 10, 7);
    expect(a).toEqual(b);
    expect(a.declined).toBeGreaterThan(0);
    expect(a.declined).toBeLessThanOrEqual(1);
    expect(a.falseRefusalsRange[0]).toBeLessThanOrEqual(a.falseRefusals);
    expect(() => crossValidate(answerable, unanswerable, 0.1, 1)).toThrow(/2 folds/);
    expect(() => crossValidate(answerable, unanswerable.slice(0, 2), 0.1, 5)).toThrow(/needs at least/);
  });
});
