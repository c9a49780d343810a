import { describe, expect, it } from 'vitest';
import { percentile, perSecond, ratio, summarize } from '../../../bench/lib/stats.ts';

describe('bench stats', () => {
  it('uses nearest-rank percentiles', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 95)).toBe(95);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('does not depend on input order', () => {
    expect(summarize([5, 1, 4, 2, 3])).toEqual(summarize([1, 2, 3, 4, 5]));
    expect(summarize([5, 1, 4, 2, 3])).toMatchObject({ n: 5, p50: 3, min: 1, max: 5, mean: 3 });
  });

  it('reports ratios and rates', () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(1, 0)).toBeNaN();
    expect(perSecond(500, 250)).toBe(2000);
  });
});
