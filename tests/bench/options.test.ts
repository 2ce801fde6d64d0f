import { describe, expect, it } from 'vitest';
import { DEFAULT_BENCH, parseBenchArgs, QUICK_BENCH } from '../../bench/options.js';

describe('bench options', () => {
  it('defaults to every section at 10k and 100k passages', () => {
    const o = parseBenchArgs([], {});
    expect(o?.sections).toEqual(['ingest', 'http', 'memory', 'scaling', 'stores']);
    expect(o?.sizes).toEqual([10_000, 100_000]);
    expect(o?.connections).toEqual([1, 8, 32]);
    expect(o?.ks).toEqual([5, 10]);
    expect(o?.modelDir).toBeNull();
    expect(o?.storeSizes).toEqual(DEFAULT_BENCH.storeSizes);
  });

  it('--quick shrinks sizes and runs; explicit flags still win', () => {
    const o = parseBenchArgs(['--quick', '--sizes', '500,200,500'], {});
    expect(o?.quick).toBe(true);
    expect(o?.durationSec).toBe(QUICK_BENCH.durationSec);
    expect(o?.sizes).toEqual([200, 500]);
  });

  it('--large adds 100k to the store bench; MODEL_DIR comes from the environment', () => {
    const o = parseBenchArgs(['--large'], { MODEL_DIR: '/models' });
    expect(o?.storeSizes).toContain(100_000);
    expect(o?.modelDir).toBe('/models');
  });

  it('refuses unknown sections and malformed numbers with INVALID_PARAMETER', () => {
    expect(() => parseBenchArgs(['--sections', 'ingest,speed'], {})).toThrow(expect.objectContaining({ code: 'INVALID_PARAMETER' }));
    expect(() => parseBenchArgs(['--sizes', '10k'], {})).toThrow(expect.objectContaining({ code: 'INVALID_PARAMETER' }));
    expect(() => parseBenchArgs(['--sizes', '0'], {})).toThrow(expect.objectContaining({ code: 'INVALID_PARAMETER' }));
  });

  it('returns null for --help', () => {
    expect(parseBenchArgs(['--help'], {})).toBeNull();
  });
});
