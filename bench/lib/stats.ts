// Latency and throughput summaries. Pure (runs in Node and in the Chromium harness).

export interface LatencySummary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  min: number;
  max: number;
}

/** Nearest-rank percentile (p in 0..100) of already sorted samples; NaN when empty. */
export function percentileOfSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  const index = Math.min(sorted.length - 1, Math.max(0, rank - 1));
  return sorted[index] ?? Number.NaN;
}

export function percentile(samples: readonly number[], p: number): number {
  return percentileOfSorted(
    [...samples].sort((a, b) => a - b),
    p,
  );
}

/** Rounds to 3 significant decimals so results stay readable in JSON. */
export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    n,
    p50: round(percentileOfSorted(sorted, 50)),
    p95: round(percentileOfSorted(sorted, 95)),
    p99: round(percentileOfSorted(sorted, 99)),
    mean: round(n === 0 ? Number.NaN : sum / n),
    min: round(sorted[0] ?? Number.NaN),
    max: round(sorted[n - 1] ?? Number.NaN),
  };
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** a / b rounded; the ratio convention of the reports is always "Waypost over floor/peer". */
export function ratio(a: number, b: number): number {
  return b === 0 ? Number.NaN : round(a / b, 2);
}

export function perSecond(count: number, ms: number): number {
  return ms <= 0 ? Number.NaN : round((count * 1000) / ms, 1);
}
